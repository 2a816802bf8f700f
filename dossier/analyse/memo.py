"""`by_identity`: a cache for pure functions of a curation's parts (its tuple of entities or
metrics), looked up by the object's identity.

`functools.lru_cache` hashes its arguments on every call, and hashing a tuple of frozen
dataclasses walks every field of every entry: for a helper asked once per sentence or per
number, that costs more than the work it saves. A curation's tuples are the same objects for a
whole build, so their identity is a sufficient key (the cache holds the object, so its id
cannot be reused while it is kept)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
_SIZE = 64


def by_identity(function: Callable[[Any], T]) -> Callable[[Any], T]:
    """`function` of one argument, computed once per argument object (the last 64 kept)."""
    memo: dict[int, tuple[Any, T]] = {}

    @functools.wraps(function)
    def cached(argument: Any) -> T:
        found = memo.get(id(argument))
        if found is not None and found[0] is argument:
            return found[1]
        if len(memo) >= _SIZE:
            memo.clear()
        value = function(argument)
        memo[id(argument)] = (argument, value)
        return value

    return cached
