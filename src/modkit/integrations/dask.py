"""Moderate comments on a Dask cluster: `pip install 'modkit[dask]'`.

    import dask.bag as db
    from modkit.integrations.dask import moderate_bag, moderate_dataframe

    rows = db.read_text("s3://…/comments-*.jsonl").map(json.loads)
    verdicts = moderate_bag(rows)                        # bag of verdict rows (as `modkit score` writes JSONL)
    verdicts.map(json.dumps).to_textfiles("out/*.jsonl")

    frame = dd.read_parquet("comments/")                 # columns id, text (and platform, …)
    flagged = moderate_dataframe(frame)                  # one row of verdict columns per comment, same index
    flagged[flagged.action != "publish"].to_parquet("flagged/")

Each worker process builds the engine once (the first partition it scores)
from a picklable `EngineSpec`, and reuses it for every later partition.
Nothing here starts or manages a cluster: use Dask's own (`LocalCluster`,
`dask-jobqueue`, Kubernetes, …). Output order is the input's, partition by
partition, and verdicts are identical to `modkit score` in one process.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ..batch import EngineSpec, engine_for
from ..comment import Comment
from ..io.writers import CSV_COLUMNS, flat_row, verdict_row

try:
    import dask.bag as db
    import dask.dataframe as dd
except ImportError as exc:  # pragma: no cover - depends on the extra
    raise ImportError("modkit.integrations.dask needs Dask: pip install 'modkit[dask]'") from exc

_COMMENT_FIELDS = set(Comment.model_fields)


def _as_comment(item: Any, position: int) -> Comment:
    if isinstance(item, Comment):
        return item
    if isinstance(item, str):
        return Comment(id=str(position), text=item)
    if isinstance(item, Mapping):
        fields = {k: v for k, v in item.items() if k in _COMMENT_FIELDS and v is not None}
        extra = {k: v for k, v in item.items() if k not in _COMMENT_FIELDS}
        if extra:
            fields["metadata"] = {**fields.get("metadata", {}), **extra}
        fields["id"] = str(fields.get("id", position))
        return Comment(**fields)
    raise TypeError(f"cannot moderate a {type(item).__name__}: give a Comment, a dict with 'text', or a string")


def _score_partition(items: Iterable[Any], spec: EngineSpec) -> list[dict[str, Any]]:
    engine = engine_for(spec)  # once per worker process
    return [verdict_row(engine.moderate(_as_comment(item, i))) for i, item in enumerate(items)]


def moderate_bag(bag: db.Bag, spec: EngineSpec | None = None, **engine_options: Any) -> db.Bag:
    """Verdict rows (dicts, as in `modkit score` JSONL) for a bag of comments.

    Elements may be `Comment`s, dicts with Comment fields (`id`, `text`,
    `platform`, …; other keys go to `metadata`), or strings."""
    spec = spec or EngineSpec.of(**engine_options)
    return bag.map_partitions(_score_partition, spec)


def _score_frame(frame: pd.DataFrame, spec: EngineSpec, text_column: str, id_column: str, platform_column: str | None) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in CSV_COLUMNS}, index=frame.index)
    engine = engine_for(spec)
    has_platform = platform_column is not None and platform_column in frame.columns
    rows = []
    ids = frame[id_column] if id_column in frame.columns else pd.Series(frame.index, index=frame.index)
    platforms = frame[platform_column] if has_platform else None
    for position, (ident, text) in enumerate(zip(ids, frame[text_column], strict=True)):
        fields: dict[str, Any] = {"id": str(ident), "text": "" if text is None else str(text)}
        if platforms is not None:
            platform = platforms.iloc[position]
            if isinstance(platform, str) and platform:
                fields["platform"] = platform
        rows.append(flat_row(engine.moderate(Comment(**fields))))
    out = pd.DataFrame(rows, columns=CSV_COLUMNS, index=frame.index)
    return out.astype(object)


def moderate_dataframe(
    frame: dd.DataFrame,
    *,
    text_column: str = "text",
    id_column: str = "id",
    platform_column: str | None = "platform",
    spec: EngineSpec | None = None,
    **engine_options: Any,
) -> dd.DataFrame:
    """One row of verdict columns (those of `modkit score`'s CSV output) per input row, same index.

    `categories` is `;`-separated, `reasons` ` | `-separated, `findings` JSON,
    `needs_review` is "ja"/"nej", as in the CSV output."""
    spec = spec or EngineSpec.of(**engine_options)
    meta = pd.DataFrame({c: pd.Series(dtype=object) for c in CSV_COLUMNS})
    return frame.map_partitions(_score_frame, spec, text_column, id_column, platform_column, meta=meta)


__all__ = ["EngineSpec", "moderate_bag", "moderate_dataframe"]
