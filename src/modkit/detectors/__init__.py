"""Detectors turn a normalised comment into findings: rules now, classifiers later."""

from .base import Detection, Detector
from .rule_detector import RuleDetector

__all__ = ["Detection", "Detector", "RuleDetector"]
