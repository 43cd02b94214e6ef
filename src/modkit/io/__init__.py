"""Reading comment dumps and writing verdicts, row by row (constant memory)."""

from .readers import BadRow, read_comments
from .writers import VerdictWriter, open_writer

__all__ = ["BadRow", "VerdictWriter", "open_writer", "read_comments"]
