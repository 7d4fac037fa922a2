"""Bounded time and memory for the work on one document.

A hostile PDF can make MuPDF loop for minutes inside one C call, or
allocate gigabytes (a decompression bomb, an absurd image). Python cannot
interrupt a C call, so each step on a document runs in a forked child
process: the child gets an address-space limit, the parent waits at most
``DOCUMENT_SECONDS`` and then kills it. Whatever goes wrong in the child
(an exception, a crash, the limit) comes back as one exception in the
parent, and the batch goes on. Where ``os.fork`` does not exist, the work
runs in-process, unbounded.
"""

from __future__ import annotations

import faulthandler
import gc
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import TypeVar

from woopub.errors import InputError

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
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
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
