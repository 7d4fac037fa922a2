"""The per-document bounds: a hang is killed, a memory hog is stopped, a crash is caught, the batch goes on."""

import os
import signal
import time

import pytest

from woopub.guard import LimitExceeded, can_isolate, run_bounded

pytestmark = pytest.mark.skipif(not can_isolate(), reason="needs os.fork")


def _sleep(seconds):
    time.sleep(seconds)
    return "woke"


def _allocate(n):
    return len(bytearray(n))


def _crash():
    os.kill(os.getpid(), signal.SIGSEGV)


def _fail():
    raise ValueError("kapot")


def test_result_comes_back_from_the_child():
    assert run_bounded(sum, [1, 2, 3]) == 6


def test_a_hang_is_killed_at_the_time_limit():
    start = time.monotonic()
    with pytest.raises(LimitExceeded, match="took longer than 1 s"):
        run_bounded(_sleep, 60, seconds=1)
    assert time.monotonic() - start < 10


def test_a_memory_hog_is_stopped_at_the_memory_limit():
    with pytest.raises(LimitExceeded, match="memory"):
        run_bounded(_allocate, 2 << 30, memory=256 << 20)
    assert run_bounded(_allocate, 1 << 20, memory=256 << 20) == 1 << 20  # within the limit: fine


def test_a_crash_of_the_pdf_library_becomes_a_reason():
    with pytest.raises(LimitExceeded, match="crashed the PDF library \\(SIGSEGV\\)"):
        run_bounded(_crash)


def test_an_exception_in_the_child_is_raised_in_the_parent():
    with pytest.raises(ValueError, match="kapot"):
        run_bounded(_fail)
