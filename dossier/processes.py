"""Worker processes: the analysis pool, the PDF's typesetting process, and forked copies of
the build that share its work on a second core (`in_child`, `in_halves`): exporting while it renders, and
a share of the articles to finish, the sentences to cluster, the analyses to make or the pages
to render when there are many.

Pool workers are "spawn"ed (fresh interpreters: safe beside the threads of `mkdocs serve`) and
end with the process that started them. A pool's workers wait on a queue whose both ends
they hold, so they never see their parent go when it is killed (SIGTERM, SIGKILL) instead
of exiting; each worker therefore watches its parent and exits when it is gone, rather than
staying behind for ever.
"""

from __future__ import annotations

import contextlib
import io
import logging
import multiprocessing
import os
import pickle
import select
import signal
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

log = logging.getLogger("dossier.processes")
T = TypeVar("T")
I = TypeVar("I")

PARENT_CHECK_SECONDS = 0.5


def default_workers() -> int:
    """The cores this process may use (DOSSIER_WORKERS overrides; 1 = no pool)."""
    given = os.environ.get("DOSSIER_WORKERS")
    if given and given.isdigit():
        return max(1, int(given))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def pool(workers: int, initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> ProcessPoolExecutor:
    """A pool of `workers` spawned processes that exit when this process is gone."""
    from concurrent.futures import ProcessPoolExecutor  # (imported by the builds that analyse many articles)

    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(os.getpid(), initializer, initargs))


def _start_worker(parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    threading.Thread(target=_exit_without, args=(parent,), name="dossier-parent-watch", daemon=True).start()
    if initializer is not None:
        initializer(*initargs)


def _exit_without(parent: int) -> None:
    """End this worker once `parent` is no longer its parent (it ended and the worker was
    handed to another process)."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


CHILD_TIMEOUT = 120.0
"""Seconds a forked child may take past the moment its result is asked for, before it is
stopped and its work done in this process instead. A build asks once it has rendered every
page, which takes longer than exporting (at 10,000 articles: about 20 s against 5), so a
child still running long after is stuck (say, on a lock another thread of `mkdocs serve` held
when it was forked), not slow."""


class Child(Generic[T]):
    """`make()`, computed in a forked copy of this process while this one goes on (`in_child`);
    `result()` waits for it. A child that ends without a result (killed, crashed, or a result
    that cannot be sent back) or outlives `CHILD_TIMEOUT` is not trusted: `make()` is then run
    here, so the build's output never depends on whether the child did its work. An exception
    `make()` raised in the child is raised again here. Used as a context manager, a child whose
    result is never asked for (an error in the parent's own work) is stopped and reaped."""

    def __init__(self, make: Callable[[], T], fork: bool) -> None:
        self._make = make
        self._pid = 0
        self._read = -1
        self._done: tuple[T] | None = None
        if not fork:  # made here and now, where the child would have started
            self._done = (make(),)
            return
        read, write = os.pipe()
        with warnings.catch_warnings():
            # Python 3.12 warns of forking beside threads (`mkdocs serve` has some): the child
            # runs only `make` and leaves with os._exit, and one stuck on a lock another
            # thread held is stopped (CHILD_TIMEOUT) and its work done here
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # the child: make, send, and leave without running the parent's exit handlers
            status = 0
            try:
                os.close(read)
                try:
                    outcome: tuple[str, Any] = ("value", make())
                except BaseException as exc:  # noqa: BLE001 (raised again in the parent)
                    outcome = ("error", exc)
                try:
                    data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # noqa: BLE001 (an unpicklable error: the parent makes it again)
                    data = b""
                with os.fdopen(write, "wb") as out:
                    out.write(data)
            except BaseException:  # noqa: BLE001
                status = 1
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> T:
        if self._done is None:
            self._done = (self._receive(),)
        return self._done[0]

    def _receive(self) -> T:
        # unpickled as it is read from the pipe: the result's pickled bytes are never held
        # whole beside it (the pages a child rendered at 10,000 articles: 55 MB)
        outcome: tuple[str, Any] | None = None
        try:
            outcome = pickle.load(io.BufferedReader(_PipeReader(self._read, time.monotonic() + CHILD_TIMEOUT), 1 << 20))
        except _Late:
            log.warning(f"dossier: a worker took more than {CHILD_TIMEOUT:.0f} s; its work is done again here")
        except Exception:  # noqa: BLE001 (nothing, or part of a result: the child died or could not send it)
            outcome = None
        finally:
            self._stop(sent=outcome is not None)
        if outcome is None:
            return self._make()
        kind, value = outcome
        if kind == "error":
            raise value
        return value

    def _stop(self, *, sent: bool = False) -> None:
        """Close the pipe and reap the child. One that has `sent` its whole result is ending of
        itself, and a thread reaps it: ending, it gives back its copy of the build's memory,
        which the build waited for (at 10,000 articles 0.125 s after the exporting child had
        sent its result; at 1,000 articles 0.016 s a save under `mkdocs serve`). Any other is
        stopped first if it is still running, and waited for."""
        if not self._pid:
            return
        pid, self._pid = self._pid, 0
        os.close(self._read)
        if sent:
            threading.Thread(target=_reap, args=(pid,), name="dossier-reap", daemon=True).start()
            return
        try:
            if os.waitpid(pid, os.WNOHANG) == (0, 0):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        except ChildProcessError:
            pass

    def __enter__(self) -> Child[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop()


def _reap(pid: int) -> None:
    """Wait for a child that is ending (`Child._stop`), so it leaves no zombie behind."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


class _Late(Exception):
    """A forked child sent nothing for `CHILD_TIMEOUT` seconds."""


class _PipeReader(io.RawIOBase):
    """The read end of a child's pipe, as a file that gives up (`_Late`) at `deadline`."""

    def __init__(self, fd: int, deadline: float) -> None:
        super().__init__()
        self._fd, self._deadline = fd, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        ready, _, _ = select.select([self._fd], [], [], max(0.0, self._deadline - time.monotonic()))
        if not ready:
            raise _Late
        data = os.read(self._fd, len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:  # the pipe is the child's to close (`Child._stop`), not this wrapper's
        self._fd = -1
        super().close()


def in_child(make: Callable[[], T], *, enabled: bool = True) -> Child[T]:
    """`make()` in a forked child (see `Child`) when `enabled` and this system forks; else
    made here and now (the work, and the memory it takes, at the same point of the build).
    The child shares this process's memory as it was (copy on write), so `make` may read the
    build's records without sending them anywhere; what it returns is pickled back, so it
    should be small."""
    return Child(make, fork=enabled and hasattr(os, "fork"))


def in_halves(make: Callable[[Sequence[I]], list[T]], items: Sequence[I], *, enabled: bool = True) -> list[T]:
    """`make(items)` (one result per item, in order), a forked child making those of every
    other item (`in_child`) while this process makes the rest, when `enabled`; interleaved, so
    both halves take about as long whatever the items cost in turn."""
    if not enabled or len(items) < 2:
        return make(items)
    with in_child(partial(make, items[1::2])) as child:
        made: list[T] = [None] * len(items)  # type: ignore[list-item]
        made[0::2] = make(items[0::2])
        made[1::2] = child.result()
    return made
