"""A progress line on a terminal; silent when piped or in CI."""

from __future__ import annotations

import os
import sys
import time
from typing import IO


class Progress:
    def __init__(self, total_bytes: int | None, stream: IO[str] = sys.stderr, enabled: bool | None = None) -> None:
        if enabled is None:
            enabled = stream.isatty() and not os.environ.get("CI")
        self.enabled = enabled
        self.total = total_bytes
        self.stream = stream
        self.started = time.perf_counter()
        self._last = 0.0

    def update(self, rows: int, position: int | None) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self._last < 0.25:
            return
        self._last = now
        rate = rows / max(now - self.started, 1e-9)
        share = f" {100 * position / self.total:5.1f}%" if self.total and position is not None else ""
        self.stream.write(f"\r{share} {rows:,} kommentarer  {rate:,.0f}/s ".replace(",", " "))
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
