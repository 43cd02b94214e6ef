"""Scoring a stream of comments, in this process or in N worker processes, in input order.

    spec = EngineSpec(extra_rule_dirs=("lidingo/",))
    for item, verdict in score_stream(source, spec, workers=2):
        ...   # verdict is None for a BadRow; order is the input's

With `workers > 1` each worker process builds its engine once (from the
picklable `EngineSpec`) and scores batches of comments; at most a few batches
per worker are in flight, so memory stays flat however long the input is.
With `workers == 1` comments are scored one at a time in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing.pool import AsyncResult
from os import PathLike

from .comment import Comment
from .engine import Engine
from .io.readers import BadRow
from .verdict import Verdict

DEFAULT_BATCH = 200
Item = Comment | BadRow


@dataclass(frozen=True)
class EngineSpec:
    """How to build an engine: picklable and hashable, so a worker can build its own."""

    rule_dirs: tuple[str, ...] | None = None
    extra_rule_dirs: tuple[str, ...] = ()
    policy: str | None = None
    detect_language: bool = True

    @classmethod
    def of(
        cls,
        rule_dirs: Sequence[str | PathLike[str]] | None = None,
        extra_rule_dirs: Sequence[str | PathLike[str]] = (),
        policy: str | PathLike[str] | None = None,
        detect_language: bool = True,
    ) -> EngineSpec:
        return cls(
            tuple(os.fspath(d) for d in rule_dirs) if rule_dirs is not None else None,
            tuple(os.fspath(d) for d in extra_rule_dirs),
            os.fspath(policy) if policy is not None else None,
            detect_language,
        )

    def build(self) -> Engine:
        return Engine(self.rule_dirs, extra_rule_dirs=self.extra_rule_dirs, policy=self.policy, detect_language=self.detect_language)


@lru_cache(maxsize=4)
def engine_for(spec: EngineSpec) -> Engine:
    """The engine for `spec`, built once per process."""
    return spec.build()


_worker_spec: EngineSpec | None = None


def _init_worker(spec: EngineSpec) -> None:
    global _worker_spec
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    _worker_spec = spec
    engine_for(spec)


def _score_batch(comments: list[Comment]) -> list[Verdict]:
    assert _worker_spec is not None
    engine = engine_for(_worker_spec)
    return [engine.moderate(c) for c in comments]


def score_stream(
    items: Iterable[Item],
    spec: EngineSpec,
    *,
    workers: int = 1,
    engine: Engine | None = None,
    batch_size: int = DEFAULT_BATCH,
    in_flight: int | None = None,
) -> Iterator[tuple[Item, Verdict | None]]:
    """Yield `(item, verdict)` for every item in input order (`verdict` is None for a `BadRow`)."""
    if workers <= 1:
        engine = engine or engine_for(spec)
        for item in items:
            yield (item, None) if isinstance(item, BadRow) else (item, engine.moderate(item))
        return
    yield from _parallel(items, spec, workers, batch_size, in_flight or 3 * workers)


def _parallel(items: Iterable[Item], spec: EngineSpec, workers: int, batch_size: int, in_flight: int) -> Iterator[tuple[Item, Verdict | None]]:
    context = multiprocessing.get_context(_start_method())
    pool = context.Pool(workers, initializer=_init_worker, initargs=(spec,))
    pending: deque[tuple[list[Item], AsyncResult[list[Verdict]]]] = deque()
    try:
        batch: list[Item] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                pending.append((batch, pool.apply_async(_score_batch, ([c for c in batch if isinstance(c, Comment)],))))
                batch = []
                if len(pending) >= in_flight:
                    yield from _merge(*pending.popleft())
        if batch:
            pending.append((batch, pool.apply_async(_score_batch, ([c for c in batch if isinstance(c, Comment)],))))
        while pending:
            yield from _merge(*pending.popleft())
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _start_method() -> str:
    """fork (fast: the parent's built engine is inherited) unless threads make it unsafe."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _merge(batch: list[Item], result: AsyncResult[list[Verdict]]) -> Iterator[tuple[Item, Verdict | None]]:
    verdicts = iter(result.get())
    for item in batch:
        yield (item, None) if isinstance(item, BadRow) else (item, next(verdicts))
