"""Worker processes: the analysis pool and the PDF's typesetting process.

Workers are "spawn"ed (fresh interpreters: safe beside the threads of `mkdocs serve`) and
end with the process that started them. A pool's workers wait on a queue whose both ends
they hold, so they never see their parent go when it is killed (SIGTERM, SIGKILL) instead
of exiting; each worker therefore watches its parent and exits when it is gone, rather than
staying behind for ever.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

PARENT_CHECK_SECONDS = 0.5


def pool(workers: int, initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> ProcessPoolExecutor:
    """A pool of `workers` spawned processes that exit when this process is gone."""
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
