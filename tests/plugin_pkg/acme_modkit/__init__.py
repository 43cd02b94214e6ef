"""A toy third-party classifier: the more of a comment is in capital letters, the likelier an insult."""

from __future__ import annotations

from collections.abc import Sequence


class ShoutingClassifier:
    name = "acme.shouting.v1"
    version = "0.1.0"
    content_hash = "no-model-file"

    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        out = []
        for text in texts:
            letters = [c for c in text if c.isalpha()]
            share = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
            out.append({"insult": round(share, 6)})
        return out
