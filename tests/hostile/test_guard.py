"""The per-document bounds: a hang is killed, a memory hog is stopped, a crash is caught, the batch goes on."""

import os
import signal
import time

import pytest

from woopub.run.guard import LimitExceeded, Sandbox, can_isolate, run_bounded

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


# -- a sandbox: one child serves many documents, within the same bounds --------------------


class _Counter:
    def __init__(self):
        self.seen = []

    def add(self, value):
        self.seen.append(value)  # in the child: the parent's copy never changes
        return os.getpid(), len(self.seen)


def _with(shared, action, *args):
    return action(shared, *args)


def _sleep_with(shared, seconds):
    return _sleep(seconds)


def _allocate_with(shared, n):
    return _allocate(n)


def _crash_with(shared):
    _crash()


def _fail_with(shared):
    _fail()


def test_a_sandbox_child_serves_call_after_call_and_keeps_what_it_learnt():
    sandbox = Sandbox()
    counter = _Counter()
    answers = [sandbox.run(_Counter.add, (counter,), n) for n in range(5)]
    assert len({pid for pid, _ in answers}) == 1 and answers[0][0] != os.getpid()
    assert [n for _, n in answers] == [1, 2, 3, 4, 5]  # one child, its state kept between calls
    assert counter.seen == [] and sandbox.forks == 1
    sandbox.close()


def test_other_shared_objects_get_a_new_child():
    sandbox = Sandbox()
    first, second = _Counter(), _Counter()
    pid_a, _ = sandbox.run(_Counter.add, (first,), 1)
    pid_b, n = sandbox.run(_Counter.add, (second,), 1)
    assert pid_a != pid_b and n == 1 and sandbox.forks == 2
    sandbox.close()


def test_in_a_sandbox_a_hang_a_hog_a_crash_and_an_error_each_cost_one_call():
    sandbox = Sandbox(memory=256 << 20)
    counter = _Counter()
    assert sandbox.run(_with, (counter,), _Counter.add, 1)[1] == 1
    with pytest.raises(LimitExceeded, match="took longer than 1 s"):
        sandbox.run(_sleep_with, (counter,), 60, seconds=1)
    with pytest.raises(LimitExceeded, match="memory"):
        sandbox.run(_allocate_with, (counter,), 2 << 30)
    with pytest.raises(LimitExceeded, match="crashed the PDF library \\(SIGSEGV\\)"):
        sandbox.run(_crash_with, (counter,))
    with pytest.raises(ValueError, match="kapot"):
        sandbox.run(_fail_with, (counter,))
    assert sandbox.run(_allocate_with, (counter,), 1 << 20) == 1 << 20  # and the next document goes on
    sandbox.close()


def test_a_crash_in_a_child_that_served_others_is_tried_once_more_in_a_fresh_child(tmp_path):
    # the crash may come from earlier documents' leftovers: the document gets a clean chance
    sandbox = Sandbox()
    counter = _Counter()
    tries = tmp_path / "tries"
    sandbox.run(_with, (counter,), _Counter.add, 1)
    assert sandbox.run(_with, (counter,), _crash_on_first_try, str(tries)) == "second try"
    assert tries.read_text() == "xx" and sandbox.forks == 2
    # in a fresh child a crash is the document's own: no second try
    with pytest.raises(LimitExceeded, match="SIGSEGV"):
        Sandbox().run(_with, (counter,), _crash_on_first_try, str(tmp_path / "once"))
    assert (tmp_path / "once").read_text() == "x"
    sandbox.close()


def _crash_on_first_try(shared, path):
    with open(path, "a") as fh:
        fh.write("x")
    with open(path) as fh:
        if fh.read() == "x":
            _crash()
    return "second try"


def test_a_child_retires_after_its_quota_of_calls():
    sandbox = Sandbox(max_calls=2)
    counter = _Counter()
    pids = [sandbox.run(_Counter.add, (counter,), n)[0] for n in range(5)]
    assert len(set(pids)) == 3 and sandbox.forks == 3
    sandbox.close()
