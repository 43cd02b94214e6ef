"""Integrations with distributed engines (optional extras): `modkit.integrations.dask`."""
