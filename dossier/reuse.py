"""What one build made from records, reused by the next build of the same process.

Under `mkdocs serve` the records of every unchanged article are the very objects the last
build used (the caches remember them: `dossier.cache`), so whatever a pure function made of
them last time is still right. `Reuse` keeps such results, keyed by the identity of the
objects they were made from, for one build to the next: a save that changes one article
makes again the figure groups that article's figures are in, not all of them (the one use so
far: `dossier.assemble.figures.group_figures`; statements, events and entities were tried
and saved nothing measurable, for their cost is in what joins them, not in each one). Only an object alive in both builds can match (each entry holds its inputs, so their
identities cannot be reused by other objects while it is kept), so a result reused is the
result the function gives, and the output is byte for byte that of a fresh build.

A build that runs once (`dossier build`, `mkdocs build`) reuses nothing and keeps nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Reuse:
    """Results of the last build and of this one, by kind and inputs. Each build keeps only
    what it used or made, so what is kept never outgrows one build's worth."""

    def __init__(self) -> None:
        self.enabled = False
        self._last: dict[tuple, tuple[tuple, Any]] = {}
        self._this: dict[tuple, tuple[tuple, Any]] = {}
        self.hits = self.misses = 0

    def start(self, enabled: bool) -> None:
        """A build begins: `enabled` when this process builds again (it remembers its
        caches); what the build before it kept becomes what this one may reuse."""
        self._last = self._this if enabled else {}
        self._this = {}
        self.enabled = enabled
        self.hits = self.misses = 0

    def get(self, kind: str, objects: tuple, make: Callable[[], T], *, also: Hashable = ()) -> T:
        """`make()`, or what it gave in the last build for the same `objects` (by identity)
        and the same `also` (by value: plain keys such as strings and tuples of them)."""
        if not self.enabled:
            return make()
        key = (kind, also, *map(id, objects))
        entry = self._this.get(key) or self._last.get(key)
        if entry is not None and len(entry[0]) == len(objects) and all(a is b for a, b in zip(entry[0], objects)):
            self.hits += 1
            self._this[key] = entry
            return entry[1]
        self.misses += 1
        value = make()
        self._this[key] = (tuple(objects), value)
        return value


REUSE = Reuse()
"""The process's one `Reuse` (`dossier.pipeline.build` starts it for each build)."""
