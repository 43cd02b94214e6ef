"""Scoring a stream of comments, in this process or in N worker processes, in input order.

    spec = EngineSpec(extra_rule_dirs=("lidingo/",))
    for item, verdict in score_stream(source, spec, workers=2):
        ...   # verdict is None for a BadRow; order is the input's

With `workers > 1` each worker process builds its engine once (from the
picklable `EngineSpec`) and scores batches of comments; at most a few batches
per worker are in flight, so memory stays flat however long the input is.
With `workers == 1` comments are scored one at a time in this process (a batch at a
time when the engine has classifiers, so each classifier is called once per batch).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
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
    classifiers: tuple[str, ...] = ()  # registered classifier names, e.g. ("tfidf",)

    @classmethod
    def of(
        cls,
        rule_dirs: Sequence[str | PathLike[str]] | None = None,
        extra_rule_dirs: Sequence[str | PathLike[str]] = (),
        policy: str | PathLike[str] | None = None,
        detect_language: bool = True,
        classifiers: Sequence[str] = (),
    ) -> EngineSpec:
        return cls(
            tuple(os.fspath(d) for d in rule_dirs) if rule_dirs is not None else None,
            tuple(os.fspath(d) for d in extra_rule_dirs),
            os.fspath(policy) if policy is not None else None,
            detect_language,
            tuple(classifiers),
        )

    def build(self) -> Engine:
        return Engine(self.rule_dirs, extra_rule_dirs=self.extra_rule_dirs, policy=self.policy,
                      detect_language=self.detect_language, classifiers=self.classifiers)


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
    return list(engine.moderate_many(comments, batch_size=max(len(comments), 1)))


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
        if engine.classifiers:
            yield from _local_batches(items, engine, batch_size)
            return
        for item in items:
            yield (item, None) if isinstance(item, BadRow) else (item, engine.moderate(item))
        return
    yield from _parallel(items, spec, workers, batch_size, in_flight or 3 * workers)


def _parallel(items: Iterable[Item], spec: EngineSpec, workers: int, batch_size: int, in_flight: int) -> Iterator[tuple[Item, Verdict | None]]:
    context = multiprocessing.get_context(_start_method())
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(spec,))
    pending: deque[tuple[list[Item], Future[list[Verdict]]]] = deque()
    finished = False
    try:
        batch: list[Item] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                pending.append((batch, pool.submit(_score_batch, [c for c in batch if isinstance(c, Comment)])))
                batch = []
                if len(pending) >= in_flight:
                    yield from _merge(*pending.popleft())
        if batch:
            pending.append((batch, pool.submit(_score_batch, [c for c in batch if isinstance(c, Comment)])))
        while pending:
            yield from _merge(*pending.popleft())
        finished = True
    finally:
        # a worker that died (killed, out of memory) raises BrokenProcessPool from result(): the run
        # stops with every verdict before it written, and --resume continues from there
        pool.shutdown(wait=finished, cancel_futures=not finished)


def _local_batches(items: Iterable[Item], engine: Engine, batch_size: int) -> Iterator[tuple[Item, Verdict | None]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _fill(batch, engine.moderate_many([c for c in batch if isinstance(c, Comment)], batch_size=batch_size))
            batch = []
    if batch:
        yield from _fill(batch, engine.moderate_many([c for c in batch if isinstance(c, Comment)], batch_size=batch_size))


def _start_method() -> str:
    """fork (fast: the parent's built engine is inherited) unless threads make it unsafe."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _merge(batch: list[Item], result: Future[list[Verdict]]) -> Iterator[tuple[Item, Verdict | None]]:
    yield from _fill(batch, result.result())


def _fill(batch: list[Item], verdicts: Iterable[Verdict]) -> Iterator[tuple[Item, Verdict | None]]:
    """The batch's items in order, each comment with its verdict (bad rows with None)."""
    verdicts = iter(verdicts)
    for item in batch:
        yield (item, None) if isinstance(item, BadRow) else (item, next(verdicts))
