"""Killing `modkit score --audit` with SIGKILL mid-batch loses no committed record and leaves a valid chain."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from modkit.audit import open_store
from modkit.errors import ModkitError
from modkit.rules import load_ruleset

from .audit_support import audit_url, query  # noqa: F401
from .conftest import ROOT

SAMPLE = ROOT / "corpora" / "sample" / "comments.jsonl"
REPEATS = 150  # 30,000 comments: far more than the run lives before it is killed


def _big_input(path: Path) -> int:
    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(REPEATS):
            for row in rows:
                out.write(json.dumps({**row, "id": f"{row['id']}-{i}"}, ensure_ascii=False) + "\n")
                n += 1
    return n


def _small_rules(tmp_path: Path) -> list[str]:
    """A few bundled rule files: the job starts in half the time, and durability does not depend on rules."""
    mini = tmp_path / "rules"
    mini.mkdir()
    for name in ("guards.toml", "fragments.toml", "profanity.toml", "advertising.toml"):
        if (ROOT / "rules" / "sv" / name).is_file():
            shutil.copy(ROOT / "rules" / "sv" / name, mini / name)
    try:
        load_ruleset([mini])
    except ModkitError:
        return []  # the rule files came to depend on others: use the bundled rules (slower, same test)
    return ["--only-rules", str(mini)]


def _count(url: str) -> int:
    try:
        return int(query(url, "SELECT count(*) FROM audit_record")[0][0])
    except Exception:  # the table may not exist yet while the job starts
        return 0


def test_sigkill_mid_batch_loses_no_committed_record(audit_url: str, tmp_path: Path) -> None:
    data, out = tmp_path / "big.jsonl", tmp_path / "out.jsonl"
    total = _big_input(data)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "modkit", "score", str(data), "-o", str(out), "--audit", audit_url,
         "--no-language", "--audit-batch", "40", "--quiet", *_small_rules(tmp_path)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while (seen := _count(audit_url)) < 120:  # three batches committed: the job is well under way
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "the job wrote no records"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()

    lines = out.read_bytes().split(b"\n")
    complete = [json.loads(line) for line in lines[:-1] if line.strip()]  # the last piece may be cut mid-line
    assert len(complete) < total, "the job finished before it was killed: nothing was tested"
    with open_store(audit_url, create=False) as store:
        report = store.verify()
        assert report.ok, [str(p) for p in report.problems]
        head_seq, _ = store.head()
        records = store.find()
    assert len(records) == head_seq >= seen  # every record seen committed before the kill is there
    recorded = {r.comment_id for r in records}
    removals = [v["id"] for v in complete if v["action"] in ("remove", "remove_and_register")]
    assert removals, "no removal was emitted before the kill"
    missing = [cid for cid in removals if cid not in recorded]
    assert not missing, f"removals emitted without a committed record: {missing[:5]}"
