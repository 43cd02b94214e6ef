"""A plugin whose import fails, as a third party's mistake would."""

import acme_modkit_missing_dependency  # noqa: F401  (not installed anywhere)


class BrokenClassifier:
    pass
