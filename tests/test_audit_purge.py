"""Gallring: records past their retention go, registered and held cases stay, the chain still verifies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from modkit import Engine
from modkit.audit import AuditRecord, RecordKind, ReviewDecision, open_store, parse_retention, retention_for
from modkit.categories import Category
from modkit.errors import AuditError

from .audit_support import audit_url, make_record, tamper  # noqa: F401

NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)


def ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


def _populate(url: str, engine: Engine) -> dict[str, list[int]]:
    """Cases of every kind; returns the seqs of each case, root first."""
    cases: dict[str, list[int]] = {}
    with open_store(url) as store:
        def put(name: str, key: str, days: int) -> AuditRecord:
            record = store.write(make_record(engine, key, name, when=ago(days)))
            cases[name] = [record.seq or 0]
            return record

        put("ad_old", "ad", 100)  # advertising, 90d: expired
        put("swear_young", "swear", 30)  # profanity, 90d: young
        put("insult_young", "insult", 100)  # insult, 1y: young
        put("phone_old", "phone", 800)  # remove_and_register: registered, kept
        held = put("ad_held", "ad", 200)
        cases["ad_held"].append(store.write(AuditRecord.hold(held, "Anna", "Polisanmälan", decided_at=ago(150))).seq or 0)
        released = put("ad_released", "ad", 200)
        cases["ad_released"].append(store.write(AuditRecord.hold(released, "Anna", decided_at=ago(190))).seq or 0)
        cases["ad_released"].append(
            store.write(AuditRecord.hold(released, "Anna", release=True, decided_at=ago(180))).seq or 0)
        reviewed = put("insult_reviewed_old", "insult", 400)
        cases["insult_reviewed_old"].append(store.write(AuditRecord.reviewed(
            reviewed, ReviewDecision.CONFIRM, "Bo", decided_at=ago(390))).seq or 0)
        recent = put("insult_reviewed_recently", "insult", 400)
        cases["insult_reviewed_recently"].append(store.write(AuditRecord.reviewed(
            recent, ReviewDecision.CONFIRM, "Bo", decided_at=ago(10))).seq or 0)
    return cases


def test_retention_classes_come_from_the_policy(engine: Engine) -> None:
    policy = engine.policy
    assert retention_for(policy, [Category.PROFANITY]).period == timedelta(days=90)
    assert retention_for(policy, [Category.PROFANITY, Category.INSULT]).label == "1y"
    assert retention_for(policy, [Category.DEFAMATION]).label == "2y"
    assert retention_for(policy, [Category.ADVERTISING, Category.PERSONAL_DATA]).registered
    assert retention_for(policy, []).label == "90d"
    assert parse_retention("1y").period == timedelta(days=366)  # never before the anniversary
    with pytest.raises(AuditError):
        parse_retention("forever")


def test_dry_run_deletes_nothing(audit_url: str, engine: Engine) -> None:
    cases = _populate(audit_url, engine)
    with open_store(audit_url) as store:
        before = store.head()
        result = store.purge(engine.policy, now=NOW, dry_run=True)
        assert result.record is None and store.head() == before
    purged_roots = sorted(case.root.comment_id or "" for case in result.plan.purge)
    assert purged_roots == ["ad_old", "ad_released", "insult_reviewed_old"]
    assert result.plan.seqs == sorted(cases["ad_old"] + cases["ad_released"] + cases["insult_reviewed_old"])


def test_purge_keeps_registered_and_held_and_still_verifies(audit_url: str, engine: Engine) -> None:
    cases = _populate(audit_url, engine)
    with open_store(audit_url) as store:
        result = store.purge(engine.policy, now=NOW, older_than=timedelta(days=90), decided_by="Arkivarie Eva")
        gone = sorted(cases["ad_old"] + cases["ad_released"] + cases["insult_reviewed_old"])
        assert result.record is not None and result.record.kind is RecordKind.PURGE
        assert [e.seq for e in result.record.purged] == gone
        assert result.record.decided_by == "Arkivarie Eva" and "Gallring" in (result.record.note or "")
        left = {r.comment_id for r in store.find(kind=RecordKind.VERDICT)}
        assert left == {"swear_young", "insult_young", "phone_old", "ad_held", "insult_reviewed_recently"}
        assert [c.root.comment_id for c in result.plan.kept_registered] == ["phone_old"]
        assert [c.root.comment_id for c in result.plan.kept_on_hold] == ["ad_held"]
        for seq in gone:
            assert store.get(seq) is None
        report = store.verify()
        assert report.ok, report.problems
        assert report.purged == len(gone)
        # A second purge a year later: more goes, both purge records keep the chain whole.
        later = store.purge(engine.policy, now=NOW + timedelta(days=400))
        assert later.record is not None
        assert {r.comment_id for r in store.find(kind=RecordKind.VERDICT)} == {"phone_old", "ad_held"}
        assert store.verify().ok


def test_older_than_holds_back_a_purge(audit_url: str, engine: Engine) -> None:
    _populate(audit_url, engine)
    with open_store(audit_url) as store:
        result = store.purge(engine.policy, now=NOW, older_than=timedelta(days=5 * 366))
        assert result.record is None and not result.plan.purge


def test_deleting_outside_purge_is_still_found_after_a_purge(audit_url: str, engine: Engine) -> None:
    cases = _populate(audit_url, engine)
    with open_store(audit_url) as store:
        purge = store.purge(engine.policy, now=NOW)
        assert purge.record is not None
    victim = cases["swear_young"][0]
    tamper(audit_url, "DELETE FROM audit_record WHERE seq = ?", (victim,))
    with open_store(audit_url) as store:
        report = store.verify()
    assert report.first is not None and report.first.seq == victim


def test_editing_a_purge_record_is_found(audit_url: str, engine: Engine) -> None:
    _populate(audit_url, engine)
    with open_store(audit_url) as store:
        purge = store.purge(engine.policy, now=NOW)
    assert purge.record is not None
    tamper(audit_url, "UPDATE audit_record SET body = replace(body, 'Gallring', 'Gallr1ng') WHERE seq = ?",
           (purge.record.seq,))
    with open_store(audit_url) as store:
        report = store.verify()
    assert not report.ok and report.first is not None and report.first.seq == purge.record.seq
