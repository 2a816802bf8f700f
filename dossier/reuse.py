"""What one build made from records, reused by the next build of the same process.

Under `mkdocs serve` the records of every unchanged article are the very objects the last
build used (the caches remember them: `dossier.cache`), so whatever a pure function made of
them last time is still right. `Reuse` keeps such results, keyed by the identity of the
objects they were made from, for one build to the next: a save that changes one article
makes again the figure groups that article's figures are in, not all of them
(`dossier.assemble.figures.group_figures`), the sentences to cluster of that article alone
(`dossier.assemble.clusters.statement_sentences`), the statements whose sentences changed
(`dossier.assemble.clusters.statements_of`, and their copies with topics), each quotation
merged of quotations the last build merged alike (`dossier.assemble.clusters.cluster_quotes`), the events of
the dates it tells of (`dossier.assemble.timeline.merge_events`), the entries of the entity
index of the names it mentions (`dossier.assemble.entities.merge_entities`), and the takeaway scores of
the statements it touches or moves in or out of a headline figure (`dossier.assemble.briefing`),
and the indexes the pages look records up in change by the records that came and went
(`Reuse.index`: the figure group of each figure, the speaker of each sentence; `Reuse.grouped`: the
figures of each paragraph, for the takeaways); which sentences say the same
thing is found again in full, for that is decided across all of them. Only an object alive in both builds can match (each entry holds its inputs, so their
identities cannot be reused by other objects while it is kept), so a result reused is the
result the function gives, and the output is byte for byte that of a fresh build.

A build that runs once (`dossier build`, `mkdocs build`) reuses nothing from memory; with a
`Kept` (the persistent cache's "assembly" pack, `dossier.cache`) it takes what a build in
another process made of records of the same content. There a result is keyed by what its
records hold (`content_key`: every field, encoded), and the records are not kept with it:
pickled, each is replaced by its key and, read back, by the record of this build that has
that key. A new process after one changed article groups again the figures of the groups
that article's figures are in and reads the others back: grouping at 1,000 articles took
0.54-0.62 s, then 0.32-0.35 s, a third of it hashing the figures; now each figure's key comes
with its analysis, from the cache (`KEYS`), and grouping takes about 0.1 s.
"""

from __future__ import annotations

import io
import logging
import pickle
import weakref
from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import compress
from typing import Any, Generic, TypeVar

from dossier.cache import Cache, code_version, digest
from dossier.model import content_key

log = logging.getLogger("dossier.reuse")

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


class Reuse:
    """Results of the last build and of this one, by kind and inputs. Each build keeps only
    what it used or made, so what is kept never outgrows one build's worth."""

    def __init__(self) -> None:
        self.enabled = False
        self._last: dict[tuple, tuple[tuple, Any]] = {}
        self._this: dict[tuple, tuple[tuple, Any]] = {}
        self._indexes: dict[str, tuple[dict[int, Any], dict]] = {}  # kind -> (items by identity, index)
        self._indexes_last: dict[str, tuple[dict[int, Any], dict]] = {}
        self.hits = self.misses = 0

    def start(self, enabled: bool) -> None:
        """A build begins: `enabled` when this process builds again (it remembers its
        caches); what the build before it kept becomes what this one may reuse."""
        self._last = self._this if enabled else {}
        self._this = {}
        self._indexes_last = self._indexes if enabled else {}
        self._indexes = {}
        for memo in _MEMOS:
            memo.start(enabled)
        self.enabled = enabled
        self.hits = self.misses = 0

    def get(self, kind: str, objects: tuple, make: Callable[[], T], *, also: Hashable = (),
            kept: Kept | None = None, valid: Callable[[T], bool] | None = None) -> T:
        """`make()`, or what it gave in the last build for the same `objects` (by identity)
        and the same `also` (by value: plain keys such as strings and tuples of them), if
        `valid` of it (when given: whether what else it was made from is as it was).
        `kept`: what builds of other processes made, by content (`Kept.get`), tried next."""
        if not self.enabled:
            return kept.get(kind, objects, make, also=also)[0] if kept is not None else make()
        key = (kind, also, *map(id, objects))
        # (an entry holds the objects it was made of, so no other object can have their ids while
        # it is kept: one found under the same ids was made of these very objects)
        entry = self._this.get(key) or self._last.get(key)
        if entry is not None and (valid is None or valid(entry[1])):
            self.hits += 1
            self._this[key] = entry
            if kept is not None and entry[2] is not None:
                kept.keep(entry[2])  # still this build's: the pack written next keeps it
            return entry[1]
        self.misses += 1
        value, content = kept.get(kind, objects, make, also=also) if kept is not None else (make(), None)
        self._this[key] = (tuple(objects), value, content)
        return value

    def index(self, kind: str, items: Sequence[T], entries: Callable[[T], Iterable[tuple[K, V]]]) -> dict[K, V]:
        """The dictionary of the `entries` of every item, in order. No two items may give one
        key (a figure is in one group, a sentence in one statement). Under `mkdocs serve` it is the last
        build's, changed in place: the entries of the items gone (by identity) are taken out, those
        of the items new to this build put in (at 10,000 articles a save changes a few of 35,000
        statements; indexing every statement's mentions again took 0.28 s). So the dictionary
        given is valid until the next build asks for the same `kind`."""
        if not self.enabled:
            return {key: value for item in items for key, value in entries(item)}
        found, gone, new = self._changes(kind, items)
        for item in gone:
            for key, value in entries(item):
                if found.get(key) is value:
                    del found[key]
        for item in new:
            found.update(entries(item))
        return found

    def grouped(self, kind: str, items: Sequence[T], entries: Callable[[T], Iterable[tuple[K, V]]]) -> dict[K, list[V]]:
        """`index` where items may give one key: each key's list of values (in no particular
        order; no two items give one key an equal value). Under `mkdocs serve` the last build's,
        changed in place like `index` (at 10,000 articles, listing where each of the 139,000
        figures of every group is took 0.15 s a save)."""
        found: dict[K, list[V]] = {}
        gone: Iterable[T] = ()
        new: Iterable[T] = items
        if self.enabled:
            found, gone, new = self._changes(kind, items)
        for item in gone:
            for key, value in entries(item):
                left = [other for other in found.get(key, ()) if other != value]
                if left:
                    found[key] = left
                else:
                    found.pop(key, None)
        for item in new:  # (after those gone: a value that moved is the new item's)
            for key, value in entries(item):
                found.setdefault(key, []).append(value)
        return found

    def _changes(self, kind: str, items: Sequence[T]) -> tuple[dict, list[T], Sequence[T]]:
        """The last build's dictionary of this `kind` (kept as this build's, to be changed in
        place), the items of it gone from `items` and the items new to it, by identity; an
        empty dictionary and every item when there is none (or an item comes twice: its
        entries once would not do)."""
        now = {id(item): item for item in items}
        last = self._indexes.get(kind) or self._indexes_last.get(kind)
        if last is None or len(now) != len(items):
            self._indexes[kind] = (now, {})
            return self._indexes[kind][1], [], items
        before, found = last
        self._indexes[kind] = (now, found)
        return found, [before[k] for k in before.keys() - now.keys()], [now[k] for k in now.keys() - before.keys()]


#: The code whose results `Kept` keeps: assembling, on the records of the model.
ASSEMBLE_CODE = ("__init__.py", "model.py", "reuse.py", "assemble")


class Memo(Generic[V]):
    """What `make` gives for each record, by identity, for one build: made once, when first
    asked for (or given, `given`). Each record is held with its value, so no other object can
    take its identity while it is kept.

    Under `mkdocs serve` (`start(remember=True)`) what the last build made stays for this one:
    a record of it that this build has too (the very object: unchanged articles' records are)
    keeps its value, and only the records new to this build are made again. What this build
    does not ask for is let go when the next one starts. Every memo starts with each build
    (`Reuse.start`) and is emptied with the last dossier's records (`forget_records`)."""

    def __init__(self, make: Callable[[Any], V] | None = None) -> None:
        self.make = make  # (None: values are only given, `given`)
        self._of: dict[int, tuple[object, V]] = {}  # by the record's identity: (the record, its value)
        self._last: dict[int, tuple[object, V]] = {}  # the last build's (`start`)
        _MEMOS.add(self)

    def start(self, remember: bool) -> None:
        """A build begins: `remember`, when this process builds again, keeps what the last
        build made for the records this one shares with it."""
        self._last = self._of if remember else {}
        self._of = {}

    def clear(self) -> None:
        self._of, self._last = {}, {}

    def given(self, records: Sequence[object], values: Sequence[V]) -> None:
        """The values of these records, as made already (ignored unless one per record)."""
        if len(records) == len(values):
            self._of.update(zip(map(id, records), zip(records, values)))

    def known(self, records: Sequence[object]) -> list[V | None]:
        """Each record's value if this build or the last made it, else None (no value is
        None). Looked up by identity alone: an entry holds its record, so no other object
        alive has its identity. In bulk (`map`, not a call a record): a serving process asks
        for those of every record of a list before it forks a child, 440,000 a save at 10,000
        articles."""
        ids = list(map(id, records))
        found = list(map(self._of.get, ids))
        if self._last and None in found:
            earlier = list(map(self._last.get, ids))
            self._of.update(compress(zip(ids, earlier), earlier))  # (those the last build made, this one's now)
            found = [entry or before for entry, before in zip(found, earlier)]
        return [entry[1] if entry else None for entry in found]

    def __call__(self, record: object) -> V:
        entry = self._of.get(id(record))
        if entry is None:
            entry = self._last.get(id(record)) or (record, self.make(record))  # type: ignore[misc]
            self._of[id(record)] = entry
        return entry[1]

    def values(self, records: Sequence[object], made: Callable[[list], Sequence[V]] | None = None,
               fresh: Callable[[V], bool] | None = None) -> list[V]:
        """Each record's value: what this build or the last made (and `fresh` still accepts),
        else made now, for all those records at once (`made(records)`; one at a time by `make`
        without it), and kept. A process that forks children which ask for the values makes
        them here first: under `mkdocs serve` what a child makes is lost with it, and made
        again in the next save's."""
        found = self.known(records)
        missing = [i for i, value in enumerate(found) if value is None or (fresh is not None and not fresh(value))]
        if missing:
            new = [records[i] for i in missing]
            values = made(new) if made is not None else [self.make(record) for record in new]  # type: ignore[misc]
            self.given(new, values)
            for i, value in zip(missing, values):
                found[i] = value
        return found  # type: ignore[return-value]


_MEMOS: weakref.WeakSet[Memo] = weakref.WeakSet()  # every memo alive, to start and empty


def forget_memos() -> None:
    """Empty every `Memo`, and so let go of the records they hold."""
    for memo in _MEMOS:
        memo.clear()


KEYS: Memo[bytes] = Memo(content_key)
"""The `content_key` of records, by identity. The analysis gives those of its figures
(`Analysis.figure_keys`, cached with it: a new process does not encode the figures of
unchanged articles again); the analysis cache's keys of the articles, the figure groups kept
between processes (`Kept`), the chunks of the exported records (`dossier.export.kept`) and the
keys of the pages of figures and of groups (`dossier.render.pages`) are made from them. Under
`mkdocs serve` an unchanged record keeps its key from one save to the next (at 10,000
articles, the exporting child encoded 85,000 articles, statements, quotes and events again on
every save: 0.6 s)."""


class Kept:
    """Results kept between processes in a pack of the persistent cache, keyed by the
    content of the records they were made from (`content_key`) and by the code of
    assembling. A result is pickled without those records (each one is written as its key)
    and read back with this build's records of the same keys, so what is kept is small and
    what is read back is made of this build's very objects."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        self.code = code_version(ASSEMBLE_CODE)
        self.hits = self.misses = 0

    def get(self, kind: str, objects: Sequence, make: Callable[[], T], *, also: Hashable = ()) -> tuple[T, str]:
        """`make()`, or what it gave in a build of any process for records of the same content
        and the same `also` (by `repr`: plain keys); with the key it is kept under."""
        keys = [KEYS(o) for o in objects]
        key = digest(self.code, kind, repr(also), *keys)
        data = self.cache.get(key)
        if data is not None:
            by_key = dict(zip(keys, objects))
            try:
                value = _Unpickler(io.BytesIO(data), by_key).load()
            except Exception as exc:  # a damaged entry: made again
                log.info(f"dossier: ignoring an unreadable entry of the cache {self.cache.path}: {exc}")
            else:
                self.hits += 1
                return value, key
        self.misses += 1
        value = make()
        out = io.BytesIO()
        _Pickler(out, {id(o): k for o, k in zip(objects, keys)}).dump(value)
        self.cache.put(key, out.getvalue())
        return value, key

    def keep(self, key: str) -> None:
        """A result this build reuses from memory: it stays in the pack."""
        self.cache.get(key)


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, keys: dict[int, bytes]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.keys = keys

    def persistent_id(self, obj: object) -> bytes | None:
        return self.keys.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, records: dict[bytes, object]) -> None:
        super().__init__(file)
        self.records = records

    def persistent_load(self, pid: bytes) -> object:
        return self.records[pid]


REUSE = Reuse()
"""The process's one `Reuse` (`dossier.pipeline.build` starts it for each build)."""
