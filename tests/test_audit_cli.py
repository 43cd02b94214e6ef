"""`modkit score --audit` and `modkit audit …`: records before verdicts, verify, show, export, purge."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import modkit.audit
from modkit import Action
from modkit.audit import open_store
from modkit.cli import score as score_cli
from modkit.cli.main import main
from modkit.errors import AuditError

from .audit_support import audit_url, tamper  # noqa: F401
from .conftest import ROOT

SAMPLE = ROOT / "corpora" / "sample" / "comments.jsonl"
REMOVALS = {Action.REMOVE, Action.REMOVE_AND_REGISTER}


class _RecordingWriter:
    """Stands in for the verdict writer: logs when each verdict is emitted."""

    def __init__(self, events: list[tuple[str, str, Action | None]]) -> None:
        self.events = events

    def write(self, verdict) -> None:  # noqa: ANN001
        self.events.append(("emit", verdict.comment_id, verdict.action))

    def close(self) -> None:
        pass


Events = list[tuple[str, str, Action | None]]


def _hook(monkeypatch: pytest.MonkeyPatch, events: Events, fail_on_batch: int | None = None) -> None:
    real = modkit.audit.open_store
    batches = [0]

    def hooked(target, **kwargs):  # noqa: ANN001, ANN202
        store = real(target, **kwargs)
        store.listeners.append(lambda records: events.extend(("commit", r.comment_id or "", r.action) for r in records))
        if fail_on_batch is not None:
            write_many = store.write_many

            def failing(records):  # noqa: ANN001, ANN202
                batches[0] += 1
                if batches[0] == fail_on_batch:
                    raise AuditError("disk full (simulated)")
                return write_many(records)

            store.write_many = failing  # type: ignore[method-assign]
        return store

    monkeypatch.setattr(modkit.audit, "open_store", hooked)
    monkeypatch.setattr(score_cli, "open_writer", lambda *a, **k: _RecordingWriter(events))


def test_every_removal_is_committed_before_its_verdict_is_emitted(
    audit_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[tuple[str, str, Action | None]] = []
    _hook(monkeypatch, events)
    code = main(["score", str(SAMPLE), "-o", str(tmp_path / "out.jsonl"), "--audit", audit_url,
                 "--no-language", "--audit-batch", "7", "--quiet"])
    assert code == 0
    committed_at = {cid: i for i, (kind, cid, _) in enumerate(events) if kind == "commit"}
    emitted = [(i, cid, action) for i, (kind, cid, action) in enumerate(events) if kind == "emit"]
    assert len(emitted) == sum(1 for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip())
    removals = [(i, cid) for i, cid, action in emitted if action in REMOVALS]
    assert len(removals) > 10
    for i, cid in removals:
        assert cid in committed_at and committed_at[cid] < i, f"{cid} emitted before its record was committed"
    assert len({committed_at[cid] for _, cid in removals}) > 1  # several batches, not one at the end
    with open_store(audit_url) as store:
        assert store.verify().ok
        publish_recorded = [r for r in store.find() if r.action is Action.PUBLISH]
        assert not publish_recorded  # default scope: every action but publish


def test_a_failed_commit_emits_nothing_of_its_batch(audit_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    events: list[tuple[str, str, Action | None]] = []
    _hook(monkeypatch, events, fail_on_batch=3)
    code = main(["score", str(SAMPLE), "-o", str(tmp_path / "out.jsonl"), "--audit", audit_url,
                 "--no-language", "--audit-batch", "20", "--quiet"])
    assert code == 2
    assert "disk full" in capsys.readouterr().err
    emitted = [e for e in events if e[0] == "emit"]
    assert 0 < len(emitted) < 200  # the batches before the failure went out; the failed one and the rest did not
    committed = {cid for kind, cid, _ in events if kind == "commit"}
    assert all(cid in committed for _, cid, action in emitted if action in REMOVALS)


def test_score_twice_records_once(audit_url: str, tmp_path: Path) -> None:
    args = ["score", str(SAMPLE), "-o", str(tmp_path / "out.jsonl"), "--audit", audit_url, "--no-language", "--quiet"]
    assert main(args) == 0
    with open_store(audit_url) as store:
        first = store.head()
    assert first[0] > 0
    assert main(args) == 0
    with open_store(audit_url) as store:
        assert store.head() == first


def test_audit_scope_all_records_published_comments_too(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert main(["score", str(SAMPLE), "-o", str(tmp_path / "o.jsonl"), "--audit", str(db), "--audit-scope", "all",
                 "--no-language", "--quiet"]) == 0
    with open_store(db) as store:
        assert store.head()[0] == 200


def test_verify_names_the_first_broken_record(audit_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(SAMPLE), "-o", str(tmp_path / "o.jsonl"), "--audit", audit_url, "--no-language",
                 "--quiet"]) == 0
    assert main(["audit", "verify", "--db", audit_url]) == 0
    assert "ok:" in capsys.readouterr().out
    tamper(audit_url, "UPDATE audit_record SET body = replace(body, 'a', 'e') WHERE seq = ?", (5,))
    tamper(audit_url, "DELETE FROM audit_record WHERE seq = ?", (9,))
    assert main(["audit", "verify", "--db", audit_url]) == 1
    out = capsys.readouterr().out
    assert "first broken record is 5" in out and "record 9: is missing" in out
    assert main(["audit", "verify", "--db", audit_url, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["first_broken"] == 5 and not report["ok"]


def test_review_hold_show_list_and_purge_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "a.db")
    assert main(["score", str(SAMPLE), "-o", str(tmp_path / "o.jsonl"), "--audit", db, "--no-language", "--quiet"]) == 0
    head = open_store(db).head()[0]
    assert main(["audit", "review", "1", "--db", db, "--decision", "overturn", "--by", "Anna", "--action", "publish",
                 "--note", "satir"]) == 0
    assert main(["audit", "hold", "2", "--db", db, "--by", "Anna", "--note", "K-1"]) == 0
    assert main(["audit", "review", "1", "--db", db, "--decision", "overturn", "--by", "Anna"]) == 2  # needs --action
    capsys.readouterr()
    assert main(["audit", "show", "1", "--db", db]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["seq"] == 1 and shown["hash_ok"] and shown["later_records"][0]["review"] == "overturn"
    assert main(["audit", "list", "--db", db, "--kind", "hold"]) == 0
    assert capsys.readouterr().out.startswith(f"{head + 2}\t")
    assert main(["audit", "purge", "--db", db, "--dry-run", "--older-than", "90d"]) == 0
    assert "would purge 0 cases" in capsys.readouterr().out  # all records are from today
    assert main(["audit", "show", "9999", "--db", db]) == 2
    assert main(["audit", "verify", "--db", str(tmp_path / "typo.db")]) == 2


def test_export_json_and_html(audit_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({
        "id": "fb-1", "text": "<script>alert(1)</script> Din jävla idiot", "author": "Kjell & Co", "platform": "facebook",
        "created_at": "2026-11-03T09:14:01+01:00", "url": "https://www.facebook.com/x?comment_id=1&a=b",
    }) + "\n", encoding="utf-8")
    assert main(["score", str(data), "-o", str(tmp_path / "o.jsonl"), "--audit", audit_url, "--no-language", "--quiet"]) == 0
    assert main(["audit", "export", "1", "--db", audit_url, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["comment"]["author"] == "Kjell & Co" and doc["record_hash"]
    out = tmp_path / "rec.html"
    assert main(["audit", "export", "1", "--db", audit_url, "--format", "html", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html  # the comment is shown, never run
    assert "Kjell &amp; Co" in html and "Facebook" in html and "comment_id=1&amp;a=b" in html
    assert "<mark" in html and "jävla" in html and "Skäl" in html and "Tas bort" in html
    with open_store(audit_url) as store:
        record = store.get(1)
    assert record is not None and record.record_hash in html and record.prev_hash in html
    assert "stämmer med innehållet" in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "<link" not in html  # self-contained
    outdir = tmp_path / "many"
    outdir.mkdir()
    assert main(["audit", "export", "1", "1", "--db", audit_url, "-o", str(outdir)]) == 0
    assert (outdir / "modkit-audit-1.html").is_file()
    tamper(audit_url, "UPDATE audit_record SET body = replace(body, 'Kjell', 'Kalle') WHERE seq = ?", (1,))
    assert main(["audit", "export", "1", "--db", audit_url, "-o", str(out)]) == 0
    assert "STÄMMER INTE" in out.read_text(encoding="utf-8")  # a damaged copy says so on its face


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_exported_html_renders_in_a_browser(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    assert main(["score", str(SAMPLE), "-o", str(tmp_path / "o.jsonl"), "--audit", db, "--no-language", "--quiet"]) == 0
    page = tmp_path / "rec.html"
    assert main(["audit", "export", "4", "--db", db, "-o", str(page)]) == 0
    png = tmp_path / "rec.png"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=900,1400",
         f"--screenshot={png}", page.as_uri()],
        check=True, capture_output=True, timeout=60,
    )
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 30_000  # a blank page is a few kB; a rendered record is far more
