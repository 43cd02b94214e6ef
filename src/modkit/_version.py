"""The engine version, recorded in every verdict so old verdicts can be reproduced."""

__version__ = "0.1.0"
