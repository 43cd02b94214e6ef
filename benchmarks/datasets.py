"""Loading the project's corpora and the licensed data in ../shared (skipped when absent)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DEV = ROOT / "corpora" / "sv" / "dev.jsonl"
TEST = ROOT / "corpora" / "sv" / "test.jsonl"  # blind: written apart from the rules, never used to tune them
FUNCTIONAL = ROOT / "corpora" / "functional" / "cases.jsonl"
RTP_LX = SHARED / "rtp-lx-sv" / "rtp_lx_sv_dev.jsonl"
ABSABANK = [SHARED / "absabank-imm" / "absabank-imm_dev.jsonl", SHARED / "absabank-imm" / "absabank-imm_train.jsonl"]


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
