"""Reading comment dumps and writing verdicts, row by row (constant memory)."""

from .formats import CommentSource, detect_format, open_comments
from .readers import BadRow, read_comments
from .writers import VerdictWriter, open_writer

__all__ = ["BadRow", "CommentSource", "VerdictWriter", "detect_format", "open_comments", "open_writer", "read_comments"]
