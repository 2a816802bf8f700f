"""Worker processes end with the process that started them, even when it is killed; a forked
child's work (`in_child`) comes back to its parent, or is done again there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from dossier import processes
from dossier.errors import DossierError
from dossier.write import Spool, Spooled
from tests.conftest import ROOT

# A parent that starts a pool (as `mkdocs serve` starts the PDF's typesetting process),
# prints its worker's pid, then waits to be killed.
PARENT = """
import os, sys, time
from dossier import processes
if __name__ == "__main__":
    with_pool = processes.pool(1)
    print(with_pool.submit(os.getpid).result(), flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting to be reaped is gone for our purpose
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ", 1)[1][:1] != "Z"
    except OSError:
        return True


def test_a_worker_exits_when_its_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONWARNINGS": "ignore"})  # its semaphores, left to the tracker
    try:
        worker = int(parent.stdout.readline())
        assert _alive(worker)
        parent.send_signal(signal.SIGKILL)  # no atexit, no executor shutdown: the worker is orphaned
        parent.wait(timeout=30)
        deadline = time.monotonic() + 30
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(worker), "the worker outlived its killed parent"
    finally:
        parent.kill()
        parent.wait()


# --- in_child: work done in a forked copy of the build ------------------------------------


def test_in_child_makes_the_value_in_another_process_and_sends_it_back():
    with processes.in_child(lambda: (os.getpid(), ["a", 1])) as child:
        pid, value = child.result()
    assert pid != os.getpid() and value == ["a", 1]
    assert child.result() == (pid, value)  # asked again: the same result, not made again


def test_in_child_not_enabled_makes_the_value_here_and_now():
    made = []
    with processes.in_child(lambda: made.append(os.getpid()) or "here", enabled=False) as child:
        assert made == [os.getpid()]
        assert child.result() == "here"
    assert made == [os.getpid()]


def test_an_error_in_the_child_is_raised_in_the_parent():
    def make():
        raise DossierError("snapshots/x.json: not JSON")

    with processes.in_child(make) as child, pytest.raises(DossierError, match="not JSON"):
        child.result()


def test_a_child_that_dies_without_a_result_is_done_again_here():
    parent = os.getpid()

    def make():
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return "made here"

    with processes.in_child(make) as child:
        assert child.result() == "made here"


def test_a_child_that_sends_part_of_its_result_has_its_work_done_here(monkeypatch):
    """(as when it is killed while writing it: the parent unpickles from the pipe as it reads)"""
    parent = os.getpid()
    real = processes.pickle.dumps
    monkeypatch.setattr(processes.pickle, "dumps", lambda *args, **kwargs: real(*args, **kwargs)[:-20])

    def make():
        return ("child" if os.getpid() != parent else "here", b"x" * 3_000_000)

    with processes.in_child(make) as child:
        assert child.result() == ("here", b"x" * 3_000_000)


def test_a_large_result_comes_back_whole():
    pages = [bytes([n % 251]) * (5_000 + n) for n in range(2_000)]  # 14 MB, many times the pipe's buffer
    with processes.in_child(lambda: (os.getpid(), pages)) as child:
        pid, sent = child.result()
    assert pid != os.getpid() and sent == pages


def test_in_halves_makes_every_other_item_in_a_child_and_keeps_the_order():
    def make(items):
        return [(item * 10, os.getpid()) for item in items]

    made = processes.in_halves(make, list(range(7)))
    assert [value for value, _ in made] == [0, 10, 20, 30, 40, 50, 60]
    assert {pid for _, pid in made[0::2]} == {os.getpid()} and os.getpid() not in {pid for _, pid in made[1::2]}
    assert processes.in_halves(make, list(range(7)), enabled=False) == [(n * 10, os.getpid()) for n in range(7)]


def test_a_child_past_its_time_is_stopped_and_its_work_done_here(monkeypatch):
    monkeypatch.setattr(processes, "CHILD_TIMEOUT", 0.5)
    parent = os.getpid()

    def make():
        if os.getpid() != parent:
            time.sleep(60)
        return "made here"

    with processes.in_child(make) as child:
        pid = child._pid
        assert child.result() == "made here"
    assert not _alive(pid)


def test_a_child_that_sent_its_result_is_not_waited_for_while_it_ends(monkeypatch):
    """A child that has sent its result is ending: the build goes on at once, and the child
    is reaped once it has ended (its memory given back took 0.125 s at 10,000 articles)."""
    ending = os._exit

    def slow_exit(status):  # (the forked child's copy of `os` has it too)
        time.sleep(3)
        ending(status)

    monkeypatch.setattr(os, "_exit", slow_exit)
    with processes.in_child(lambda: "made there") as child:
        pid = child._pid
        assert child.result() == "made there"
    assert _alive(pid), "the build waited for the child to end"
    deadline = time.monotonic() + 60
    while os.path.exists(f"/proc/{pid}") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not os.path.exists(f"/proc/{pid}"), "the child was left a zombie"


def test_a_child_never_asked_for_is_stopped_and_reaped():
    with processes.in_child(lambda: time.sleep(60)) as child:
        pid = child._pid
    assert not _alive(pid)


def test_a_file_a_child_spooled_is_the_parents_to_read(tmp_path):
    spool = Spool(tmp_path)
    with processes.in_child(lambda: spool.write("downloads/x.json", [b"[1,", b"2]"])) as child:
        spooled = child.result()
    assert isinstance(spooled, Spooled) and spooled.spool is spool
    assert spooled.path.parent == spool.root and spooled.read_bytes() == b"[1,2]" and spooled.size == 5
    assert list(spooled.written_pieces()) == [b"[1,", b"2]"]

