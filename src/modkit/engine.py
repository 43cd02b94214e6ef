"""The engine: comment -> normalised text -> detectors -> findings -> policy -> verdict."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice
from os import PathLike
from pathlib import Path
from typing import Any

from ._version import __version__
from .classifiers import Classifier, load_classifier
from .comment import Comment
from .detectors import ClassifierDetector, Detection, Detector, RuleDetector
from .detectors.classifier_detector import admit
from .detectors.language import guess_language
from .detectors.persons import PersonDetector
from .policy import Policy, decide, load_policy
from .resources import bundled_policy, bundled_rule_dirs
from .rules import CompiledRules, RuleSet, load_ruleset
from .text import NormalisedText
from .verdict import ClassifierInfo, PolicyInfo, Provenance, RulesetInfo, Verdict

MAX_TEXT_CHARS = 100_000  # longer texts are moderated on their first part and sent to review
CLASSIFIER_BATCH = 256  # comments per classifier call in moderate_many


class Engine:
    """Built once (rules compiled once), then used for any number of comments."""

    def __init__(
        self,
        rule_dirs: Sequence[str | PathLike[str]] | None = None,
        *,
        extra_rule_dirs: Sequence[str | PathLike[str]] = (),
        policy: str | PathLike[str] | Policy | None = None,
        detect_language: bool = True,
        classifiers: Sequence[Classifier | str] = (),
    ) -> None:
        """`classifiers`: classifier objects or registered names (e.g. "tfidf"); their scores count as
        the policy's classifier thresholds say. Without them the engine runs the rules only."""
        dirs = [Path(d) for d in (rule_dirs if rule_dirs is not None else bundled_rule_dirs())]
        dirs += [Path(d) for d in extra_rule_dirs]
        self.ruleset: RuleSet = load_ruleset(dirs)
        if isinstance(policy, Policy):
            self.policy = policy
        else:
            self.policy = load_policy(Path(policy) if policy is not None else _policy_for(dirs))
        self.classifiers = [ClassifierDetector(load_classifier(c), self.policy) for c in classifiers]
        self._classifier_names = frozenset(d.name for d in self.classifiers)
        self.compiled = CompiledRules(self.ruleset)
        self.detectors: list[Detector] = [RuleDetector(self.compiled)]
        self.detectors.append(PersonDetector.from_rule_dirs(dirs))
        self.detect_language = detect_language
        self.ruleset_info = RulesetInfo(
            name=self.ruleset.name, version=self.ruleset.version, content_hash=self.ruleset.content_hash
        )
        self._descriptions = {r.spec.code: r.spec.description for r in self.ruleset.rules}
        for detector in self.detectors:
            self._descriptions.update(getattr(detector, "descriptions", {}))
        self.provenance = Provenance(
            ruleset=self.ruleset_info,
            policy=PolicyInfo(name=self.policy.name, content_hash=policy_hash(self.policy)),
            classifiers=[
                ClassifierInfo(name=d.name, version=d.classifier.version, model_hash=d.classifier.content_hash)
                for d in self.classifiers
            ],
            engine_version=__version__,
        )
        """What produced this engine's verdicts; audit records keep it (`AuditRecord.from_verdict`)."""

    def moderate(self, comment: Comment | str, **fields: Any) -> Verdict:
        """Moderate one comment (a `Comment`, or text plus Comment fields)."""
        comment = _as_comment(comment, fields)
        return self._moderate(comment, self._classify([comment])[0] if self.classifiers else None)

    def _moderate(self, comment: Comment, classified: Detection | None) -> Verdict:
        text = comment.text
        detection = Detection()
        if len(text) > MAX_TEXT_CHARS:
            detection.needs_review.append(
                f"Kommentaren är mycket lång ({len(text)} tecken); bara de första {MAX_TEXT_CHARS} har kontrollerats."
            )
            text = text[:MAX_TEXT_CHARS]
        doc = NormalisedText(text)
        for detector in self.detectors:
            detection.extend(detector.detect(doc))
        if classified is not None:
            detection.extend(admit(classified, detection.findings, self.policy))
        findings = sorted(detection.findings, key=lambda f: (f.start, f.end, f.rule))
        suppressed = sorted(detection.suppressed, key=lambda f: (f.start, f.end, f.rule))
        language, other = "und", None
        if self.detect_language:
            guess = guess_language(text)
            language = guess.language
            if guess.clearly_not_swedish and self.policy.language.review_if_clearly_other:
                other = guess.language
        decision = decide(
            self.policy, findings, suppressed, comment.platform, self._descriptions, detection.needs_review, other,
            classifiers=self._classifier_names,
        )
        return Verdict(
            comment_id=comment.id,
            categories=decision.categories,
            action=decision.action,
            needs_review=decision.needs_review,
            findings=findings,
            reasons=decision.reasons,
            reply_text=decision.reply_text,
            language=language,
            ruleset=self.ruleset_info,
            engine_version=__version__,
            suppressed=suppressed,
        )

    def moderate_many(self, comments: Iterable[Comment | str], *, batch_size: int = CLASSIFIER_BATCH) -> Iterator[Verdict]:
        """Stream verdicts in input order. Rules only: one comment at a time; with classifiers,
        `batch_size` comments at a time, so each classifier is called once per batch."""
        if not self.classifiers:
            for comment in comments:
                yield self.moderate(comment)
            return
        pending = (_as_comment(c, {}) for c in comments)
        while batch := list(islice(pending, batch_size)):
            for comment, classified in zip(batch, self._classify(batch)):
                yield self._moderate(comment, classified)

    def _classify(self, comments: Sequence[Comment]) -> list[Detection]:
        """Each classifier once over the batch (on the part of each text the rules see)."""
        texts = [c.text[:MAX_TEXT_CHARS] for c in comments]
        out = [Detection() for _ in comments]
        for detector in self.classifiers:
            for detection, found in zip(out, detector.detect_batch(texts)):
                detection.extend(found)
        return out


def _as_comment(comment: Comment | str, fields: dict[str, Any]) -> Comment:
    if isinstance(comment, str):
        fields.setdefault("id", "-")
        return Comment(text=comment, **fields)
    return comment


def policy_hash(policy: Policy) -> str:
    """SHA-256 of the validated policy as canonical JSON: equal policies hash equal, whatever the file layout."""
    data = json.dumps(policy.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _policy_for(dirs: list[Path]) -> Path:
    """The `policy.toml` of the last rule directory that has one, else the bundled policy."""
    for directory in reversed(dirs):
        if (directory / "policy.toml").is_file():
            return directory / "policy.toml"
    return bundled_policy()


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """The bundled Swedish rules and policy, built on first use."""
    return Engine()


def moderate(text: str, **fields: Any) -> Verdict:
    """One-line convenience: `modkit.moderate("…", platform="facebook")`."""
    return default_engine().moderate(text, **fields)
