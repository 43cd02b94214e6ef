"""Pluggable statistical classifiers: a second opinion beside the rules.

    from modkit import Engine
    engine = Engine(classifiers=["tfidf"])            # the built-in baseline (needs modkit[ml])
    engine = Engine(classifiers=[MyClassifier()])     # any object with the Classifier interface

Third-party classifiers register under the entry-point group `modkit.classifiers` and are
loaded by name. How scores become actions is the policy's business (`classifier_threshold`,
`classifier_remove_threshold` in policy.toml); by default a classifier alone only sends a
comment to review. `modkit.testing.check_classifier` checks a classifier against the interface.
"""

from .base import Classifier, validate_scores
from .registry import ENTRY_POINT_GROUP, available_classifiers, load_classifier

__all__ = ["ENTRY_POINT_GROUP", "Classifier", "available_classifiers", "load_classifier", "validate_scores"]
