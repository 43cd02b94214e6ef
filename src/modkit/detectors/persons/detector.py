"""The person detector: the engine-facing class that ties mentions, details and sensitive
terms together, and skips comments the prefilter rules out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ...resources import bundled_rule_dirs
from ...text import NormalisedText
from ..base import Detection
from .details import PersonalData
from .lexicon import Lexicon
from .mentions import Doc, PersonFinder, PersonMention
from .prefilter import Prefilter
from .sensitive import SensitiveData
from .vocab import PD_CODES


class PersonDetector:
    """Person detection, name + identifying detail (personal_data) and sensitive details (sensitive_data)."""

    name = "persons"
    descriptions: dict[str, str] = {code: desc for code, _, desc in PD_CODES.values()}

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.finder = PersonFinder(lexicon)
        self.prefilter = Prefilter(lexicon)
        self.personal = PersonalData(lexicon, self.name)
        self.sensitive = SensitiveData(lexicon, self.name)
        self._last: tuple[str, Doc] | None = None
        self.descriptions = {
            **PersonDetector.descriptions,
            **{a.code: f"Känslig uppgift om en identifierbar person: {a.label}." for a in lexicon.areas.values()},
        }

    @classmethod
    def from_rule_dirs(cls, dirs: Sequence[Path]) -> PersonDetector:
        """The lexicon of the last rule directory that has one (else the bundled one)."""
        for directory in reversed([Path(d) for d in dirs]):
            if (directory / "persons" / "persons.toml").is_file():
                return cls(Lexicon.load(directory))
        return cls(Lexicon.load(bundled_rule_dirs()[0]))

    def _doc(self, text: str) -> Doc:
        """The analysis of `text`; the last one is kept, as `persons` often follows `detect`."""
        if self._last is not None and self._last[0] == text:
            return self._last[1]
        doc = self.finder._analyse(text)
        self._last = (text, doc)
        return doc

    def persons(self, doc: NormalisedText | str) -> list[PersonMention]:
        """Every person mention in the comment (original offsets)."""
        text = doc if isinstance(doc, str) else doc.original
        return list(self._doc(text).mentions)

    def detect(self, doc: NormalisedText) -> Detection:
        text = doc.original
        if not self.prefilter.may_flag(text):
            return Detection()  # names nobody and mentions no sensitive term: nothing to analyse
        return self.detect_all(text)

    def detect_all(self, text: str) -> Detection:
        """The full analysis of `text`, without the prefilter (`detect` gives the same result)."""
        detection = Detection()
        d = self._doc(text)
        if not d.mentions:
            return detection
        self.personal.find(d, detection)
        self.sensitive.find(d, detection)
        return detection
