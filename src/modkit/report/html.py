"""The review report: one self-contained HTML file (inline CSS, JS and SVG; no network)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import datetime
from typing import IO

from .._version import __version__
from ..categories import CATEGORY_LABELS_SV, Action, Category
from .collector import Entry, ReportCollector, Span

ACTION_LABELS_SV = {
    Action.REMOVE_AND_REGISTER.value: "Ta bort och diarieför",
    Action.REMOVE.value: "Ta bort",
    Action.REPLY.value: "Svara",
    Action.REVIEW.value: "Granska",
    Action.PUBLISH.value: "Publicera",
}
ACTION_COLOURS = {
    "remove_and_register": "#7a1f3d",
    "remove": "#c0392b",
    "reply": "#b9770e",
    "review": "#2e6da4",
    "publish": "#5b8c5a",
}
PLATFORM_LABELS = {"facebook": "Facebook", "x": "X", "twitter": "Twitter", "youtube": "YouTube", "instagram": "Instagram", "other": "Övrigt"}
CATEGORY_COLOURS = {
    "defamation": "#8e44ad",
    "insult": "#d35400",
    "hate_speech": "#922b21",
    "harassment": "#c2185b",
    "violence_or_pornography": "#6d4c41",
    "incitement": "#b71c1c",
    "copyright": "#00796b",
    "profanity": "#e67e22",
    "advertising": "#1e88e5",
    "personal_data": "#546e7a",
    "sensitive_data": "#37474f",
}


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def category_label(key: str) -> str:
    try:
        label = CATEGORY_LABELS_SV[Category(key)]
    except ValueError:
        return key
    return label[0].upper() + label[1:]


def write_report(collector: ReportCollector, out: IO[str], *, source: str = "", ruleset: str = "", generated: datetime | None = None) -> None:
    """Write the report for everything the collector saw."""
    for piece in _render(collector, source, ruleset, generated or datetime.now().astimezone()):
        out.write(piece)


def _render(c: ReportCollector, source: str, ruleset: str, generated: datetime) -> Iterator[str]:
    entries = c.entries()
    yield "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
    yield "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    yield "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
    yield f"<title>Granskningsrapport – {_e(source or 'modkit')}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
    yield "<header class=\"top\"><div class=\"wrap\">"
    yield "<h1>Granskningsrapport</h1>"
    yield (f"<p class=\"meta\">{_e(source)} · skapad {_e(generated.strftime('%Y-%m-%d %H:%M'))}"
           f" · regler {_e(ruleset)} · modkit {_e(__version__)}</p>")
    yield "</div></header>\n<main class=\"wrap\">\n"
    yield from _cards(c)
    yield from _charts(c)
    yield from _notes(c)
    yield from _filters(c, entries)
    yield f"<p class=\"showing\" id=\"showing\" aria-live=\"polite\">Visar <b id=\"visible-count\">{len(entries)}</b> av {len(entries)} kommentarer.</p>\n"
    yield "<ol class=\"list\" id=\"list\">\n"
    for entry in entries:
        yield _row(entry, c.show_personal_data)
    yield "</ol>\n"
    if not entries:
        yield "<p class=\"empty\">Inga kommentarer behöver åtgärdas. 🎉</p>\n"
    yield "<p class=\"none\" id=\"none\" hidden>Inga kommentarer matchar filtren.</p>\n"
    yield "</main>\n<footer class=\"wrap foot\">Rapporten är en fristående fil: den hämtar ingenting från nätet. Filtren fungerar offline.</footer>\n"
    yield f"<script>{JS}</script>\n</body>\n</html>\n"


def _cards(c: ReportCollector) -> Iterator[str]:
    removes = c.per_action.get("remove", 0) + c.per_action.get("remove_and_register", 0)
    cards = [
        ("Kommentarer", c.total, ""),
        ("Behöver åtgärd", c.flagged, "accent"),
        ("Ta bort", removes, "danger"),
        ("Diarieförs", c.per_action.get("remove_and_register", 0), "register"),
        ("Granska", c.per_action.get("review", 0), "review"),
        ("Felaktiga rader", c.bad_rows, "muted"),
    ]
    yield "<section class=\"cards\" aria-label=\"Sammanfattning\">"
    for label, value, cls in cards:
        yield f"<div class=\"card {cls}\"><span class=\"num\">{_num(value)}</span><span class=\"lbl\">{_e(label)}</span></div>"
    yield "</section>\n"


def _bar_chart(title: str, rows: list[tuple[str, int, str]], chart_id: str, width: int, label_w: int) -> str:
    if not rows:
        return f"<figure class=\"chart\" id=\"{chart_id}\"><figcaption>{_e(title)}</figcaption><p class=\"muted\">Inga.</p></figure>"
    bar_h, gap = 20, 7
    top = max(n for _, n, _ in rows) or 1
    height = len(rows) * (bar_h + gap) - gap
    parts = [f"<figure class=\"chart\" id=\"{chart_id}\"><figcaption>{_e(title)}</figcaption>",
             f"<svg viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"{_e(title)}\">"]
    for i, (label, n, colour) in enumerate(rows):
        y = i * (bar_h + gap)
        w = max(2.0, (width - label_w - 64) * n / top)
        parts.append(
            f"<text x=\"{label_w - 10}\" y=\"{y + bar_h * 0.72:.1f}\" text-anchor=\"end\" class=\"bl\">{_e(label)}</text>"
            f"<rect x=\"{label_w}\" y=\"{y}\" width=\"{w:.1f}\" height=\"{bar_h}\" rx=\"4\" fill=\"{colour}\"><title>{_e(label)}: {n}</title></rect>"
            f"<text x=\"{label_w + w + 6:.1f}\" y=\"{y + bar_h * 0.72:.1f}\" class=\"bv\">{_num(n)}</text>"
        )
    parts.append("</svg></figure>")
    return "".join(parts)


def _num(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def _charts(c: ReportCollector) -> Iterator[str]:
    cats = [(category_label(k), n, CATEGORY_COLOURS.get(k, "#888")) for k, n in c.per_category.most_common()]
    acts = [(ACTION_LABELS_SV.get(a.value, a.value), c.per_action[a.value], ACTION_COLOURS[a.value])
            for a in sorted(Action, key=lambda a: -a.severity) if c.per_action.get(a.value)]
    plats = [(PLATFORM_LABELS.get(k, k), n, "#4a6fa5") for k, n in c.per_platform.most_common()]
    yield "<section class=\"charts\">"
    yield _bar_chart("Kommentarer per kategori", cats, "chart-categories", 1000, 380)
    yield "<div class=\"two\">"
    yield _bar_chart("Kommentarer per åtgärd", acts, "chart-actions", 480, 170)
    yield _bar_chart("Kommentarer per plattform", plats, "chart-platforms", 480, 170)
    yield "</div></section>\n"


def _notes(c: ReportCollector) -> Iterator[str]:
    if c.flagged > c.kept:
        yield (f"<p class=\"note\">Rapporten visar de {c.kept:,} allvarligaste av {c.flagged:,} kommentarer som behöver åtgärd"
               " (alla räknas i sammanfattningen och diagrammen). Hela resultatet finns i utdatafilen.</p>\n").replace(",", "\u202f")
    if not c.show_personal_data:
        yield ("<p class=\"note pd\">Personuppgifter är dolda (ersatta med till exempel [TELEFON], [NAMN] eller •••) och författarnamn visas inte. "
               "Skapa rapporten med <code>--report-show-personal-data</code> för att se dem.</p>\n")


def _filters(c: ReportCollector, entries: list[Entry]) -> Iterator[str]:
    cat_counts: dict[str, int] = {}
    act_counts: dict[str, int] = {}
    plat_counts: dict[str, int] = {}
    for e in entries:
        for cat in e.categories:
            cat_counts[cat] = cat_counts.get(cat, 0) + 1
        act_counts[e.action] = act_counts.get(e.action, 0) + 1
        plat_counts[e.platform] = plat_counts.get(e.platform, 0) + 1
    order = {cat.value: i for i, cat in enumerate(Category)}
    groups = [
        ("category", "Kategori", [(k, category_label(k), n) for k, n in sorted(cat_counts.items(), key=lambda kv: order.get(kv[0], 99))]),
        ("action", "Åtgärd", [(k, ACTION_LABELS_SV.get(k, k), n) for k, n in sorted(act_counts.items(), key=lambda kv: -Action(kv[0]).severity)]),
        ("platform", "Plattform", [(k, PLATFORM_LABELS.get(k, k), n) for k, n in sorted(plat_counts.items())]),
    ]
    yield "<section class=\"filters\" aria-label=\"Filter\">"
    for kind, title, options in groups:
        yield f"<div class=\"fgroup\" data-group=\"{kind}\"><span class=\"ftitle\">{_e(title)}</span>"
        yield f"<button type=\"button\" class=\"chip\" data-filter=\"{kind}\" data-value=\"\" aria-pressed=\"true\">Alla</button>"
        for value, label, n in options:
            dot = CATEGORY_COLOURS.get(value) or ACTION_COLOURS.get(value)
            style = f" style=\"--dot:{dot}\"" if dot else ""
            yield (f"<button type=\"button\" class=\"chip\" data-filter=\"{kind}\" data-value=\"{_e(value)}\" aria-pressed=\"false\"{style}>"
                   f"{'<i></i>' if dot else ''}{_e(label)} <span class=\"n\">{n}</span></button>")
        yield "</div>"
    yield ("<div class=\"fgroup\"><label class=\"ftitle\" for=\"q\">Sök</label>"
           "<input id=\"q\" type=\"search\" placeholder=\"text, id eller regel …\" autocomplete=\"off\"></div>")
    yield "</section>\n"


def _highlight(text: str, spans: list[Span]) -> str:
    """The text with every finding's span wrapped in <mark>; overlapping spans are split."""
    if not spans:
        return _e(text)
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        piece = _e(text[a:b])
        covering = [s for s in spans if s.start <= a and s.end >= b]
        if covering:
            first = covering[0]
            title = "; ".join(f"{s.rule} {s.name or category_label(s.category)}" for s in covering)
            out.append(f"<mark class=\"hl\" style=\"--c:{CATEGORY_COLOURS.get(first.category, '#f1c40f')}\" title=\"{_e(title)}\">{piece}</mark>")
        else:
            out.append(piece)
    return "".join(out)


def _row(e: Entry, show_personal: bool) -> str:
    cats = " ".join(e.categories)
    search = " ".join([e.id, *(r[0] for r in e.rules), e.text]).lower()
    badges = "".join(f"<span class=\"tag\" style=\"--c:{CATEGORY_COLOURS.get(k, '#888')}\">{_e(category_label(k))}</span>" for k in e.categories)
    meta = [PLATFORM_LABELS.get(e.platform, e.platform)]
    if e.created_at:
        meta.append(e.created_at.replace("T", " "))
    if e.author and show_personal:
        meta.append(e.author)
    meta.append(f"id {e.id}")
    if e.parent_id:
        meta.append(f"svar på {e.parent_id}")
    link = (f"<a class=\"orig\" href=\"{_e(e.url)}\" target=\"_blank\" rel=\"noopener noreferrer\">Öppna originalet ↗</a>"
            if e.url and e.url.startswith(("https://", "http://")) else "<span class=\"orig muted\">ingen länk</span>")
    rules = "".join(
        f"<li><code>{_e(code)}</code> {_e(name)}{' – »' + _e(shown) + '«' if shown else ''}</li>" for code, name, shown in e.rules
    )
    reasons = "".join(f"<li>{_e(r)}</li>" for r in e.reasons)
    reply = f"<p class=\"reply\"><b>Svarstext:</b> {_e(e.reply_text)}</p>" if e.reply_text else ""
    review = "<span class=\"tag rv\">Manuell granskning</span>" if e.needs_review and e.action != "review" else ""
    clipped = "<span class=\"muted\"> … (texten är avkortad)</span>" if e.clipped else ""
    return (
        f"<li class=\"row\" data-category=\"{_e(cats)}\" data-action=\"{_e(e.action)}\" data-platform=\"{_e(e.platform)}\" data-search=\"{_e(search)}\">"
        f"<div class=\"rhead\"><span class=\"act\" style=\"--c:{ACTION_COLOURS.get(e.action, '#555')}\">{_e(ACTION_LABELS_SV.get(e.action, e.action))}</span>"
        f"{badges}{review}<span class=\"rmeta\">{_e(' · '.join(meta))}</span>{link}</div>"
        f"<blockquote class=\"text\">{_highlight(e.text, e.spans)}{clipped}</blockquote>"
        f"<div class=\"why\"><div><h3>Skäl</h3><ul>{reasons}</ul></div><div><h3>Regel</h3><ul class=\"rules\">{rules}</ul></div></div>{reply}"
        "</li>\n"
    )


CSS = """
:root{--bg:#f5f6f8;--fg:#1d2330;--muted:#667085;--card:#fff;--line:#e3e6eb;--accent:#1f5fa8}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;background:var(--bg);color:var(--fg)}
.wrap{max-width:1100px;margin:0 auto;padding:0 20px}
.top{background:#1d2b45;color:#fff;padding:18px 0 14px;margin-bottom:20px}
.top h1{margin:0;font-size:24px;letter-spacing:.2px}
.top .meta{margin:4px 0 0;color:#c9d3e6;font-size:13px}
.cards{display:grid;grid-template-columns:repeat(6,1fr);gap:12px;margin-bottom:18px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px;display:flex;flex-direction:column;border-top:4px solid #98a2b3}
.card .num{font-size:26px;font-weight:700;line-height:1.1}
.card .lbl{color:var(--muted);font-size:13px}
.card.accent{border-top-color:var(--accent)}.card.danger{border-top-color:#c0392b}.card.register{border-top-color:#7a1f3d}
.card.review{border-top-color:#2e6da4}.card.muted{border-top-color:#d0d5dd}
.charts{display:grid;gap:14px;margin-bottom:14px}
.charts .two{display:grid;grid-template-columns:1fr 1fr;gap:14px}
.chart{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:0;padding:12px 16px}
.chart figcaption{font-weight:650;margin-bottom:8px}
.chart .bl{font-size:13.5px;fill:#344054}.chart .bv{font-size:13.5px;fill:#344054;font-weight:600}
.note{background:#fff8e6;border:1px solid #f3d58b;border-radius:8px;padding:8px 12px;margin:8px 0;font-size:14px}
.note.pd{background:#eef4fb;border-color:#bcd3ee}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;background:#eef0f3;border-radius:4px;padding:0 4px}
.filters{position:sticky;top:0;z-index:2;background:var(--bg);padding:10px 0 6px;border-bottom:1px solid var(--line);margin-top:14px}
.fgroup{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin-bottom:6px}
.ftitle{font-weight:650;font-size:13px;color:var(--muted);width:78px}
.chip{border:1px solid #cfd4dc;background:#fff;border-radius:999px;padding:3px 11px;font:inherit;font-size:13px;cursor:pointer;color:var(--fg);display:inline-flex;align-items:center;gap:6px}
.chip i{width:9px;height:9px;border-radius:50%;background:var(--dot);display:inline-block}
.chip .n{color:var(--muted);font-size:12px}
.chip:hover{border-color:#98a2b3}
.chip[aria-pressed=true]{background:#1d2b45;color:#fff;border-color:#1d2b45}
.chip[aria-pressed=true] .n{color:#c9d3e6}
#q{font:inherit;font-size:14px;padding:4px 10px;border:1px solid #cfd4dc;border-radius:8px;min-width:280px}
.showing{color:var(--muted);font-size:14px;margin:10px 0}
.list{list-style:none;padding:0;margin:0}
.row{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px;margin-bottom:10px}
.row[hidden]{display:none}
.rhead{display:flex;flex-wrap:wrap;align-items:center;gap:6px}
.act{background:var(--c);color:#fff;font-weight:650;font-size:13px;border-radius:6px;padding:2px 9px}
.tag{border:1px solid var(--c);color:var(--c);font-size:12px;border-radius:6px;padding:1px 7px;font-weight:600}
.tag.rv{--c:#2e6da4}
.rmeta{color:var(--muted);font-size:13px;margin-left:4px}
.orig{margin-left:auto;font-size:13px;color:var(--accent);text-decoration:none;white-space:nowrap}
.orig:hover{text-decoration:underline}
.text{margin:10px 0 8px;padding:8px 12px;border-left:3px solid #d0d5dd;background:#fafbfc;white-space:pre-wrap;overflow-wrap:anywhere;font-size:15px}
mark.hl{background:color-mix(in srgb,var(--c) 22%,#fff);border-bottom:2px solid var(--c);color:inherit;border-radius:3px;padding:0 1px}
.why{display:grid;grid-template-columns:3fr 2fr;gap:16px;font-size:14px}
.why h3{font-size:12px;text-transform:uppercase;letter-spacing:.5px;color:var(--muted);margin:0 0 2px}
.why ul{margin:0;padding-left:18px}
.reply{font-size:14px;margin:8px 0 0;background:#fff8e6;border-radius:6px;padding:6px 10px}
.muted{color:var(--muted)}
.empty,.none{text-align:center;color:var(--muted);padding:30px}
.foot{color:var(--muted);font-size:12px;padding:20px}
@media (max-width:800px){.cards{grid-template-columns:repeat(3,1fr)}.charts .two,.why{grid-template-columns:1fr}}
@media print{.filters{position:static}.row{break-inside:avoid}}
"""

JS = """
(function(){
  var state={category:"",action:"",platform:"",q:""};
  var rows=Array.prototype.slice.call(document.querySelectorAll("#list .row"));
  var count=document.getElementById("visible-count"), none=document.getElementById("none");
  function apply(){
    var shown=0;
    rows.forEach(function(r){
      var ok=(!state.category||(" "+r.dataset.category+" ").indexOf(" "+state.category+" ")>=0)
        &&(!state.action||r.dataset.action===state.action)
        &&(!state.platform||r.dataset.platform===state.platform)
        &&(!state.q||r.dataset.search.indexOf(state.q)>=0);
      r.hidden=!ok; if(ok){shown++;}
    });
    count.textContent=shown; none.hidden=shown>0||rows.length===0;
  }
  document.querySelectorAll(".chip").forEach(function(b){
    b.addEventListener("click",function(){
      var kind=b.dataset.filter, value=b.dataset.value;
      if(state[kind]===value&&value!==""){value="";}
      state[kind]=value;
      document.querySelectorAll('.chip[data-filter="'+kind+'"]').forEach(function(o){
        o.setAttribute("aria-pressed",String(o.dataset.value===value));
      });
      apply();
    });
  });
  var q=document.getElementById("q");
  q.addEventListener("input",function(){state.q=q.value.trim().toLowerCase();apply();});
})();
"""
