"""The `modkit` command line: one module per command."""
