"""Where the work units of a batch run: in this process, on a local process pool, or on Dask.

Every executor offers the same two operations:

  share(obj)          send a read-only object (the rule set, the dossier's
                      person index) to the workers once; returns a handle to
                      pass to work units instead of the object
  map(fn, items, *a)  run ``fn(item, *a)`` for every item, yielding
                      (position, result) as results come in

Work units turn handles back into objects with ``resolve`` and get their
worker's ``Dossier`` (rules + detector, built once per worker process or
thread) from ``worker_dossier``. That per-worker cache is also where a
worker-side service belongs (an external tagger server per worker; one per
machine is started beside the Dask worker and reached by address).

On a cluster every worker must see the input, output and internal folders
under the same paths (a shared file system): work units read the inputs and
write the published files themselves, so no PDF travels through the client.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import sys
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from woopub.run.safety import die_with_parent
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # this module stays light: the command line starts workers before it imports the pipeline
    from woopub.reading.passwords import Passwords
    from woopub.decide.rules import RuleSet

# what a pool worker imports before it is forked off: the pipeline, Presidio, spaCy and the shipped lists
WORKER_PRELOAD = ["woopub.run.childhood", "woopub.run.batch", "woopub.run.preload"]


@dataclass(frozen=True)
class Settings:
    """What a worker needs to build its Dossier."""

    rules: "RuleSet"
    passwords: "Passwords | None" = None
    recognisers: tuple[str, ...] | None = None  # None: the default set
    frog_cache: str | None = None  # the run's shared store of Frog readings (not part of ``key``)
    frog_server: tuple[int, int] | None = None  # (port, pid) of the run's Frog server on this machine
    reading_store: str | None = None  # the run's folder of readings (text, OCR), read again by whichever worker publishes
    ocr_memo: str | None = None  # the run's folder of what Tesseract read, by the pixels' SHA-256 (reading/ocr.py)

    @property
    def key(self) -> str:
        body = "\n".join([self.rules.digest, repr(self.passwords), *(self.recognisers or ("default",))])
        return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Shared:
    """A handle to an object shared through a file (the process pool's way)."""

    path: str
    key: str


_local = threading.local()


def _cache() -> dict:
    if not hasattr(_local, "objects"):
        _local.objects = {}
    return _local.objects


def resolve(obj):
    """The object behind a handle; loaded once per worker and kept."""
    if not isinstance(obj, Shared):
        return obj
    cache = _cache()
    if obj.key not in cache:
        if len(cache) > 8:  # handles of earlier runs in a long-lived worker
            cache.clear()
        with open(obj.path, "rb") as fh:
            cache[obj.key] = pickle.load(fh)
    return cache[obj.key]


def worker_dossier(settings):
    """This worker's Dossier for ``settings``: built on first use (~1-3 s), then reused.

    ``settings`` may also be a ready Dossier (the in-process executor passes its own).
    """
    from woopub.run.pipeline import Dossier

    settings = resolve(settings)
    if isinstance(settings, Dossier):
        return settings
    cache = _cache()
    key = ("dossier", settings.key)
    if key not in cache:
        if settings.frog_server:  # the main process's server: one Frog load for the whole run
            from woopub.detect.frog import default_tagger

            default_tagger().attach(*settings.frog_server)

        # the detector is built on first use: a worker that only writes (woopub apply) needs none
        cache[key] = Dossier(settings.rules, passwords=settings.passwords, recognisers=settings.recognisers)
    from woopub.reading.tesseract import remember_ocr_in

    remember_ocr_in(settings.ocr_memo)  # before a pass's child is forked: it inherits the folder
    # no run store (a cluster): the publish pass may run on another host, so nothing is kept for it
    cache[key].use_run_stores(settings.frog_cache, settings.reading_store, keep_readings=settings.reading_store is not None)
    return cache[key]


class InlineExecutor:
    """Runs every unit here, one after the other (``--workers 1``, tests, the library's ``Dossier.run``)."""

    workers = 1
    description = "in this process"
    same_machine = True  # its processes can reach a server this process starts on 127.0.0.1

    def share(self, obj):
        return obj

    def map(self, fn: Callable, items: Iterable, *args) -> Iterator[tuple[int, object]]:
        for i, item in enumerate(items):
            yield i, fn(item, *args)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class PoolExecutor(InlineExecutor):
    """A local process pool; shared objects go through pickle files in ``scratch``.

    Workers start from a fork server that imports woopub while this process
    is still loading it (both take a few seconds), so a worker is ready as
    soon as it has built its detector. Not plain fork: the parent runs
    threads (progress display, the pool's own), and a forked copy of a held
    lock hangs.
    """

    def __init__(self, workers: int, scratch: Path):
        self.workers = workers
        self.description = f"{workers} worker processes"
        self.scratch = Path(scratch)
        self._files: list[Path] = []
        if sys.platform.startswith("linux"):
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(WORKER_PRELOAD)
            from multiprocessing import forkserver

            forkserver.ensure_running()  # starts importing now, beside this process
        else:
            context = multiprocessing.get_context("spawn")
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                                                  initializer=die_with_parent)

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            raise RuntimeError("the worker pool is closed")
        return self._pool

    def share(self, obj) -> Shared:
        self.scratch.mkdir(parents=True, exist_ok=True)
        path = self.scratch / f"shared-{uuid.uuid4().hex}.pickle"
        try:
            with open(path, "wb") as fh:
                pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:  # a full disk: no half-written file of dossier names left behind
            path.unlink(missing_ok=True)
            raise
        os.chmod(path, 0o600)  # holds names from the dossier: internal
        self._files.append(path)
        return Shared(str(path), path.stem)

    def map(self, fn: Callable, items: Iterable, *args) -> Iterator[tuple[int, object]]:
        pool = self._ensure_pool()
        # keep a bounded number of units in flight: memory stays flat however large the dossier
        items = iter(enumerate(items))
        pending: dict = {}
        limit = self.workers * 4
        try:
            while True:
                while len(pending) < limit:
                    nxt = next(items, None)
                    if nxt is None:
                        break
                    pending[pool.submit(fn, nxt[1], *args)] = nxt[0]
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield pending.pop(fut), fut.result()
        finally:
            for fut in pending:
                fut.cancel()

    def __exit__(self, exc_type, *exc):
        if exc_type is not None and not issubclass(exc_type, Exception):
            self.stop()  # Ctrl-C, exit: the user stops the run, no worker finishes its document first
        self.close()

    def stop(self) -> None:
        """End the workers now (their sandbox children die with them); ``close`` then waits for nothing."""
        if self._pool is None:
            return
        if hasattr(self._pool, "terminate_workers"):  # Python 3.14+
            self._pool.terminate_workers()
            return
        for process in list((getattr(self._pool, "_processes", None) or {}).values()):  # before 3.14: no public way
            process.terminate()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        for path in self._files:
            path.unlink(missing_ok=True)
        self._files.clear()
        try:
            self.scratch.rmdir()
        except OSError:
            pass


class DaskExecutor(InlineExecutor):
    """Dask distributed: the same units on a cluster (``--scheduler tcp://host:8786``).

    Start workers with one thread each (``dask worker ADDRESS --nthreads 1
    --nworkers N``): each worker thread builds its own detector.
    """

    same_machine = False  # workers may be on other hosts: each starts its own Frog

    def __init__(self, address=None, client=None):
        from distributed import Client

        self.client = client or Client(address)
        self._own_client = client is None
        info = self.client.scheduler_info()
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))
        self.description = f"Dask scheduler {self.client.scheduler.address} ({self.workers} worker threads)"
        self._shared: list = []

    def share(self, obj):
        # in a list of one: Dask scatters a list (the secrets) element by element
        [fut] = self.client.scatter([obj], broadcast=True, hash=False)
        self._shared.append(fut)
        return fut

    def map(self, fn: Callable, items: Iterable, *args) -> Iterator[tuple[int, object]]:
        from distributed import as_completed

        # a bounded number of units in flight, topped up as results come in: the
        # client never holds every unit of a large release at once
        items = iter(enumerate(items))
        position: dict[str, int] = {}
        pending = as_completed()

        def submit(count: int) -> None:
            for _ in range(count):
                nxt = next(items, None)
                if nxt is None:
                    return
                fut = self.client.submit(fn, nxt[1], *args, pure=False)
                position[fut.key] = nxt[0]
                pending.add(fut)

        submit(max(self.workers * 4, 8))
        while not pending.is_empty():
            fut = next(pending)
            result = fut.result()
            i = position.pop(fut.key)
            fut.release()  # let Dask forget the result once we have it
            submit(1)
            yield i, result

    def close(self) -> None:
        for fut in self._shared:
            fut.release()
        self._shared.clear()
        if self._own_client:
            self.client.close()


def make_executor(workers: int | None = None, scheduler: str | None = None, scratch: Path | None = None):
    """The executor for the command-line options: Dask with a scheduler address, else a pool on all cores."""
    if scheduler:
        return DaskExecutor(scheduler)
    workers = workers or os.cpu_count() or 1
    if workers <= 1:
        return InlineExecutor()
    return PoolExecutor(workers, scratch or Path.cwd())


__all__ = ["Settings", "Shared", "resolve", "worker_dossier", "InlineExecutor", "PoolExecutor", "DaskExecutor", "make_executor"]
