"""Bounded time and memory for the work on one document.

A hostile PDF can make MuPDF loop for minutes inside one C call, or
allocate gigabytes (a decompression bomb, an absurd image). Python cannot
interrupt a C call, so each step on a document runs in a forked child
process: the child gets an address-space limit, the parent waits at most
``DOCUMENT_SECONDS`` and then kills it. Whatever goes wrong in the child
(an exception, a crash, the limit) comes back as one exception in the
parent, and the batch goes on. Where ``os.fork`` does not exist, the work
runs in-process, unbounded.

``run_bounded`` forks a child for one call. A pass over a dossier uses a
``Sandbox``: one child serves the pass's documents one at a time, each
within the same bounds. Forking for every document cost about 40 ms a pass
(the pages the child touches copied, every cache it filled thrown away);
a child that crashes, hangs or runs out of memory is replaced, and a
document that broke a child which had served others first gets one more
try in a fresh one, so no document pays for another's leftovers.
"""

from __future__ import annotations

import ctypes
import faulthandler
import gc
import os
import pickle
import resource
import select
import signal
import stat
import struct
import sys
import time
import weakref
from collections.abc import Callable
from typing import TypeVar

from woopub.errors import InputError
from woopub.run.safety import die_with_parent, forked_from_main_thread

DOCUMENT_SECONDS = 900  # one pass (scan or publish) over one document
DOCUMENT_MEMORY = 4 << 30  # address space one pass may add, in bytes

T = TypeVar("T")


class LimitExceeded(InputError):
    """The work on a document ran out of its time or memory, or crashed the PDF library."""


def can_isolate() -> bool:
    return hasattr(os, "fork")


def run_bounded(fn: Callable[..., T], *args, seconds: float | None = None, memory: int | None = None) -> T:
    """``fn(*args)`` in a forked child, within ``seconds`` and ``memory`` more bytes of address space.

    Returns its result, re-raises its exception, or raises LimitExceeded
    when it runs too long, runs out of memory or dies. The limits default
    to DOCUMENT_SECONDS and DOCUMENT_MEMORY.
    """
    seconds = DOCUMENT_SECONDS if seconds is None else seconds
    memory = DOCUMENT_MEMORY if memory is None else memory
    if not can_isolate():
        return fn(*args)
    read_fd, write_fd = os.pipe()
    # Objects alive now are the parent's (lexicons, detectors): frozen, the child's
    # garbage collector does not walk them, so it does not copy every page they sit on.
    gc.freeze()
    parent, tie = os.getpid(), forked_from_main_thread()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        if tie:  # a busy child must not outlive a killed run
            die_with_parent(parent)
        os.close(read_fd)
        release_inherited({write_fd})
        _child(fn, args, memory, write_fd)
    os.close(write_fd)
    try:
        data, timed_out = _read_until(read_fd, time.monotonic() + seconds)
    finally:
        os.close(read_fd)
    if timed_out:
        _kill(pid)
        raise LimitExceeded(f"took longer than {seconds:.0f} s (the per-document time limit)")
    _, status = os.waitpid(pid, 0)
    if not data:
        if os.WIFSIGNALED(status):
            sig = signal.Signals(os.WTERMSIG(status)).name
            why = "ran out of memory" if sig == "SIGKILL" else f"crashed the PDF library ({sig})"
            raise LimitExceeded(why)
        raise LimitExceeded(f"the worker process ended without a result (exit status {os.WEXITSTATUS(status)})")
    kind, value = pickle.loads(data)
    if kind == "error":
        raise value
    return value


def release_inherited(keep: set[int]) -> None:
    """In a forked child: let go of every pipe inherited from the parent but ``keep``.

    A fork copies every open descriptor, also those of other threads' work: the pipe to a
    browser driver's or a Tesseract's stdin, a pool's queues, the Frog watchdog's stdin. A
    child that outlives that work (a sandbox child waits for its next document) would hold
    them open, and a process waiting for end-of-file on them (a driver told to stop by
    closing its stdin) waits forever. Each is pointed at /dev/null rather than closed: an
    object of the parent's that closes its descriptor later then closes that, never a file
    the child opened since. Sockets stay: the child borrows the parent's Frog connections.
    """
    try:
        fds = [int(n) for n in os.listdir("/proc/self/fd")]
    except OSError:  # not Linux: the descriptors stay (no /proc to list them cheaply)
        return
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in fds:
            if fd <= 2 or fd == null or fd in keep:
                continue
            try:
                mode = os.fstat(fd).st_mode
            except OSError:  # the listing's own descriptor, already closed
                continue
            if stat.S_ISFIFO(mode):
                os.dup2(null, fd, inheritable=False)
    finally:
        os.close(null)


def _child(fn, args, memory: int, write_fd: int) -> None:
    code = 0
    faulthandler.disable()  # a crash is the parent's to report, in one line
    try:
        try:
            _limit_memory(memory)
            result = ("ok", fn(*args))
        except MemoryError:
            result = ("error", LimitExceeded(f"needs more than {memory >> 20} MiB of memory (the per-document limit)"))
        except BaseException as exc:  # handed to the parent, which decides
            result = ("error", exc)
        try:
            data = pickle.dumps(result)
        except Exception:  # an exception that cannot travel: send its text
            data = pickle.dumps(("error", RuntimeError(f"{type(result[1]).__name__}: {result[1]}")))
        with os.fdopen(write_fd, "wb") as fh:
            fh.write(data)
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no buffered output of the parent flushed twice


def _limit_memory(extra: int) -> None:
    """Cap the address space at what the process has now plus ``extra`` bytes."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[0])
        current = pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return
    limit = current + extra
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _read_until(fd: int, deadline: float) -> tuple[bytes, bool]:
    chunks = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return b"".join(chunks), True
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


class Sandbox:
    """A forked child that runs calls one at a time, each within the bounds of ``run_bounded``.

    The child is forked at the first call, with ``fn`` and the ``shared``
    objects as they are then (a detector, a person index): later calls send
    only their own arguments. A call with another ``fn`` or other shared
    objects gets a new child. The child retires itself (after answering)
    when it has grown by ``max_growth`` bytes or served ``max_calls`` calls,
    so a long run does not creep towards the memory limit.
    """

    def __init__(self, memory: int | None = None, max_growth: int = 1 << 30, max_calls: int = 500):
        self.memory = memory
        self.max_growth = max_growth
        self.max_calls = max_calls
        self._child: _Child | None = None
        self._holder: list = [None]  # the child, for the finalizer (which must not hold self)
        weakref.finalize(self, _Child.stop_held, self._holder)
        self.forks = 0  # children started: for tests and the curious

    def run(self, fn: Callable[..., T], shared: tuple, *args, seconds: float | None = None) -> T:
        """``fn(*shared, *args)`` in the child: its result, its exception, or LimitExceeded."""
        if not can_isolate():
            return fn(*shared, *args)
        seconds = DOCUMENT_SECONDS if seconds is None else seconds
        for attempt in (1, 2):
            child = self._child_for(fn, shared)
            fresh = child.calls == 0
            try:
                kind, value = child.call(args, seconds)
            except _ChildLost as lost:
                self.close()
                if lost.timed_out or fresh or attempt == 2:
                    raise LimitExceeded(lost.reason) from None
                continue  # it broke a child that had served other documents: once more, in a fresh child
            if child.retired:
                self.close()
            if kind == "ok":
                return value
            if isinstance(value, LimitExceeded) and not fresh and attempt == 1:
                continue  # out of memory in a child that had grown with other documents: the same
            raise value
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._child is not None:
            self._child.stop()
            self._child = self._holder[0] = None

    def _child_for(self, fn, shared: tuple) -> "_Child":
        child = self._child
        if child is not None and child.fn == fn and len(child.shared) == len(shared) and all(
            a is b for a, b in zip(child.shared, shared)
        ):
            return child
        self.close()
        memory = DOCUMENT_MEMORY if self.memory is None else self.memory
        self._child = self._holder[0] = _Child.start(fn, shared, memory, self.max_growth, self.max_calls)
        self.forks += 1
        return self._child


class _ChildLost(Exception):
    def __init__(self, reason: str, timed_out: bool = False):
        super().__init__(reason)
        self.reason, self.timed_out = reason, timed_out


_LENGTH = struct.Struct("<Q")


class _Child:
    """The parent's handle on a sandbox child: its pid and the two pipes to it."""

    def __init__(self, pid: int, requests: int, replies: int, fn, shared: tuple):
        self.pid, self.requests, self.replies = pid, requests, replies
        self.fn, self.shared = fn, shared
        self.calls = 0
        self.retired = False

    @classmethod
    def start(cls, fn, shared: tuple, memory: int, max_growth: int, max_calls: int) -> "_Child":
        request_r, request_w = os.pipe()
        reply_r, reply_w = os.pipe()
        gc.freeze()  # see run_bounded
        parent, tie = os.getpid(), forked_from_main_thread()
        pid = os.fork()
        if pid == 0:
            if tie:  # see run_bounded
                die_with_parent(parent)
            os.close(request_w)
            os.close(reply_r)
            release_inherited({request_r, reply_w})
            _serve(fn, shared, memory, max_growth, max_calls, request_r, reply_w)
        os.close(request_r)
        os.close(reply_w)
        return cls(pid, request_w, reply_r, fn, shared)

    def call(self, args: tuple, seconds: float):
        try:
            _write_message(self.requests, pickle.dumps(args))
        except OSError:  # the child is gone (broken pipe)
            raise _ChildLost(self._death()) from None
        data, timed_out = _read_message(self.replies, time.monotonic() + seconds)
        if timed_out:
            raise _ChildLost(f"took longer than {seconds:.0f} s (the per-document time limit)", timed_out=True)
        if data is None:
            raise _ChildLost(self._death())
        self.calls += 1
        result, self.retired = pickle.loads(data)
        return result

    def _death(self) -> str:
        """Why the child went away (it is reaped here)."""
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return "the worker process ended without a result"
        self.pid = 0
        if os.WIFSIGNALED(status):
            sig = signal.Signals(os.WTERMSIG(status)).name
            return "ran out of memory" if sig == "SIGKILL" else f"crashed the PDF library ({sig})"
        return f"the worker process ended without a result (exit status {os.WEXITSTATUS(status)})"

    def stop(self) -> None:
        for fd in (self.requests, self.replies):
            try:
                os.close(fd)
            except OSError:
                pass
        if self.pid:
            _kill(self.pid)  # between calls the child only waits on its pipe: nothing is lost
            self.pid = 0

    @staticmethod
    def stop_held(holder: list) -> None:
        if holder[0] is not None:
            holder[0].stop()


def _serve(fn, shared: tuple, memory: int, max_growth: int, max_calls: int, requests: int, replies: int) -> None:
    """The sandbox child: answer calls until the parent closes the pipe or the child retires."""
    faulthandler.disable()
    code = 0
    try:
        _limit_memory(memory)
        start = _address_space()
        calls = 0
        while True:
            data, _ = _read_message(requests, None)
            if data is None:
                break
            try:
                result = ("ok", fn(*shared, *pickle.loads(data)))
            except MemoryError:
                result = ("error", LimitExceeded(f"needs more than {memory >> 20} MiB of memory (the per-document limit)"))
            except BaseException as exc:  # handed to the parent, which decides
                result = ("error", exc)
            calls += 1
            _release_memory()
            # a child that ran out of memory once, grew a lot or served many documents is replaced
            retire = calls >= max_calls or _address_space() - start > max_growth or (
                isinstance(result[1], LimitExceeded))
            try:
                reply = pickle.dumps((result, retire))
            except Exception:  # an exception that cannot travel: send its text
                reply = pickle.dumps((("error", RuntimeError(f"{type(result[1]).__name__}: {result[1]}")), retire))
            _write_message(replies, reply)
            if retire:
                break
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no buffered output of the parent flushed twice


def _release_memory() -> None:
    """Give back what one document left behind before the next one: the child serves a whole dossier.

    MuPDF keeps decoded images and fonts in its store (up to 256 MB) for a document that is closed,
    and glibc keeps freed memory in its arenas; measured on three real presentations read four
    times over, a child grew ~55 MB a round without this and stayed flat with it.
    """
    gc.collect()
    pymupdf = sys.modules.get("pymupdf")
    if pymupdf is not None:
        pymupdf.TOOLS.store_shrink(100)  # per cent: empty it
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _glibc():
    try:
        libc = ctypes.CDLL(None)
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


_LIBC = _glibc()


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _write_message(fd: int, data: bytes) -> None:
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _read_message(fd: int, deadline: float | None) -> tuple[bytes | None, bool]:
    """One length-prefixed message: (data, False); (None, False) at end of file; (None, True) past the deadline."""
    head = _read_exactly(fd, _LENGTH.size, deadline)
    if not isinstance(head, bytes):
        return None, head is True
    body = _read_exactly(fd, _LENGTH.unpack(head)[0], deadline)
    if not isinstance(body, bytes):
        return None, body is True
    return body, False


def _read_exactly(fd: int, n: int, deadline: float | None) -> bytes | bool | None:
    """``n`` bytes; None at end of file; True past the deadline."""
    chunks, got = [], 0
    while got < n:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return True
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
        chunk = os.read(fd, min(n - got, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)
