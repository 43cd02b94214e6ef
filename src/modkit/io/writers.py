"""Verdict writers: JSONL (one object per line) or CSV (for a spreadsheet)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from ..verdict import Verdict

OutputFormat = Literal["jsonl", "csv"]
CSV_COLUMNS = ["id", "action", "needs_review", "categories", "reasons", "language", "findings", "suppressed", "reply_text", "ruleset_version"]


def verdict_row(verdict: Verdict) -> dict[str, Any]:
    """The output record: `id` first, then the verdict."""
    data = verdict.model_dump(mode="json")
    return {"id": data.pop("comment_id"), **data}


def flat_row(verdict: Verdict) -> dict[str, str]:
    """The CSV record (also the columns of a data frame): one string per `CSV_COLUMNS` entry."""
    row = verdict_row(verdict)
    return {
        "id": row["id"],
        "action": row["action"],
        "needs_review": "ja" if row["needs_review"] else "nej",
        "categories": ";".join(row["categories"]),
        "reasons": " | ".join(row["reasons"]),
        "language": row["language"],
        "findings": json.dumps(row["findings"], ensure_ascii=False),
        "suppressed": json.dumps(row["suppressed"], ensure_ascii=False),
        "reply_text": row["reply_text"] or "",
        "ruleset_version": row["ruleset"]["version"],
    }


class VerdictWriter(Protocol):
    def write(self, verdict: Verdict) -> None: ...
    def close(self) -> None: ...


class JsonlWriter:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, verdict: Verdict) -> None:
        self.stream.write(json.dumps(verdict_row(verdict), ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self.stream is not sys.stdout:
            self.stream.close()
        else:
            self.stream.flush()


class CsvWriter(JsonlWriter):
    def __init__(self, stream: IO[str], header: bool = True) -> None:
        super().__init__(stream)
        self.writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, delimiter=",")
        if header:
            self.writer.writeheader()

    def write(self, verdict: Verdict) -> None:
        self.writer.writerow(flat_row(verdict))


def infer_output_format(path: str) -> OutputFormat:
    return "csv" if path.lower().endswith(".csv") else "jsonl"


def open_writer(path: str, fmt: OutputFormat, *, append: bool = False) -> VerdictWriter:
    """`append=True` continues a file (a resumed run): no second CSV header."""
    if path == "-":
        stream: IO[str] = sys.stdout
        has_content = False
    else:
        target = Path(path)
        has_content = append and target.exists() and target.stat().st_size > 0
        stream = target.open("a" if append else "w", encoding="utf-8", newline="")
    return CsvWriter(stream, header=not has_content) if fmt == "csv" else JsonlWriter(stream)
