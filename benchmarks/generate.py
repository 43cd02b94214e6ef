"""A seeded generator of large, realistic comment dumps for speed measurements.

Each generated comment is built from the project's own hand-written comments
(corpora/sv/dev.jsonl and corpora/sample/comments.jsonl): one or two of them,
sometimes with a greeting, an emoji or a typo-level change (dropped å/ä/ö,
capitals), so that vocabulary, length (median about 170 characters) and the
share of flagged comments stay close to real dumps while every row differs.

    python -m benchmarks.generate 100000 -o /tmp/dump100k.jsonl --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

from .datasets import DEV, ROOT, read_jsonl

SAMPLE = ROOT / "corpora" / "sample" / "comments.jsonl"
_OPENERS = ["", "", "", "Hej! ", "Hallå kommunen, ", "Ärligt talat: ", "Fråga: ", "@Lidingö stad ", "Vet någon? "]
_CLOSERS = ["", "", "", " 😡", " 👍", " Tack!", " Mvh", "!!", " /boende på Torsvik", " 🙄"]
_PLATFORMS = ["facebook"] * 6 + ["instagram", "x", "youtube", "twitter"]
_ASCII = str.maketrans("åäöÅÄÖ", "aaoAAO")


def _base_texts() -> list[str]:
    texts = [row["text"] for row in read_jsonl(DEV)]
    texts += [row["text"] for row in read_jsonl(SAMPLE)]
    return texts


def generate(n: int, seed: int = 7) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    texts = _base_texts()
    for i in range(n):
        text = rng.choice(texts)
        if len(text) < 120 and rng.random() < 0.5:
            text = f"{text} {rng.choice(texts)}"
        text = rng.choice(_OPENERS) + text + rng.choice(_CLOSERS)
        roll = rng.random()
        if roll < 0.08:
            text = text.translate(_ASCII)
        elif roll < 0.10:
            text = text.upper()
        yield {
            "id": f"gen-{seed}-{i}",
            "text": text,
            "platform": rng.choice(_PLATFORMS),
            "created_at": f"2026-11-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00+01:00",
        }


def write(n: int, path: Path, seed: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in generate(n, seed):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    write(args.n, args.output, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
