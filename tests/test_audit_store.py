"""The audit store on every backend: contents, chaining, idempotency, reviews, tamper evidence."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest

from modkit import Action, Engine, RulesetInfo
from modkit.audit import AuditRecord, RecordKind, ReviewDecision, open_store
from modkit.audit.canonical import GENESIS_HASH
from modkit.errors import AuditError

from .audit_support import audit_url, is_postgres, make_record, query, tamper  # noqa: F401


def test_record_keeps_comment_verdict_and_provenance(audit_url: str, engine: Engine) -> None:
    with open_store(audit_url) as store:
        stored = store.write(make_record(engine, "insult"))
        back = store.get(stored.seq or 0)
    assert back is not None and back == stored
    assert back.seq == 1 and back.prev_hash == GENESIS_HASH
    assert back.record_hash == back.compute_hash() and len(back.record_hash or "") == 64
    assert back.comment is not None and back.verdict is not None
    assert (back.comment.text, back.comment.author, back.comment.url) == (
        "Din jävla idiot", "Test Testsson", "https://example.org/c/insult")
    assert back.comment.metadata == {"likes": 3} and back.comment.created_at is not None
    assert back.verdict.findings and back.verdict.reasons
    assert back.ruleset == engine.ruleset_info
    assert back.policy is not None and back.policy.content_hash == engine.provenance.policy.content_hash
    assert back.classifiers == [] and back.engine_version == engine.provenance.engine_version
    assert back.action is Action.REMOVE and back.decided_by == "system"
    assert back.decided_at.tzinfo is not None and back.decided_at.utcoffset().total_seconds() == 0


def test_records_chain_each_to_the_one_before(audit_url: str, engine: Engine) -> None:
    with open_store(audit_url) as store:
        written = store.write_many([make_record(engine, k) for k in ("insult", "ad", "phone")])
        assert [r.seq for r in written] == [1, 2, 3]
        assert [r.prev_hash for r in written] == [GENESIS_HASH, written[0].record_hash, written[1].record_hash]
        assert store.head() == (3, written[2].record_hash)
        assert store.verify().ok


def test_same_comment_same_rules_is_written_once(audit_url: str, engine: Engine) -> None:
    with open_store(audit_url) as store:
        first = store.write(make_record(engine, "insult"))
        again = store.write_many([make_record(engine, "insult"), make_record(engine, "insult")])
        assert [r.seq for r in again] == [first.seq, first.seq]
        assert again[0].record_hash == first.record_hash
        assert store.head()[0] == 1


def test_rescore_under_new_rules_appends(audit_url: str, engine: Engine) -> None:
    # Another rule set, as a municipality's extra rule directory gives it (same verdict, other rules hash).
    new_rules = RulesetInfo(name="modkit-sv+municipality", version="f" * 12, content_hash="f" * 64)
    provenance = engine.provenance.model_copy(update={"ruleset": new_rules})
    original = make_record(engine, "insult")
    assert original.comment is not None and original.verdict is not None
    rescored = AuditRecord.from_verdict(
        original.comment, original.verdict.model_copy(update={"ruleset": new_rules}), provenance)
    with open_store(audit_url) as store:
        first = store.write(original)
        second = store.write(rescored)
        assert second.seq == 2 and second.prev_hash == first.record_hash and second.ruleset == new_rules
        assert store.write(rescored).seq == 2  # and that one is idempotent in turn
        assert [r.seq for r in store.find(comment_id="insult")] == [1, 2]


def test_edited_comment_appends(audit_url: str, engine: Engine) -> None:
    with open_store(audit_url) as store:
        store.write(make_record(engine, "insult"))
        store.write(make_record(engine, "insult", text="Din jävla idiot!!"))
        assert store.head()[0] == 2


def test_reviews_and_holds_append_and_point_to_the_original(audit_url: str, engine: Engine) -> None:
    with open_store(audit_url) as store:
        original = store.write(make_record(engine, "insult"))
        confirm = store.write(AuditRecord.reviewed(original, ReviewDecision.CONFIRM, "Anna Lindqvist", note="ok"))
        overturn = store.write(AuditRecord.reviewed(original, ReviewDecision.OVERTURN, "Bo Ek", action=Action.PUBLISH))
        restore = store.write(AuditRecord.reviewed(overturn, ReviewDecision.RESTORE, "Bo Ek"))
        hold = store.write(AuditRecord.hold(original, "Anna Lindqvist", "Polisanmälan K-1"))
        assert store.get(1) == original  # nothing was updated in place
        assert [r.refers_to for r in (confirm, overturn, restore, hold)] == [1, 1, 3, 1]
        assert confirm.action is Action.REMOVE and overturn.action is Action.PUBLISH and restore.action is Action.PUBLISH
        assert hold.kind is RecordKind.HOLD
        assert [r.seq for r in store.related(1)] == [2, 3, 4, 5]
        assert store.verify().ok
        with pytest.raises(AuditError):
            AuditRecord.reviewed(original, ReviewDecision.OVERTURN, "Bo Ek")  # an overturn names the new action
        with pytest.raises(AuditError):
            AuditRecord.reviewed(original, ReviewDecision.CONFIRM, "system")  # a reviewer is a named person


def test_a_batch_is_one_transaction(audit_url: str, engine: Engine) -> None:
    with open_store(audit_url) as store:
        store.write(make_record(engine, "insult"))
        dangling = AuditRecord(kind=RecordKind.HOLD, refers_to=999, decided_by="Anna")
        with pytest.raises(AuditError):
            store.write_many([make_record(engine, "ad"), make_record(engine, "swear"), dangling])
        assert store.head()[0] == 1 and [r.seq for r in store.find()] == [1]
        store.write(make_record(engine, "ad"))  # the failed batch left no lock or partial state behind
        assert store.head()[0] == 2 and store.verify().ok


def test_two_writers_keep_one_gapless_chain(audit_url: str, engine: Engine) -> None:
    with open_store(audit_url) as one, open_store(audit_url) as two:
        for i in range(6):
            (one if i % 2 else two).write(make_record(engine, "swear", f"c{i}"))
        assert one.head()[0] == 6
        assert one.verify().ok and two.verify().ok


def test_commit_listeners_see_only_new_records(audit_url: str, engine: Engine) -> None:
    seen: list[list[int]] = []
    with open_store(audit_url) as store:
        store.listeners.append(lambda records: seen.append([r.seq or 0 for r in records]))
        store.write_many([make_record(engine, "insult"), make_record(engine, "ad")])
        store.write(make_record(engine, "insult"))  # idempotent: nothing new
    assert seen == [[1, 2]]


def test_guards_refuse_casual_update_and_delete(audit_url: str, engine: Engine) -> None:
    with open_store(audit_url) as store:
        store.write(make_record(engine, "insult"))
    if is_postgres(audit_url):
        import psycopg

        with psycopg.connect(audit_url, autocommit=True) as conn:
            for sql in ("UPDATE audit_record SET action = 'publish'", "DELETE FROM audit_record"):
                with pytest.raises(psycopg.Error, match="append-only"):
                    conn.execute(sql)
    else:
        import sqlite3

        conn = sqlite3.connect(audit_url)
        for sql in ("UPDATE audit_record SET action = 'publish'", "DELETE FROM audit_record"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only|purge"):
                conn.execute(sql)
        conn.close()
    assert query(audit_url, "SELECT count(*) FROM audit_record") == [(1,)]


# -- tamper evidence ----------------------------------------------------------------------


def _chain(audit_url: str, engine: Engine, n: int = 6) -> None:
    with open_store(audit_url) as store:
        store.write_many([make_record(engine, "swear", f"c{i}") for i in range(n)])
        assert store.verify().ok


def _first_broken(audit_url: str) -> int | None:
    with open_store(audit_url) as store:
        report = store.verify()
    assert not report.ok
    return report.first.seq if report.first else None


def test_editing_content_is_found_and_named(audit_url: str, engine: Engine) -> None:
    _chain(audit_url, engine)
    tamper(audit_url, "UPDATE audit_record SET body = replace(body, 'trött', 'pigg') WHERE seq = ?", (3,))
    assert _first_broken(audit_url) == 3


def test_editing_content_and_recomputing_its_hash_is_found_and_named(audit_url: str, engine: Engine) -> None:
    _chain(audit_url, engine)
    body = query(audit_url, "SELECT body FROM audit_record WHERE seq = ?", (4,))[0][0]
    forged = body.replace("trött", "pigg")
    tamper(audit_url, "UPDATE audit_record SET body = ?, record_hash = ? WHERE seq = ?",
           (forged, hashlib.sha256(forged.encode()).hexdigest(), 4))
    assert _first_broken(audit_url) == 4


def test_editing_a_query_column_is_found_and_named(audit_url: str, engine: Engine) -> None:
    _chain(audit_url, engine)
    tamper(audit_url, "UPDATE audit_record SET action = 'remove_and_register' WHERE seq = ?", (2,))
    with open_store(audit_url) as store:
        report = store.verify()
    assert report.first is not None and report.first.seq == 2 and "action" in report.first.message


def test_deleting_a_record_is_found_and_named(audit_url: str, engine: Engine) -> None:
    _chain(audit_url, engine)
    tamper(audit_url, "DELETE FROM audit_record WHERE seq = ?", (3,))
    with open_store(audit_url) as store:
        report = store.verify()
    assert report.first is not None and report.first.seq == 3 and "missing" in report.first.message


@pytest.mark.parametrize("victim", [1, 6])
def test_deleting_the_first_or_newest_record_is_found(audit_url: str, engine: Engine, victim: int) -> None:
    _chain(audit_url, engine)
    tamper(audit_url, "DELETE FROM audit_record WHERE seq = ?", (victim,))
    assert _first_broken(audit_url) == victim


def test_inserting_a_forged_record_is_found(audit_url: str, engine: Engine) -> None:
    _chain(audit_url, engine, 3)
    row = query(audit_url, "SELECT body, prev_hash FROM audit_record WHERE seq = 2")[0]
    data = json.loads(row[0])
    data["seq"] = 4
    forged = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    tamper(audit_url, "INSERT INTO audit_record (seq, record_hash, prev_hash, kind, comment_id, refers_to, action,"
           " decided_at, body) SELECT 4, ?, prev_hash, kind, comment_id, refers_to, action, decided_at, ? FROM audit_record"
           " WHERE seq = 2", (hashlib.sha256(forged.encode()).hexdigest(), forged))
    assert _first_broken(audit_url) == 4


def test_anchor_detects_a_rewritten_history(audit_url: str, engine: Engine) -> None:
    _chain(audit_url, engine, 3)
    with open_store(audit_url) as store:
        anchor = store.head()[1]
        assert store.verify(anchors=[anchor]).ok
        report = store.verify(anchors=["f" * 64])
    assert not report.ok and report.anchors_missing == ["f" * 64]


def test_from_verdict_refuses_a_mismatched_comment(engine: Engine) -> None:
    record = make_record(engine, "insult")
    assert record.comment is not None and record.verdict is not None
    other = record.comment.model_copy(update={"id": "other"})
    with pytest.raises(AuditError):
        AuditRecord.from_verdict(other, record.verdict, engine)


def test_decided_at_is_stored_in_utc(engine: Engine) -> None:
    from datetime import timedelta, timezone

    local = datetime(2026, 6, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    record = make_record(engine, "insult", when=local)
    assert record.decided_at == local and record.decided_at.tzinfo is UTC
    assert '"decided_at":"2026-06-01T10:00:00Z"' in record.body()


def test_sqlite_store_is_wal_with_full_sync_and_foreign_keys(tmp_path, engine: Engine) -> None:  # noqa: ANN001
    with open_store(tmp_path / "a.db") as store:
        conn = store._conn  # type: ignore[attr-defined]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_opening_a_missing_store_without_create_fails(tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(AuditError, match="no audit store"):
        open_store(tmp_path / "nope.db", create=False)
