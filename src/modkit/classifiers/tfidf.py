"""`modkit.tfidf_linear.v1`: the built-in Swedish baseline (word + character n-gram TF-IDF, one
calibrated logistic regression per category), stored with skops, never with pickle.

Needs the `ml` extra (`pip install 'modkit[ml]'`); nothing is imported or read until the
model is first used. `modkit train` makes the model file; `models/tfidf_linear_v1/` holds
the trained model with its model card.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from ..categories import Category
from ..errors import ClassifierError
from ..resources import bundled_model

NAME = "modkit.tfidf_linear.v1"
MODEL_DIR = "tfidf_linear_v1"
MODEL_FILE = "model.skops"
FORMAT = 1
INSTALL_HINT = "install the optional extra: pip install 'modkit[ml]' (scikit-learn and skops)"

TRUSTED_TYPES: tuple[str, ...] = (
    # Everything in a model file that skops does not already trust (its defaults cover
    # scikit-learn estimators, numpy and scipy containers). Nothing else is ever loaded.
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.model_selection._split.StratifiedKFold",
)


def default_model_path() -> Path:
    return bundled_model(MODEL_DIR) / MODEL_FILE


def import_ml() -> tuple[Any, Any]:
    """(skops.io, sklearn), or a ClassifierError with the install hint."""
    try:
        import sklearn
        import skops.io as sio
    except ImportError as exc:
        raise ClassifierError(f"classifier {NAME} needs scikit-learn and skops: {INSTALL_HINT}") from exc
    return sio, sklearn


def model_content_hash(path: str | PathLike[str]) -> str:
    """SHA-256 of a model file's content, the same however often the same model is written.

    A skops file names its arrays and objects by `id()` at the time of writing and its zip
    entries carry timestamps; both are replaced by their order of appearance before hashing."""
    path = Path(path)
    digest = hashlib.sha256()
    try:
        if not zipfile.is_zipfile(path):
            digest.update(path.read_bytes())
            return digest.hexdigest()
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            schema = json.loads(archive.read("schema.json")) if "schema.json" in names else None
            ids: dict[int, int] = {}
            files: dict[str, int] = {}

            def canonical(node: Any) -> Any:
                if isinstance(node, list):
                    return [canonical(item) for item in node]
                if not isinstance(node, dict):
                    return node
                out = {}
                for key, value in node.items():
                    if key == "__id__" and isinstance(value, int):
                        out[key] = ids.setdefault(value, len(ids))
                    elif key == "file" and isinstance(value, str) and value in names:
                        out[key] = f"#{files.setdefault(value, len(files))}"
                    else:
                        out[key] = canonical(value)
                return out

            digest.update(json.dumps(canonical(schema), sort_keys=True, ensure_ascii=False).encode("utf-8"))
            for member in [*files, *sorted(names - set(files) - {"schema.json"})]:
                digest.update(b"\0" + archive.read(member))
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise ClassifierError(f"{path}: cannot read model file: {exc}") from exc
    return digest.hexdigest()


def load_model(path: str | PathLike[str]) -> dict[str, Any]:
    """Load a model file saved by `save_model`, refusing anything but skops files with trusted types."""
    path = Path(path)
    if not path.is_file():
        raise ClassifierError(
            f"{path}: no model file. Train one with `modkit train` (see models/README.md), or pass another path."
        )
    sio, _ = import_ml()
    if not zipfile.is_zipfile(path):
        raise ClassifierError(f"{path}: not a skops model file; pickle and joblib files are never loaded")
    from skops.io.exceptions import UntrustedTypesFoundException

    try:
        bundle = sio.load(path, trusted=list(TRUSTED_TYPES))
    except UntrustedTypesFoundException as exc:
        raise ClassifierError(f"{path}: refused to load: the file contains types that are not trusted: {exc}") from exc
    except Exception as exc:  # a damaged or foreign archive: skops raises many kinds
        raise ClassifierError(f"{path}: cannot load model: {type(exc).__name__}: {exc}") from exc
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT or bundle.get("name") != NAME:
        raise ClassifierError(f"{path}: not a {NAME} model (format {FORMAT})")
    try:
        bundle["categories"] = [Category(c) for c in bundle["categories"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise ClassifierError(f"{path}: bad category list in model: {exc}") from exc
    if len(bundle["categories"]) != len(bundle.get("heads", ())):
        raise ClassifierError(f"{path}: {len(bundle['categories'])} categories but {len(bundle.get('heads', ()))} heads")
    return bundle


def save_model(bundle: dict[str, Any], path: str | PathLike[str]) -> None:
    sio, _ = import_ml()
    for _, vectorizer in bundle["features"].transformer_list:
        vectorizer.stop_words_ = None  # the discarded rare n-grams: only for introspection, and large
        vars(vectorizer).pop("_stop_words_id", None)  # a memo holding an id(): differs on every run
    data = {**bundle, "categories": [c.value for c in bundle["categories"]], "format": FORMAT, "name": NAME}
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    sio.dump(data, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)


def predict_bundle(bundle: dict[str, Any], texts: Sequence[str]) -> list[dict[Category, float]]:
    if not texts:
        return []
    features = bundle["features"].transform(list(texts))
    columns = [head.predict_proba(features)[:, 1] for head in bundle["heads"]]
    return [
        {category: float(column[i]) for category, column in zip(bundle["categories"], columns)}
        for i in range(len(texts))
    ]


class TfidfLinearClassifier:
    """The baseline. `TfidfLinearClassifier()` uses the bundled model; `path=` another file."""

    name = NAME

    def __init__(self, path: str | PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_model_path()
        self._bundle: dict[str, Any] | None = None
        self._hash: str | None = None

    def _load(self) -> dict[str, Any]:
        if self._bundle is None:
            self._bundle = load_model(self.path)
        return self._bundle

    @property
    def version(self) -> str:
        return str(self._load()["version"])

    @property
    def content_hash(self) -> str:
        if self._hash is None:
            self._load()  # refuse a bad file before vouching for it
            self._hash = model_content_hash(self.path)
        return self._hash

    @property
    def categories(self) -> list[Category]:
        return list(self._load()["categories"])

    def predict(self, texts: Sequence[str]) -> list[dict[Category, float]]:
        return predict_bundle(self._load(), texts)

    def __repr__(self) -> str:
        return f"TfidfLinearClassifier(path={str(self.path)!r})"
