"""`modkit train`: train the built-in classifier (modkit.tfidf_linear.v1) with its model card.

Trains on the train split of a labelled corpus (see corpora/README.md, "Splits"); the test
split is never read. Out-of-fold scores on the train split measure the model and choose the
policy's per-category classifier thresholds against the rules in force. Needs the `ml` extra.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections import Counter
from pathlib import Path

from .._version import __version__
from ..errors import ModkitError
from .common import EXIT_OK, EXIT_USAGE, add_engine_options, build_engine, error

DEFAULT_CORPUS = Path("corpora/sv/dev.jsonl")  # relative to the working directory: run from a checkout
DEFAULT_OUT = Path("models/tfidf_linear_v1")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train the built-in TF-IDF classifier and write its model card",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="labelled JSONL corpus (default: corpora/sv/dev.jsonl)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="model directory (default: models/tfidf_linear_v1)")
    p.add_argument("--seed", type=int, default=0, help="seed for every random choice (default: 0)")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds on the train split (default: 5)")
    p.add_argument("--shared", type=Path, metavar="DIR",
                   help="licensed data directory (../shared/data): adds ABSAbank-Imm training paragraphs with "
                        "neutral or positive stance (CC BY 4.0) as clean examples; recorded in the model card")
    p.add_argument("--jobs", type=int, default=2, help="processes for the cross-validation folds (default: 2)")
    p.add_argument("--no-tune", action="store_true", help="do not run the rules to suggest policy thresholds")
    add_engine_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        return _train(args)
    except ModkitError as exc:
        error(str(exc))
        return EXIT_USAGE


def _train(args: argparse.Namespace) -> int:
    from ..classifiers.corpus import ABSABANK_TRAIN, data_hash, file_hash, read_absabank_clean, read_labelled
    from ..classifiers.model_card import INTENDED_USE, LIMITATIONS, write_card
    from ..classifiers.tfidf import MODEL_FILE, NAME, import_ml, model_content_hash, save_model
    from ..classifiers.training import (
        CATEGORIES, RECIPE_VERSION, Recipe, cross_val_scores, fit_bundle, gold_labels, rule_labels,
        score_metrics, tune_thresholds,
    )

    _, sklearn = import_ml()
    started = time.perf_counter()
    examples = read_labelled(args.corpus, split="train")
    if not examples:
        raise ModkitError(f"{args.corpus}: no rows in the train split")
    extra = read_absabank_clean(args.shared) if args.shared else []
    recipe = Recipe(seed=args.seed)
    gold = gold_labels(examples)
    _say(f"{len(examples)} training comments from {args.corpus} (train split)"
         + (f" and {len(extra)} clean paragraphs from {args.shared / ABSABANK_TRAIN}" if extra else "")
         + f"; {args.folds}-fold cross-validation …")
    scores = cross_val_scores(examples, recipe, folds=args.folds, extra=extra, jobs=args.jobs)
    suggestion = None
    if not args.no_tune:
        engine = build_engine(args, detect_language=False)
        _say(f"tuning thresholds against the rules ({engine.ruleset_info.name} {engine.ruleset_info.version}) …")
        apply_to = engine.policy.classifiers.apply_to
        tuning = tune_thresholds(scores, rule_labels(engine, examples), gold, apply_to=apply_to)
        suggestion = {
            "ruleset": engine.ruleset_info.model_dump(),
            "apply_to": apply_to,
            "criterion": (
                "One threshold for the categories the classifier helps, as low as it can go while rules + "
                "classifier keep the rules' precision (micro-averaged over categories) within 0.005, where "
                f"a category takes part only if the comments it adds are right at least half of the time "
                f"([classifiers] apply_to = \"{apply_to}\"); 'off' for the other categories."
            ),
            "classifier_threshold": tuning.threshold,
            "rules": tuning.rules,
            "combined": tuning.combined,
            "per_category": {
                c.value: {"classifier_threshold": t.threshold, "rules": t.rules, "combined": t.combined,
                          "added_tp": t.added_tp, "added_fp": t.added_fp}
                for c, t in tuning.per_category.items()
            },
        }
    _say("fitting the final model on the whole train split …")
    bundle = fit_bundle(examples, recipe, extra)
    hashed = data_hash([*examples, *extra])
    bundle["version"] = f"{RECIPE_VERSION}+data.{hashed[:12]}"
    model_path = args.out / MODEL_FILE
    save_model(bundle, model_path)
    counts = Counter(c.value for e in examples for c in e.labels)
    card = {
        "name": NAME,
        "version": bundle["version"],
        "model_file": MODEL_FILE,
        "content_hash": model_content_hash(model_path),
        "created_with": {"modkit": __version__, "scikit-learn": sklearn.__version__,
                         "skops": _version("skops"), "numpy": _version("numpy"), "python": platform.python_version()},
        "command": f"modkit train --seed {args.seed} --folds {args.folds}"
                   + (f" --shared {_display(args.shared)}" if args.shared else "") + (" --no-tune" if args.no_tune else ""),
        "description": (
            "TF-IDF over word 1–2-grams and character 1–4-grams (within words), then one logistic "
            "regression per category (liblinear, balanced class weights), calibrated with a sigmoid "
            "fitted on 5-fold cross-validated decision values. Scores are per-category probabilities."
        ),
        "intended_use": INTENDED_USE,
        "training_data": {
            "sources": [{
                "path": _display(args.corpus), "selection": "train split: sha256(id)[:8] as int % 5 != 0",
                "licence": "MIT (written by the modkit developers)", "rows": len(examples), "sha256": file_hash(args.corpus),
            }] + ([{
                "path": _display(args.shared / ABSABANK_TRAIN),
                "selection": "mean stance ≥ 3 (neutral or positive), as clean examples with no category",
                "licence": "CC BY 4.0; ABSAbank-Imm v1.1, Språkbanken (SuperLim 2); Rouces, Borin & Tahmasebi (2020)",
                "rows": len(extra), "sha256": file_hash(args.shared / ABSABANK_TRAIN),
            }] if extra else []),
            "data_hash": hashed,
            "label_counts": {c.value: counts.get(c.value, 0) for c in CATEGORIES},
            "held_out": [
                f"the test split of {_display(args.corpus)} (sha256(id)[:8] as int % 5 == 0)",
                "corpora/sv/test.jsonl (the blind test corpus)",
                "../shared/data/rtp-lx-sv (MIT)",
                "../shared/data/absabank-imm/absabank-imm_dev.jsonl (CC BY 4.0)"
                + ("" if extra else " and absabank-imm_train.jsonl"),
            ],
        },
        "hyperparameters": recipe.as_dict(),
        "categories": [c.value for c in bundle["categories"]],
        "not_scored": [c.value for c in CATEGORIES if c not in bundle["categories"]],
        "cross_validation": {"folds": args.folds, "seed": args.seed, "per_category": score_metrics(scores, gold)},
        "policy_suggestion": suggestion,
        "limitations": LIMITATIONS,
    }
    write_card(card, args.out)
    size = model_path.stat().st_size
    _say(f"wrote {model_path} ({size / 1e6:.1f} MB), model_card.md and model_card.json in {time.perf_counter() - started:.0f} s")
    if suggestion:
        print(_policy_snippet(suggestion))
    return EXIT_OK


def _policy_snippet(suggestion: dict) -> str:
    if suggestion["classifier_threshold"] is None:
        return "# The classifier adds nothing safe to these rules: leave it off."
    off = [c for c, t in suggestion["per_category"].items() if t["classifier_threshold"] is None]
    lines = [
        "# Suggested for policy.toml:",
        "[classifiers]",
        f"threshold = {suggestion['classifier_threshold']:.2f}",
        f"apply_to = \"{suggestion['apply_to']}\"",
        "# and `classifier = false` under [categories.X] for: " + ", ".join(off),
    ]
    return "\n".join(lines)


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def _say(message: str) -> None:
    print(f"modkit: {message}", file=sys.stderr)
