"""Detectors turn a normalised comment into findings: the rules, and classifiers through an adapter."""

from .base import Detection, Detector
from .classifier_detector import ClassifierDetector
from .rule_detector import RuleDetector

__all__ = ["ClassifierDetector", "Detection", "Detector", "RuleDetector"]
