"""A classifier as a detector: scores at or above the policy's threshold become findings.

A classifier finding spans the whole text; its `rule` and `detector` are the classifier's
name and its `score` is the classifier's probability. If the classifier fails, the rules
still decide and the comment goes to review with a note; the failure is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from ..classifiers.base import Classifier, Scores, validate_scores
from ..findings import Finding, SuppressedHit
from ..policy import Policy
from ..text import NormalisedText
from .base import Detection

log = logging.getLogger("modkit.classifiers")


class ClassifierDetector:
    def __init__(self, classifier: Classifier, policy: Policy) -> None:
        self.classifier = classifier
        self.name = classifier.name
        self.thresholds = {c: t for c in policy.categories if (t := policy.classifier_threshold(c)) is not None}

    def detect(self, doc: NormalisedText) -> Detection:
        return self.detect_batch([doc.original])[0]

    def detect_batch(self, texts: Sequence[str]) -> list[Detection]:
        """One Detection per text, in order, from one `predict` call."""
        if not texts:
            return []
        try:
            scores = validate_scores(self.name, self.classifier.predict(list(texts)), len(texts))
        except Exception as exc:  # a classifier (maybe a plugin) failing must never stop the rules
            log.warning("classifier %s failed on a batch of %d: %s", self.name, len(texts), exc, exc_info=True)
            note = (f"Klassificeraren {self.name} kunde inte köras ({type(exc).__name__}: {exc}); "
                    "bara reglerna har bedömt kommentaren. Granska manuellt.")
            return [Detection(needs_review=[note]) for _ in texts]
        return [self._findings(text, s) for text, s in zip(texts, scores)]

    def _findings(self, text: str, scores: Scores) -> Detection:
        detection = Detection()
        for category, raw in sorted(scores.items()):
            score = round(raw, 4)
            threshold = self.thresholds.get(category)
            if threshold is None or score < threshold:
                continue
            detection.findings.append(Finding(
                category=category,
                rule=self.name,
                name=f"classifier.{category.value}",
                start=0,
                end=len(text),
                text=text,
                score=score,
                explanation=f"{self.name}: sannolikhet {score:.2f} (granskas från {threshold:.2f})",
                detector=self.name,
            ))
        return detection


def admit(classified: Detection, rule_findings: Sequence[Finding], policy: Policy) -> Detection:
    """The part of a classifier detection that counts beside `rule_findings` under the policy.

    With `[classifiers] apply_to = "unflagged"` (the default) classifier findings count only
    when the rules found nothing; otherwise they are kept as suppressed hits with the reason.
    Review notes (a classifier that failed) always count."""
    if policy.classifiers.apply_to == "all" or not rule_findings or not classified.findings:
        return classified
    reason = "Reglerna har redan flaggat kommentaren; klassificerarna bedömer bara kommentarer utan regelträffar."
    return Detection(
        suppressed=[
            SuppressedHit(**f.model_dump(), suppressed_by="policy.classifiers.apply_to", reason=reason)
            for f in classified.findings
        ],
        needs_review=classified.needs_review,
    )
