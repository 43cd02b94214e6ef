"""Scale: --workers N gives the single-process output in input order; --resume after kill -9
gives the uninterrupted output; the Dask integration gives the same verdicts."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from modkit.batch import EngineSpec, engine_for, score_stream
from modkit.cli.main import main
from modkit.io.readers import BadRow, read_comments
from modkit.io.writers import verdict_row
from modkit.resources import bundled_rules_root

from .conftest import ROOT

SAMPLE = ROOT / "corpora" / "sample" / "comments.jsonl"


def _dump(path: Path, copies: int, bad_every: int = 0) -> Path:
    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        n = 0
        for copy in range(copies):
            for row in rows:
                n += 1
                if bad_every and n % bad_every == 0:
                    out.write("{not json\n")
                out.write(json.dumps({**row, "id": f"{row['id']}-{copy}"}, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A frozen copy of the bundled rules: runs compared with each other use the same rules."""
    target = tmp_path_factory.mktemp("rules") / "rules"
    shutil.copytree(bundled_rules_root(), target)
    return ["--only-rules", str(target / "sv"), "--policy", str(target / "policy.toml")]


@pytest.fixture(scope="module")
def dump_2k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _dump(tmp_path_factory.mktemp("scale") / "dump.jsonl", 10, bad_every=397)


@pytest.fixture(scope="module")
def single_output(dump_2k: Path, rules: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("single") / "w1.jsonl"
    assert main(["score", str(dump_2k), "-o", str(out), "--no-language", "--quiet", *rules]) == 1  # bad rows -> 1
    return out


def test_workers_keep_input_order_and_equal_the_single_process_run(dump_2k: Path, single_output: Path, rules: list[str], tmp_path: Path) -> None:
    out = tmp_path / "w2.jsonl"
    assert main(["score", str(dump_2k), "-o", str(out), "--no-language", "--quiet", "--workers", "2", *rules]) == 1
    assert out.read_bytes() == single_output.read_bytes()
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == 2000 and ids[0].endswith("-0") and ids[-1].endswith("-9")


def _spec(rules: list[str]) -> EngineSpec:
    """The spec `modkit score … *rules --no-language` builds (so its cached engine is reused)."""
    return EngineSpec.of([rules[1]], (), rules[3], detect_language=False)


def test_score_stream_batches_interleave_bad_rows_in_order(rules: list[str], tmp_path: Path) -> None:
    path = _dump(tmp_path / "d.jsonl", 2, bad_every=7)
    spec = _spec(rules)
    engine = engine_for(spec)  # built before the pool: forked workers inherit it
    with path.open(encoding="utf-8") as stream:
        items = list(read_comments(stream))
    parallel = list(score_stream(items, spec, workers=2, batch_size=16, in_flight=2))
    assert [item for item, _ in parallel] == items
    for item, verdict in parallel:
        if isinstance(item, BadRow):
            assert verdict is None
        else:
            assert verdict is not None and verdict == engine.moderate(item)


def test_resume_after_kill_9_equals_the_uninterrupted_run(dump_2k: Path, single_output: Path, rules: list[str], tmp_path: Path) -> None:
    out = tmp_path / "killed.jsonl"
    cmd = [sys.executable, "-m", "modkit", "score", str(dump_2k), "-o", str(out), "--no-language", "--quiet", *rules]
    proc = subprocess.Popen([*cmd, "--workers", "2"], cwd=ROOT, start_new_session=True)
    target = single_output.stat().st_size // 3
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if out.exists() and out.stat().st_size >= target:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, mid-write
    proc.wait()
    partial = out.read_bytes()
    assert 0 < len(partial) < single_output.stat().st_size
    assert single_output.read_bytes().startswith(partial[: partial.rfind(b"\n") + 1])

    resumed = subprocess.run([*cmd, "--resume", "--workers", "2"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert resumed.returncode == 1, resumed.stderr  # bad rows in the input
    assert out.read_bytes() == single_output.read_bytes()


def test_resume_cuts_a_partial_csv_record_and_skips_a_finished_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _dump(tmp_path / "d.jsonl", 1)
    full, part = tmp_path / "full.csv", tmp_path / "part.csv"
    assert main(["score", str(data), "-o", str(full), "--no-language", "--quiet"]) == 0
    raw = full.read_bytes()
    part.write_bytes(raw[: raw.index(b"\r\n", len(raw) // 2) + 7])  # 5 bytes into a record
    assert main(["score", str(data), "-o", str(part), "--no-language", "--resume"]) == 0
    assert part.read_bytes() == raw
    err = capsys.readouterr().err
    assert "cut a partial last record" in err and "200 comments scored" in err
    assert main(["score", str(data), "-o", str(part), "--no-language", "--resume", "--quiet"]) == 0  # nothing left
    assert part.read_bytes() == raw


def test_resume_refuses_another_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _dump(tmp_path / "d.jsonl", 1)
    out = tmp_path / "o.jsonl"
    other = _dump(tmp_path / "other.jsonl", 1)
    other.write_text(other.read_text(encoding="utf-8").replace('"fb-10240-0"', '"someone-else"'), encoding="utf-8")
    assert main(["score", str(other), "-o", str(out), "--no-language", "--quiet"]) == 0
    assert main(["score", str(data), "-o", str(out), "--no-language", "--resume"]) == 2
    assert "resume with the same input" in capsys.readouterr().err
    assert main(["score", str(data), "--resume"]) == 2


def test_dask_integration_gives_identical_verdicts(rules: list[str], tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    from modkit.integrations.dask import moderate_bag, moderate_dataframe

    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    spec = _spec(rules)
    engine = engine_for(spec)
    from modkit import Comment

    expected = [verdict_row(engine.moderate(Comment(**row))) for row in rows]
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        bag_rows = moderate_bag(db.from_sequence(rows, npartitions=4), spec).compute()
        frame = pd.DataFrame({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows], "platform": [r["platform"] for r in rows]})
        scored = moderate_dataframe(dd.from_pandas(frame, npartitions=3), spec=spec).compute()
    assert bag_rows == expected
    assert list(scored["id"]) == [r["id"] for r in expected]
    assert list(scored["action"]) == [r["action"] for r in expected]
    assert list(scored["categories"]) == [";".join(r["categories"]) for r in expected]
