"""Text normalisation: one normalised view per comment, with offsets back to the original."""

from .normalise import NormalisedText, lower_text, skeleton_text

__all__ = ["NormalisedText", "lower_text", "skeleton_text"]
