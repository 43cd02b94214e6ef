"""Findings + policy -> action, categories and the Swedish statement of reasons."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from ..categories import CATEGORY_LABELS_SV, Action, Category, most_severe
from ..comment import Platform
from ..findings import Finding, SuppressedHit
from .schema import Policy


@dataclass(slots=True)
class Decision:
    categories: list[Category]
    action: Action
    needs_review: bool
    reasons: list[str] = field(default_factory=list)
    reply_text: str | None = None


def decide(
    policy: Policy,
    findings: list[Finding],
    suppressed: list[SuppressedHit],
    platform: Platform,
    descriptions: dict[str, str],
    review_notes: list[str],
    clearly_other_language: str | None,
    *,
    classifiers: Collection[str] = (),
) -> Decision:
    """Apply the policy. The most severe action wins; unsure findings give review.

    Findings whose detector is in `classifiers` count by the policy's classifier
    thresholds: alone they are unsure (review) unless their score reaches the category's
    `classifier_remove_threshold`."""
    by_category: dict[Category, list[Finding]] = {}
    for finding in findings:
        by_category.setdefault(finding.category, []).append(finding)
    actions: list[Action] = []
    reasons: list[str] = []
    needs_review = bool(review_notes)
    for category in sorted(by_category):
        in_category = by_category[category]
        sure = any(_sure(policy, f, classifiers) for f in in_category)
        actions.append(policy.categories[category].action if sure else Action.REVIEW)
        unsure = "" if sure else " Osäker träff: granska."
        for code in dict.fromkeys(f.rule for f in in_category if f.detector not in classifiers):
            example = next(f for f in in_category if f.rule == code)
            reasons.append(f"{descriptions.get(code, code)} ({code}: ”{_clip(example.text)}”){unsure}")
        for f in in_category:
            if f.detector in classifiers:
                score = f"{f.score:.2f}".replace(".", ",")  # Swedish decimal comma
                reasons.append(
                    f"Klassificeraren {f.rule} bedömer sannolikheten för {CATEGORY_LABELS_SV[category]} "
                    f"till {score}.{unsure}"
                )
        if not sure:
            needs_review = True
    for hit in suppressed:
        if hit.detector in classifiers:  # set aside by `[classifiers] apply_to`, not a guarded near-hit
            continue
        if hit.suppressed_by != "allowlist" and policy.on_guarded(hit.category) == "review":
            needs_review = True
            reasons.append(f"Granska: {hit.reason} ({hit.rule}: ”{_clip(hit.text)}”)")
    reasons.extend(review_notes)
    action = most_severe(actions)
    reply_text = None
    if action in (Action.REMOVE, Action.REMOVE_AND_REGISTER) and not policy.can_delete(platform):
        if action is Action.REMOVE_AND_REGISTER:
            needs_review = True
            reasons.append("Plattformen kan inte radera: spara kommentaren och registrera den i diariet manuellt.")
        action = Action.REPLY
        reply_text = policy.reply_text
        reasons.append(f"Plattformen ({platform.value}) kan inte radera kommentarer: staden svarar i stället.")
    if clearly_other_language:
        needs_review = True
        reasons.append(f"Kommentaren verkar vara på ett annat språk ({clearly_other_language}); reglerna är svenska.")
    if action is Action.REVIEW:
        needs_review = True
    if by_category and action is not Action.PUBLISH:
        labels = ", ".join(CATEGORY_LABELS_SV[c] for c in sorted(by_category))
        reasons.insert(0, f"Kommentaren bedöms innehålla {labels}.")
    return Decision(sorted(by_category), action, needs_review, reasons, reply_text)


def _sure(policy: Policy, finding: Finding, classifiers: Collection[str]) -> bool:
    if finding.detector in classifiers:
        remove_at = policy.classifier_remove_threshold(finding.category)
        return remove_at is not None and finding.score >= remove_at
    return finding.score >= policy.threshold(finding.category)


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
