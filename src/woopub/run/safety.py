"""Operational safety of a run: never write over an input, remove only what
woopub made, one run per output, no child outliving the run, no temporary
file outliving it either."""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import re
import shutil
import signal
import tempfile
import threading
from pathlib import Path
from typing import Iterable

from woopub.errors import EXIT_USAGE, WoopubError

RUN_TEMP_PREFIX = "woopub-run-"  # + the process id: a later run knows a folder whose maker is gone
MARKER = ".woopub-made-this"  # written into every folder woopub may delete again
LOCK_FILE = ".woopub.lock"
_PR_SET_PDEATHSIG = 1


class PathConflict(WoopubError):
    """The folders asked for would write over (or among) the inputs: nothing was written."""

    exit_code = EXIT_USAGE


class RunInProgress(WoopubError):
    exit_code = EXIT_USAGE


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_paths(inputs: Iterable[Path], out_dir: Path, internal_dir: Path, dossier_dir: Path | None = None) -> None:
    """Refuse before anything is written: a missing input, an output, internal or dossier
    folder that is (inside) an input folder or that holds an input file."""
    out, internal = Path(out_dir).resolve(), Path(internal_dir).resolve()
    folders = [("--out", out), ("--internal", internal)]
    if dossier_dir is not None:
        dossier = Path(dossier_dir).resolve()
        folders.append(("--dossier", dossier))
        if _inside(dossier, out) or _inside(out, dossier):  # it holds the original values
            raise PathConflict(f"the dossier folder {dossier} and the output folder {out} must be apart; "
                               "nothing was written")
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            raise PathConflict(f"no such file or folder: {raw!s}; nothing was written")
        real = path.resolve()
        for label, folder in folders:
            if real.is_dir() and (_inside(folder, real) or _inside(real, folder)):
                raise PathConflict(f"{label} {folder} is the input folder {raw!s}, inside it or around it: "
                                   "choose a folder outside the dossier; nothing was written")
            if real.is_file() and _inside(real, folder):
                raise PathConflict(f"{label} {folder} holds the input {raw!s}, which would be written over: "
                                   "choose a folder outside the dossier; nothing was written")
    if _inside(internal, out) or _inside(out, internal):
        raise PathConflict(f"the internal folder {internal} and the output folder {out} must be apart; nothing was written")


def check_not_empty(inputs: Iterable[Path], documents: list) -> None:
    """No PDF among the inputs: say so, instead of an empty "verify: passed"."""
    if documents:
        return
    others = sum(1 for raw in inputs for p in ([Path(raw)] if Path(raw).is_file() else Path(raw).rglob("*"))
                 if p.is_file())
    raise PathConflict(f"no PDF found in {', '.join(str(i) for i in inputs)}"
                       + (f" ({others} other file(s), not PDFs)" if others else " (the folder is empty)")
                       + "; nothing was written")


class RunLock:
    """One run per output: an exclusive lock on a file in the internal record."""

    def __init__(self, internal_dir: Path):
        self.path = Path(internal_dir) / LOCK_FILE
        self._fh = None

    def __enter__(self) -> "RunLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.path, "a")
        try:
            # a POSIX record lock, not flock: it belongs to this process, so a sandbox child forked
            # during the run (and outliving it, in a library caller) does not keep holding it
            fcntl.lockf(self._fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._fh.close()
            self._fh = None
            raise RunInProgress(f"another woopub run is writing to this output (lock {self.path}); "
                                "wait for it to end or choose another --out") from None
        return self

    def __exit__(self, *exc) -> None:
        if self._fh is not None:
            self._fh.close()  # closing releases the lock; the file stays (removing it races a waiting run)
            self._fh = None


def make_staging(internal_dir: Path, prefix: str = "staging-") -> Path:
    """A fresh folder of this run's own, marked as made by woopub; leftovers of
    killed runs (marked, unlocked since the lock is ours) are removed first."""
    internal_dir = Path(internal_dir)
    internal_dir.mkdir(parents=True, exist_ok=True)
    for old in internal_dir.glob(prefix + "*"):
        remove_made(old)
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=internal_dir))
    (path / MARKER).write_text("made by woopub; removed at the end of the run\n")
    return path


def remove_made(path: Path) -> bool:
    """Remove a folder only when woopub made it (it carries the marker)."""
    path = Path(path)
    if path.is_dir() and not path.is_symlink() and (path / MARKER).is_file():
        shutil.rmtree(path, ignore_errors=True)
        return True
    return False


def die_with_parent(parent: int | None = None) -> None:
    """Linux: this process gets SIGKILL when its parent dies (even by kill -9).

    The kernel ties this to the thread that forked: call it only in a child
    forked from its parent's main thread (a pool thread may end early). With
    ``parent`` given, a parent already gone before the call ends the child.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown is all there is
        return
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def forked_from_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def private_temp_root():
    """Every temporary file of this program and of every process it starts (workers, Tesseract,
    Frog) goes into one private folder, removed when the program ends. A worker killed mid-page
    (a time limit, Ctrl-C) cannot clean up, and what it leaves, page images and OCR text, is
    personal data. Folders of programs killed outright (kill -9) are removed by the next one."""
    import multiprocessing.util

    # multiprocessing keeps its own folder (the fork server's socket, no data) and removes it at exit,
    # after this has gone: made now, it stays where it was
    multiprocessing.util.get_temp_dir()
    base = tempfile.gettempdir()
    _remove_orphaned_roots(Path(base))
    maker = os.getpid()
    root = tempfile.mkdtemp(prefix=f"{RUN_TEMP_PREFIX}{maker}-", dir=base)
    before = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"] = tempfile.tempdir = root  # the environment reaches processes started afresh
    try:
        yield Path(root)
    finally:
        if os.getpid() == maker:  # a forked child unwinding through here leaves the run's folder alone
            if before[0] is None:
                os.environ.pop("TMPDIR", None)
            else:
                os.environ["TMPDIR"] = before[0]
            tempfile.tempdir = before[1]
            shutil.rmtree(root, ignore_errors=True)


def _remove_orphaned_roots(base: Path) -> None:
    for folder in base.glob(RUN_TEMP_PREFIX + "*"):
        m = re.fullmatch(re.escape(RUN_TEMP_PREFIX) + r"(\d+)-\w+", folder.name)
        try:
            if m is None or folder.is_symlink() or folder.stat().st_uid != os.getuid():
                continue
            os.kill(int(m.group(1)), 0)
        except ProcessLookupError:  # its program is gone
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # alive (another user's process) or unreadable: not ours to judge
            continue
