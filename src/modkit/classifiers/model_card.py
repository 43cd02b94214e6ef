"""The model card beside a trained model: `model_card.json` (for tools) and `model_card.md` (for people)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

INTENDED_USE = (
    "Second opinion beside modkit's Swedish rules on comments under a Swedish municipality's "
    "social-media posts. By the default policy a classifier finding alone sends a comment to "
    "review; it removes nothing unless the municipality sets a remove threshold."
)
LIMITATIONS = [
    "Trained on a small corpus of synthetic comments written by the modkit developers (counts "
    "above): one register, few writers. Expect lower quality on real comments; measure before relying on it.",
    "A bag of n-grams: it sees words and spelling, not who is addressed, negation or irony. "
    "Counter-speech that quotes hate and criticism of institutions are typical false alarms.",
    "Scores are calibrated on the training data (sigmoid, cross-validated); calibration on "
    "other data is not guaranteed.",
    "Categories with too few training examples are not scored at all (listed under not_scored).",
]


def write_card(card: dict[str, Any], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "model_card.json").write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (directory / "model_card.md").write_text(render_markdown(card), encoding="utf-8")


def render_markdown(card: dict[str, Any]) -> str:
    lines = [
        f"# Model card: {card['name']}",
        "",
        f"- version: `{card['version']}`",
        f"- content hash (SHA-256 of the model's content, whatever the zip timestamps): `{card['content_hash']}`",
        f"- file: `{card['model_file']}` (skops; loaded only with an explicit trusted-types list, never with pickle)",
        "- built with: " + ", ".join(f"{k} {v}" for k, v in card["created_with"].items()),
        f"- training command: `{card['command']}`",
        "",
        "## What it is",
        "",
        card["description"],
        "",
        "## Intended use",
        "",
        card["intended_use"],
        "",
        "## Training data",
        "",
        "| source | licence | rows used | SHA-256 of the file |",
        "| --- | --- | ---: | --- |",
    ]
    for source in card["training_data"]["sources"]:
        lines.append(f"| `{source['path']}` ({source['selection']}) | {source['licence']} | {source['rows']} | `{source['sha256'][:16]}…` |")
    lines += [
        "",
        f"SHA-256 of exactly the rows trained on (id, text, labels): `{card['training_data']['data_hash']}`.",
        "",
        "Held out, never trained on: " + "; ".join(card["training_data"]["held_out"]) + ".",
        "",
        "Positive examples per category: " + ", ".join(f"{k} {v}" for k, v in card["training_data"]["label_counts"].items()) + ".",
        "",
        "## Hyperparameters",
        "",
        "```json",
        json.dumps(card["hyperparameters"], indent=2),
        "```",
        "",
        f"## Cross-validation on the train split ({card['cross_validation']['folds']} folds, out-of-fold scores)",
        "",
        "| category | average precision | precision@0.5 | recall@0.5 | support |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for category, m in card["cross_validation"]["per_category"].items():
        ap = "–" if m["average_precision"] is None else f"{m['average_precision']:.3f}"
        lines.append(f"| {category} | {ap} | {m['precision@0.5']:.3f} | {m['recall@0.5']:.3f} | {m['support']} |")
    if card["not_scored"]:
        lines += ["", "Not scored (too few training examples): " + ", ".join(card["not_scored"]) + "."]
    suggestion = card.get("policy_suggestion")
    if suggestion:
        ruleset = suggestion["ruleset"]
        lines += [
            "",
            "## Suggested policy thresholds",
            "",
            f"Tuned on the out-of-fold scores of the train split together with the rules "
            f"(rule set {ruleset['name']} {ruleset['version']}). {suggestion['criterion']}",
            "",
            f"Threshold: **{_fmt(suggestion['classifier_threshold'])}**. Micro-averaged over categories: rules "
            f"P {suggestion['rules']['precision']:.3f} / R {suggestion['rules']['recall']:.3f}; rules + classifier "
            f"P {suggestion['combined']['precision']:.3f} / R {suggestion['combined']['recall']:.3f}.",
            "",
            "| category | classifier_threshold | rules P / R | rules + classifier P / R | added right / wrong |",
            "| --- | ---: | --- | --- | --- |",
        ]
        for category, t in suggestion["per_category"].items():
            threshold = _fmt(t["classifier_threshold"])
            r, c = t["rules"], t["combined"]
            lines.append(
                f"| {category} | {threshold} | {r['precision']:.3f} / {r['recall']:.3f} | "
                f"{c['precision']:.3f} / {c['recall']:.3f} | {t['added_tp']} / {t['added_fp']} |"
            )
    lines += ["", "## Limitations", ""] + [f"- {item}" for item in card["limitations"]] + [""]
    return "\n".join(lines)


def _fmt(threshold: float | None) -> str:
    return "off" if threshold is None else f"{threshold:.2f}"
