"""Labelled corpora for training and evaluation, and the fixed train/test split.

The split (documented in corpora/README.md, section "Splits"): a row of a labelled corpus
is in `test` when the first 8 hex digits of SHA-256 of its `id` (UTF-8), read as an
integer, are divisible by 5; otherwise in `train`. It depends on the id only, so it never
changes when rows are added, relabelled or reordered. Models train on `train` only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..categories import Category
from ..errors import InputError

Split = Literal["train", "test"]
TEST_MODULUS = 5  # 1 in 5 ids (20 %) is held out


@dataclass(frozen=True, slots=True)
class Example:
    id: str
    text: str
    labels: frozenset[Category]


def split_of(example_id: str) -> Split:
    bucket = int(hashlib.sha256(example_id.encode("utf-8")).hexdigest()[:8], 16)
    return "test" if bucket % TEST_MODULUS == 0 else "train"


def read_labelled(path: str | Path, split: Split | None = None) -> list[Example]:
    """Rows of a labelled JSONL corpus (`id`, `text`, `labels`), optionally one split only."""

    def example(row: dict[str, Any]) -> Example | None:
        e = Example(str(row["id"]), row["text"], frozenset(Category(c) for c in row["labels"]))
        return e if split is None or split_of(e.id) == split else None

    return _read(Path(path), example, "a labelled row")


def data_hash(examples: Iterable[Example]) -> str:
    """SHA-256 of exactly the rows a model saw (id, text, sorted labels; in order)."""
    digest = hashlib.sha256()
    for e in examples:
        record = [e.id, e.text, sorted(c.value for c in e.labels)]
        digest.update(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
    return digest.hexdigest()


def file_hash(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


ABSABANK_TRAIN = "absabank-imm/absabank-imm_train.jsonl"


def read_absabank_clean(shared: str | Path, min_stance: float = 3.0) -> list[Example]:
    """ABSAbank-Imm training paragraphs (real Swedish immigration debate, CC BY 4.0) whose mean
    stance is at least `min_stance` (neutral or positive), as examples with no category.

    The label is a stance, not a hate-speech label; below 3 (negative stance) nothing is used,
    since some of those paragraphs may break the policy."""
    def example(row: dict[str, Any]) -> Example | None:
        return Example(f"absabank:{row['id']}", row["text"], frozenset()) if float(row["label"]) >= min_stance else None

    return _read(Path(shared) / ABSABANK_TRAIN, example, "an ABSAbank-Imm row")


def _read(path: Path, example: Callable[[dict[str, Any]], Example | None], what: str) -> list[Example]:
    """The examples `example` makes of a JSONL file's rows (None: leave the row out)."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")  # not splitlines(): texts may hold U+2028
    except OSError as exc:
        raise InputError(f"{path}: cannot read corpus: {exc.strerror or exc}") from exc
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            made = example(json.loads(line))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{number}: not {what}: {exc}") from exc
        if made is not None:
            out.append(made)
    return out
