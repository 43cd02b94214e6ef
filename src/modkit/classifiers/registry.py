"""Finding classifiers by name: the built-ins, then plugins in the `modkit.classifiers` entry-point group.

A plugin's `pyproject.toml`:

    [project.entry-points."modkit.classifiers"]
    "acme.toxicity.v1" = "acme_modkit:ToxicityClassifier"

The entry point names a class or factory (called with the options given to
`load_classifier`, e.g. `path=`) or a ready classifier object. Nothing is
imported until a classifier is asked for by name, so a broken plugin never
affects the rules; asking for it raises a `ClassifierError` whose `__cause__`
is the plugin's own exception.
"""

from __future__ import annotations

import importlib
from importlib import metadata
from typing import Any

from ..errors import ClassifierError
from .base import NAME_RE, Classifier

ENTRY_POINT_GROUP = "modkit.classifiers"

BUILTINS: dict[str, str] = {
    "modkit.tfidf_linear.v1": "modkit.classifiers.tfidf:TfidfLinearClassifier",
    "modkit.mock.v1": "modkit.testing:MockClassifier",
}
ALIASES: dict[str, str] = {"tfidf": "modkit.tfidf_linear.v1", "mock": "modkit.mock.v1"}


def available_classifiers() -> dict[str, str]:
    """Every name `load_classifier` accepts (aliases aside), with where it comes from."""
    found = {name: "modkit (built in)" for name in BUILTINS}
    for ep in _entry_points():
        found.setdefault(ep.name, _origin(ep))
    return found


def load_classifier(spec: str | Classifier, **options: Any) -> Classifier:
    """A classifier object from a registered name or alias (or the object itself)."""
    if not isinstance(spec, str):
        if options:
            raise ClassifierError("options can only be given with a classifier name")
        return _checked(spec, getattr(spec, "name", repr(spec)))
    name = ALIASES.get(spec, spec)
    if name in BUILTINS:
        module, _, attr = BUILTINS[name].partition(":")
        factory = getattr(importlib.import_module(module), attr)
        return _checked(_build(factory, options, name, "modkit"), name)
    matches = {ep.value: ep for ep in _entry_points() if ep.name == name}
    if not matches:
        known = ", ".join(sorted([*ALIASES, *available_classifiers()]))
        raise ClassifierError(f"unknown classifier {spec!r}; known: {known}")
    if len(matches) > 1:
        where = "; ".join(f"{ep.value} ({_origin(ep)})" for ep in matches.values())
        raise ClassifierError(f"classifier {name!r} is registered more than once: {where}")
    (ep,) = matches.values()
    try:
        factory = ep.load()
    except Exception as exc:  # whatever a plugin's import raises, it must become one clear error
        raise ClassifierError(
            f"classifier plugin {name!r} ({ep.value}, {_origin(ep)}) failed to load: {type(exc).__name__}: {exc}"
        ) from exc
    return _checked(_build(factory, options, name, _origin(ep)), name)


def _build(factory: Any, options: dict[str, Any], name: str, origin: str) -> Any:
    if not isinstance(factory, type) and hasattr(factory, "predict"):
        if options:
            raise ClassifierError(f"classifier {name!r} is a ready object and takes no options")
        return factory
    if not callable(factory):
        raise ClassifierError(f"classifier {name!r} ({origin}) is neither a classifier nor callable")
    try:
        return factory(**options)
    except ClassifierError:
        raise
    except Exception as exc:  # a plugin's constructor failing is reported, not propagated raw
        raise ClassifierError(
            f"classifier {name!r} ({origin}) could not be created: {type(exc).__name__}: {exc}"
        ) from exc


def _checked(obj: Any, name: str) -> Classifier:
    missing = [a for a in ("name", "version", "content_hash", "predict") if not hasattr(obj, a)]
    if missing:
        raise ClassifierError(f"classifier {name!r} lacks {', '.join(missing)}: see modkit.classifiers.Classifier")
    if not isinstance(obj.name, str) or not NAME_RE.match(obj.name):
        raise ClassifierError(
            f"classifier {name!r}: name {obj.name!r} must be namespaced and versioned, e.g. 'acme.toxicity.v1'"
        )
    return obj


def _entry_points() -> list[metadata.EntryPoint]:
    return list(metadata.entry_points(group=ENTRY_POINT_GROUP))


def _origin(ep: metadata.EntryPoint) -> str:
    dist = ep.dist
    return f"from {dist.name} {dist.version}" if dist is not None else "from an unnamed distribution"
