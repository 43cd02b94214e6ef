"""Writing the benchmark report: JSON for machines, Markdown for the README, HTML with plots."""

from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path
from typing import Any

from .quality import markdown as quality_markdown


def speed_markdown(speed: dict[str, Any]) -> str:
    m = speed["machine"]
    lines = [f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}; one process (one core).", ""]
    lines += ["| measure | value |", "| --- | ---: |"]
    e = speed.get("engine")
    if e:
        lines.append(f"| engine, comments/s ({e['comments']:,} generated comments, median length {speed.get('median_chars', 0):.0f} chars) | {e['comments_per_s']:,.0f} |")
        lines.append(f"| engine, MB/s | {e['mb_per_s']:.2f} |")
    lat = speed.get("latency")
    if lat:
        lines.append(f"| single `moderate()` p50 / p95 / p99 | {lat['p50_ms']:.3f} / {lat['p95_ms']:.3f} / {lat['p99_ms']:.3f} ms |")
    e2e = speed.get("end_to_end")
    if e2e:
        lines.append(f"| `modkit score` JSONL→JSONL, comments/s ({e2e['rows']:,} rows) | {e2e['comments_per_s']:,.0f} |")
        lines.append(f"| `modkit score` MB/s | {e2e['mb_per_s']:.2f} |")
        lines.append(f"| `modkit score` peak memory | {e2e['peak_rss_mb']:.0f} MB |")
    if speed.get("startup"):
        lines.append(f"| start-up (import + rule compilation) | {speed['startup']['seconds']:.2f} s |")
    fl = speed.get("floor")
    if fl:
        lines.append(f"| floor: read + write the same JSONL, comments/s | {fl['comments_per_s']:,.0f} |")
    for name, peer in speed.get("peers", {}).items():
        if "skipped" in peer:
            lines.append(f"| {name} | skipped: {peer['skipped']} |")
        else:
            ratio = (e or {}).get("comments_per_s", 0) / peer["comments_per_s"] if peer["comments_per_s"] else 0
            lines.append(f"| {name}, comments/s (modkit engine is {ratio:,.2f}×) | {peer['comments_per_s']:,.0f} |")
    costs = speed.get("stage_costs")
    if costs:
        lines += ["", "Time per stage (µs per comment): " + ", ".join(f"{k} {v:.1f}" for k, v in costs["us_per_comment"].items()), ""]
        top = costs["pattern_rules"][:5]
        if top:
            lines.append("Most expensive pattern rules (µs per comment): " + ", ".join(f"{r['rule']} {r['us_per_comment']:.1f}" for r in top))
    return "\n".join(lines) + "\n"


def write_markdown(report: dict[str, Any], path: Path) -> str:
    text = "## Quality\n\n" + quality_markdown(report.get("quality", {})) + "\n"
    if report.get("speed"):
        text += "## Speed\n\n" + speed_markdown(report["speed"])
    path.write_text(text, encoding="utf-8")
    return text


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode()


def _plots(report: dict[str, Any]) -> list[tuple[str, str]]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    out = []
    dev = report.get("quality", {}).get("dev")
    if dev:
        cats = list(dev["per_category"])
        fig, ax = plt.subplots(figsize=(9, 3.6))
        xs = range(len(cats))
        ax.bar([x - 0.2 for x in xs], [dev["per_category"][c]["precision"] for c in cats], width=0.4, label="precision")
        ax.bar([x + 0.2 for x in xs], [dev["per_category"][c]["recall"] for c in cats], width=0.4, label="recall")
        ax.axhline(0.9, color="grey", lw=0.8, ls="--")
        ax.set_xticks(list(xs), cats, rotation=35, ha="right")
        ax.set_ylim(0, 1.05)
        ax.legend()
        ax.set_title("Dev corpus: precision and recall per category")
        out.append(("Per category", _png(fig)))
        plt.close(fig)
    sweep = report.get("quality", {}).get("sweep")
    if sweep:
        fig, ax = plt.subplots(figsize=(6, 5))
        for cat, data in sweep.items():
            ax.plot([p["recall"] for p in data["curve"]], [p["precision"] for p in data["curve"]], marker=".", label=cat)
        ax.set_xlabel("recall")
        ax.set_ylabel("precision")
        ax.set_title("Threshold sweeps (0.30 … 0.95)")
        ax.legend(fontsize=7)
        out.append(("Precision/recall curves", _png(fig)))
        plt.close(fig)
    speed = report.get("speed")
    if speed and speed.get("engine"):
        names = ["modkit engine"]
        values = [speed["engine"]["comments_per_s"]]
        if speed.get("end_to_end"):
            names.append("modkit score (e2e)")
            values.append(speed["end_to_end"]["comments_per_s"])
        if speed.get("floor"):
            names.append("floor (JSONL in/out)")
            values.append(speed["floor"]["comments_per_s"])
        for name, peer in speed.get("peers", {}).items():
            if "comments_per_s" in peer:
                names.append(name)
                values.append(peer["comments_per_s"])
        fig, ax = plt.subplots(figsize=(8, 3.2))
        ax.barh(names, values)
        ax.set_xscale("log")
        ax.set_xlabel("comments/s (log scale)")
        ax.set_title("Throughput against peers, same comments, one core")
        out.append(("Throughput", _png(fig)))
        plt.close(fig)
    return out


def write_html(report: dict[str, Any], markdown_text: str, path: Path) -> None:
    figures = "".join(f"<h2>{html.escape(title)}</h2><img alt='{html.escape(title)}' src='data:image/png;base64,{data}'>" for title, data in _plots(report))
    body = html.escape(markdown_text)
    path.write_text(
        "<!doctype html><html lang='en'><meta charset='utf-8'><title>modkit benchmark</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em}"
        "pre{background:#f6f6f6;padding:1em;white-space:pre-wrap}img{max-width:100%}</style>"
        f"<h1>modkit benchmark</h1>{figures}<h2>Figures</h2><pre>{body}</pre></html>",
        encoding="utf-8",
    )


def write_json(report: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
