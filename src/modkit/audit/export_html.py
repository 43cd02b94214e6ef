"""The printable copy of an audit record: for the diarium, an archive or a police report.

One self-contained HTML document (no scripts, fonts, images or links to load), in
Swedish, laid out for A4: the comment as it appeared (author, time, platform, link) with
the matched passages highlighted and numbered, the decision and its reasons, every
finding and suppressed near-hit, later decisions on it, and the hashes that tie the copy
to the audit chain. A person who never heard of modkit must be able to read it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html import escape

from .._version import __version__
from ..categories import CATEGORY_LABELS_SV, Action, Category
from ..findings import Finding
from .record import ActionState, AuditRecord, RecordKind, ReviewDecision

ACTION_SV = {
    Action.PUBLISH: "Publiceras (ingen åtgärd)",
    Action.REVIEW: "Granskas av en moderator",
    Action.REPLY: "Ligger kvar; staden svarar",
    Action.REMOVE: "Tas bort",
    Action.REMOVE_AND_REGISTER: "Tas bort och registreras i diariet",
}
STATE_SV = {ActionState.PROPOSED: "föreslagen", ActionState.TAKEN: "genomförd"}
REVIEW_SV = {
    ReviewDecision.CONFIRM: "Beslutet bekräftat",
    ReviewDecision.OVERTURN: "Beslutet ändrat",
    ReviewDecision.RESTORE: "Kommentaren återställd",
}
KIND_SV = {
    RecordKind.VERDICT: "Beslut",
    RecordKind.REVIEW: "Granskning",
    RecordKind.HOLD: "Bevarandebeslut (legal hold)",
    RecordKind.RELEASE: "Bevarandebeslut upphävt",
    RecordKind.PURGE: "Gallring",
}
PLATFORM_SV = {"facebook": "Facebook", "twitter": "Twitter", "x": "X", "youtube": "YouTube",
               "instagram": "Instagram", "other": "Annan"}

_CSS = """
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif, "Noto Color Emoji"; font-size: 10.5pt; color: #111;
       margin: 0; padding: 24px; background: #fff; line-height: 1.4; }
section.record { max-width: 180mm; margin: 0 auto 32px; page-break-after: always; }
section.record:last-child { page-break-after: auto; }
h1 { font-size: 17pt; margin: 0 0 2px; }
h2 { font-size: 12pt; margin: 18px 0 6px; border-bottom: 1px solid #999; padding-bottom: 2px; }
.sub { color: #444; margin: 0 0 14px; }
.comment { border: 1px solid #bbb; border-radius: 6px; padding: 12px 14px; background: #fafafa;
           page-break-inside: avoid; }
.comment .who { font-weight: bold; font-size: 11.5pt; }
.comment .meta { color: #555; font-size: 9.5pt; margin-bottom: 8px; }
.comment .text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12pt; }
mark { background: #ffd54a; color: #000; padding: 0 1px; border-bottom: 2px solid #c62828; }
mark sup { color: #c62828; font-weight: bold; font-size: 7.5pt; margin-left: 1px; }
.decision { font-size: 12.5pt; font-weight: bold; }
.decision.remove, .decision.remove_and_register { color: #b71c1c; }
table { border-collapse: collapse; width: 100%; margin: 4px 0; font-size: 9.5pt; }
th, td { border: 1px solid #ccc; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #eee; }
table.kv th { width: 32%; background: #f4f4f4; font-weight: normal; color: #333; }
code, .hash { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8.5pt;
              overflow-wrap: anywhere; }
ul.reasons { margin: 4px 0 0 18px; padding: 0; }
.note { color: #555; font-size: 9pt; }
.ok { color: #1b5e20; font-weight: bold; }
.bad { color: #b71c1c; font-weight: bold; }
footer { color: #666; font-size: 8.5pt; margin-top: 18px; border-top: 1px solid #ccc; padding-top: 4px; }
@media print { body { padding: 0; } .comment { background: #fff; } }
"""


def render_html(items: list[tuple[AuditRecord, list[AuditRecord]]], *, title: str | None = None,
                now: datetime | None = None) -> str:
    """One document with a section per (record, later records about it)."""
    now = now or datetime.now(UTC)
    sections = "\n".join(_section(record, related, now) for record, related in items)
    doc_title = title or (f"Bevarad kommentar – revisionspost {items[0][0].seq}" if len(items) == 1
                          else f"Bevarade kommentarer – {len(items)} revisionsposter")
    return (
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{escape(doc_title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{sections}\n</body>\n</html>\n"
    )


def _section(record: AuditRecord, related: list[AuditRecord], now: datetime) -> str:
    parts = [f'<section class="record" id="post-{record.seq}">']
    if record.kind is RecordKind.VERDICT and record.comment is not None:
        parts += _verdict_parts(record)
    else:
        parts += _event_parts(record)
    if related:
        parts.append("<h2>Senare beslut om kommentaren</h2>")
        parts.append(_related_table(related))
    parts.append("<h2>Spårbarhet</h2>")
    parts.append(_trace_table(record))
    parts.append(
        f"<footer>Utskrivet {escape(_when(now))} av modkit {escape(__version__)} ur revisionsloggen."
        " Kontrollsumman (SHA-256) gör att en senare ändring av posten kan upptäckas:"
        " kör <code>modkit audit verify</code> mot loggen.</footer>"
    )
    parts.append("</section>")
    return "\n".join(parts)


def _verdict_parts(record: AuditRecord) -> list[str]:
    comment, verdict = record.comment, record.verdict
    assert comment is not None and verdict is not None
    platform = PLATFORM_SV.get(comment.platform.value, comment.platform.value)
    action = record.action or verdict.action
    out = [
        "<h1>Bevarad kommentar</h1>",
        f'<p class="sub">Revisionspost nr {record.seq} · kommentar-id <code>{escape(comment.id)}</code>'
        f" · {escape(platform)}</p>",
        "<h2>Kommentaren som den publicerades</h2>",
        '<div class="comment">',
        f'<div class="who">{escape(comment.author or "Okänd avsändare")}</div>',
        f'<div class="meta">{escape(platform)} · {escape(_when(comment.created_at) if comment.created_at else "tid okänd")}'
        + (f" · svar på <code>{escape(comment.parent_id)}</code>" if comment.parent_id else "") + "</div>",
        f'<div class="text">{_highlighted(comment.text, verdict.findings)}</div>',
        "</div>",
        '<table class="kv">',
        _kv("Länk", f'<span class="hash">{escape(comment.url)}</span>' if comment.url else "–"),
        _kv("Publicerad", escape(_when(comment.created_at)) if comment.created_at else "okänt"),
        _kv("Avsändare", escape(comment.author or "okänd")),
        "</table>",
        "<h2>Beslut</h2>",
        f'<p class="decision {action.value}">{escape(ACTION_SV[action])}'
        f' <span class="note">({STATE_SV[record.action_state]})</span></p>',
        '<table class="kv">',
        _kv("Beslutat av", escape(_decider(record.decided_by))),
        _kv("Tidpunkt", escape(_when(record.decided_at))),
        _kv("Kategorier", escape(", ".join(CATEGORY_LABELS_SV[c] for c in verdict.categories) or "inga")),
        _kv("Behöver granskas", "ja" if verdict.needs_review else "nej"),
    ]
    if verdict.reply_text:
        out.append(_kv("Stadens svar", escape(verdict.reply_text)))
    if record.note:
        out.append(_kv("Anteckning", escape(record.note)))
    out.append("</table>")
    if verdict.reasons:
        out.append("<h2>Skäl</h2>")
        out.append('<ul class="reasons">' + "".join(f"<li>{escape(r)}</li>" for r in verdict.reasons) + "</ul>")
    if verdict.findings:
        out.append("<h2>Träffar (markerade i texten)</h2>")
        out.append(_findings_table(verdict.findings, numbered=True))
    if verdict.suppressed:
        out.append("<h2>Närträffar som inte räknades</h2>")
        out.append('<p class="note">Ord som liknade en överträdelse men som ett skydd (t.ex. citat, negation'
                   " eller tillåtelselistan) tog bort; de redovisas så att inget försvinner i tysthet.</p>")
        out.append(_findings_table(list(verdict.suppressed), numbered=False))
    if record.comment and record.comment.metadata:
        out.append("<h2>Övriga uppgifter från plattformen</h2>")
        data = json.dumps(record.comment.metadata, ensure_ascii=False, indent=2, sort_keys=True)
        out.append(f'<pre class="hash">{escape(data)}</pre>')
    return out


def _event_parts(record: AuditRecord) -> list[str]:
    out = [
        f"<h1>{escape(KIND_SV[record.kind])}</h1>",
        f'<p class="sub">Revisionspost nr {record.seq}'
        + (f" · gäller post nr {record.refers_to}" if record.refers_to else "") + "</p>",
        '<table class="kv">',
        _kv("Beslutat av", escape(_decider(record.decided_by))),
        _kv("Tidpunkt", escape(_when(record.decided_at))),
    ]
    if record.review:
        out.append(_kv("Beslut", escape(REVIEW_SV[record.review])))
    if record.action:
        out.append(_kv("Åtgärd", escape(ACTION_SV[record.action])))
    if record.note:
        out.append(_kv("Anteckning", escape(record.note)))
    out.append("</table>")
    if record.purged:
        out.append("<h2>Gallrade poster</h2><table><tr><th>Post</th><th>Slag</th><th>Kontrollsumma</th></tr>")
        out += [f'<tr><td>{p.seq}</td><td>{escape(KIND_SV[p.kind])}</td><td class="hash">{p.record_hash}</td></tr>'
                for p in record.purged]
        out.append("</table>")
    return out


def _highlighted(text: str, findings: list[Finding]) -> str:
    """The text with every finding's span marked and numbered after the findings table."""
    numbers: dict[int, list[int]] = {}
    for n, f in enumerate(findings, 1):
        for i in range(max(0, f.start), min(len(text), f.end)):
            numbers.setdefault(i, []).append(n)
    out: list[str] = []
    i = 0
    while i < len(text):
        if i not in numbers:
            j = i
            while j < len(text) and j not in numbers:
                j += 1
            out.append(escape(text[i:j]))
        else:
            j, refs = i, set()
            while j < len(text) and j in numbers:
                refs.update(numbers[j])
                j += 1
            labels = ",".join(str(n) for n in sorted(refs))
            codes = ", ".join(dict.fromkeys(findings[n - 1].rule for n in sorted(refs)))
            out.append(f'<mark title="{escape(codes)}">{escape(text[i:j])}<sup>[{labels}]</sup></mark>')
        i = j
    return "".join(out)


def _findings_table(findings: list[Finding], *, numbered: bool) -> str:
    head = ("<tr>" + ("<th>Nr</th>" if numbered else "") + "<th>Kategori</th><th>Regel</th><th>Text</th>"
            "<th>Tecken</th><th>Säkerhet</th><th>" + ("Förklaring" if numbered else "Varför den inte räknades")
            + "</th></tr>")
    rows = []
    for n, f in enumerate(findings, 1):
        why = getattr(f, "reason", None) if not numbered else f.explanation
        rows.append(
            "<tr>" + (f"<td>{n}</td>" if numbered else "")
            + f"<td>{escape(_category(f.category))}</td><td><code>{escape(f.rule)}</code></td>"
            f"<td>”{escape(f.text)}”</td><td>{f.start}–{f.end}</td><td>{f.score:.2f}</td>"
            f"<td>{escape(why or '')}</td></tr>"
        )
    return "<table>" + head + "".join(rows) + "</table>"


def _related_table(related: list[AuditRecord]) -> str:
    rows = []
    for r in related:
        what = REVIEW_SV[r.review] if r.review else KIND_SV[r.kind]
        action = ACTION_SV[r.action] if r.action else ""
        rows.append(
            f"<tr><td>{r.seq}</td><td>{escape(_when(r.decided_at))}</td><td>{escape(_decider(r.decided_by))}</td>"
            f"<td>{escape(what)}</td><td>{escape(action)}</td><td>{escape(r.note or '')}</td></tr>"
        )
    return ("<table><tr><th>Post</th><th>Tidpunkt</th><th>Av</th><th>Beslut</th><th>Åtgärd</th><th>Anteckning</th></tr>"
            + "".join(rows) + "</table>")


def _trace_table(record: AuditRecord) -> str:
    intact = record.hash_matches()
    rows = [
        _kv("Revisionspost", str(record.seq)),
        _kv("Postens kontrollsumma (SHA-256)", f'<span class="hash">{record.record_hash}</span>'
            + (' <span class="ok">stämmer med innehållet</span>' if intact
               else ' <span class="bad">STÄMMER INTE med innehållet</span>')),
        _kv("Föregående posts kontrollsumma", f'<span class="hash">{record.prev_hash}</span>'),
    ]
    if record.ruleset:
        rows.append(_kv("Regelverk", f"{escape(record.ruleset.name)} version {escape(record.ruleset.version)}"
                        f'<br><span class="hash">{record.ruleset.content_hash}</span>'))
    if record.policy:
        rows.append(_kv("Policy", f"{escape(record.policy.name)}"
                        f'<br><span class="hash">{record.policy.content_hash}</span>'))
    if record.classifiers:
        rows.append(_kv("Klassificerare", "<br>".join(
            f"{escape(c.name)} {escape(c.version)} <span class=\"hash\">{escape(c.model_hash)}</span>"
            for c in record.classifiers)))
    if record.engine_version:
        rows.append(_kv("modkit-version", escape(record.engine_version)))
    if record.verdict is not None:
        language = record.verdict.language
        rows.append(_kv("Identifierat språk", "inte kontrollerat" if language == "und" else escape(language)))
    return '<table class="kv">' + "".join(rows) + "</table>"


def _kv(key: str, value_html: str) -> str:
    return f"<tr><th>{escape(key)}</th><td>{value_html}</td></tr>"


def _category(category: Category) -> str:
    return f"{CATEGORY_LABELS_SV.get(category, category.value)} ({category.value})"


def _decider(name: str) -> str:
    return "modkit (automatiskt)" if name == "system" else name


def _when(value: datetime | None) -> str:
    """UTC, plus Swedish local time when the time zone database is available."""
    if value is None:
        return ""
    if value.tzinfo is None:
        return value.strftime("%Y-%m-%d %H:%M:%S") + " (tidszon okänd)"
    utc = value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    try:
        from zoneinfo import ZoneInfo

        local = value.astimezone(ZoneInfo("Europe/Stockholm")).strftime("%Y-%m-%d %H:%M:%S svensk tid")
        return f"{local} ({utc})"
    except Exception:  # no tz database on this machine: UTC alone is still exact
        return utc
