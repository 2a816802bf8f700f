"""Progress on long runs: stage timings and a counter on stderr, on a terminal only.

Quiet when stderr is not a terminal or when CI is set (logs stay clean); DOSSIER_PROGRESS=1
forces it on, DOSSIER_PROGRESS=0 off. Library code receives a `Progress` and never prints
otherwise; the default `Progress.quiet()` does nothing.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO, TypeVar

T = TypeVar("T")


class Progress:
    def __init__(self, stream: TextIO | None = None, enabled: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.timings: list[tuple[str, float]] = []

    @classmethod
    def quiet(cls) -> Progress:
        return cls(enabled=False)

    @classmethod
    def for_terminal(cls, stream: TextIO | None = None) -> Progress:
        stream = stream or sys.stderr
        forced = os.environ.get("DOSSIER_PROGRESS")
        if forced in ("0", "1"):
            return cls(stream, forced == "1")
        return cls(stream, stream.isatty() and not os.environ.get("CI"))

    @contextmanager
    def stage(self, name: str, detail: str = "") -> Iterator[None]:
        """Time a stage; print `name ... 1.2 s` when it ends."""
        started = time.perf_counter()
        if self.enabled:
            self.stream.write(f"dossier: {name}{' ' + detail if detail else ''}...")
            self.stream.flush()
        yield
        seconds = time.perf_counter() - started
        self.timings.append((name, seconds))
        if self.enabled:
            self.stream.write(f"\rdossier: {name}{' ' + detail if detail else ''}: {seconds:.1f} s\x1b[K\n")
            self.stream.flush()

    def count(self, items: Iterable[T], total: int, name: str) -> Iterator[T]:
        """Yield the items, showing `name 12/300` as they pass (at most ~20 updates a second)."""
        shown = 0.0
        for index, item in enumerate(items, start=1):
            now = time.perf_counter()
            if self.enabled and (now - shown > 0.05 or index == total):
                self.stream.write(f"\rdossier: {name} {index}/{total}\x1b[K")
                self.stream.flush()
                shown = now
            yield item
