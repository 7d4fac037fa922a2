"""Frog, the Dutch memory-based tagger, as a named-entity tagger for pre-tokenised text.

Frog (Debian packages ``frog``, ``frogdata``, ``uctodata``) tags Dutch words
with CGN part-of-speech tags and named-entity classes (PER, ORG, LOC, PRO,
EVE, MISC) learnt from SoNaR. Loading its models takes seconds, so woopub runs
one long-lived Frog *server* per Python process and talks to it over a local
socket; starting the CLI per text would cost ~3 s each time.

The protocol, as Frog 0.20 speaks it (``frog -S PORT``):

* ``--skip=tmpcla`` keeps only the tagger and the NER: no tokenizer (t),
  multi-word units (m), parser (p), chunker (c), lemmatiser (l) or morphology
  (a). Without its tokenizer Frog splits tokens at white space only, so
  woopub's own tokens arrive unchanged: one token out per token in.
* Without a tokenizer Frog also finds no sentence ends; a sentence is ended
  by the utterance marker ``<utt>``. A request is lines of text ended by a
  line ``EOT``.
* ``--JSONout`` answers one JSON array per sentence, one line each, with
  per word the POS tag and confidence and, for a named entity, its IOB tag
  and confidence. JSON output has no end-of-answer mark, so every request
  ends with a sentinel sentence whose echo closes the answer.
* The server forks a child per connection, so one connection is one worker;
  several connections to one server tag in parallel.

Alignment is checked, never assumed: every answer must have as many
sentences and tokens as were sent. Tokens are made safe for white-space
splitting first (see ``_wire_token``); the caller's token text is returned
as given.

One ``FrogTagger`` is thread-safe: each request borrows a connection from a
pool. It belongs to the process that made it: after ``fork()`` a child
starts its own server on first use, and never touches its parent's.
"""

from __future__ import annotations

import atexit
import collections
import itertools
import json
import logging
import os
import queue
import shutil
import signal
import pickle
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import unicodedata
import weakref
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

FROG_BINARY = "frog"
# Tagger and NER only; see the module docstring.
FROG_ARGS = ("--skip=tmpcla", "--JSONout")
UTTERANCE_MARK = "<utt>"
INSTALL_HINT = "install the Debian packages frog, frogdata and uctodata (scripts/setup.sh does)"

# A sentence longer than this is tagged in pieces: Frog's tagging time grows
# with sentence length, and a table flattened into one "sentence" of
# thousands of tokens gains nothing from one context window.
MAX_SENTENCE_TOKENS = 200
# Tokens longer than this go to Frog cut short (base64 blobs, long URLs);
# the tagger only sees a few affixes of a word anyway.
MAX_TOKEN_CHARS = 64
# Per request: at most this many sentences and tokens, so that one answer
# comes back within the timeout and the connections of a pool share the work.
# Frog's per-request overhead is small (one sentence per request runs at
# ~85% of the batched rate), so batches stay small enough for a few pages of
# text to spread over the pool's workers.
BATCH_SENTENCES = 128
BATCH_TOKENS = 1500
# One worker per core; more only queue on a 2-core machine.
DEFAULT_CONNECTIONS = min(2, os.cpu_count() or 1)
# Frog's workers are OpenMP programs: each would start threads that spin while
# waiting, and two workers on two cores ran 5x slower than one
# (measured). One thread per worker, sleeping when idle; parallelism comes
# from the connections instead.
FROG_ENV = {"OMP_NUM_THREADS": "1", "OMP_WAIT_POLICY": "PASSIVE"}


class FrogUnavailable(RuntimeError):
    """Frog is not installed, did not start, or failed twice in a row."""


class _ProtocolError(RuntimeError):
    """An answer that does not line up with the request."""


@dataclass(frozen=True, slots=True)
class FrogToken:
    """Frog's reading of one input token."""

    text: str  # the caller's token, unchanged
    pos: str  # CGN tag, e.g. "SPEC(deeleigen)"
    pos_confidence: float
    ner: str  # IOB tag as Frog gives it: "B-PER", "I-LOC", "O"; "" when Frog could not tag it
    confidence: float | None  # Frog's confidence in ``ner``; None for "O" (Frog gives none) and ""

    @property
    def label(self) -> str:
        """The entity class without IOB prefix: PER, ORG, LOC, PRO, EVE, MISC, O; "" when untagged."""
        return self.ner.split("-", 1)[1].upper() if "-" in self.ner else self.ner


@dataclass
class FrogStats:
    """Counters for benchmarks and diagnostics; updated under the tagger's lock."""

    sentences: int = 0  # asked for, cached or not
    cache_hits: int = 0  # answered without asking Frog: cached, or repeated within one call
    requests: int = 0
    tokens_sent: int = 0
    restarts: int = 0
    misaligned: int = 0  # sentences Frog's answer did not line up with: returned untagged
    startup_seconds: list[float] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, **counts: int) -> None:
        with self._lock:
            for name, n in counts.items():
                setattr(self, name, getattr(self, name) + n)


def _wire_token(token: str) -> str:
    """The token as Frog receives it: one white-space-free word that is not a marker.

    Frog splits at any Unicode space (U+00A0, U+2028 included) and ends a
    sentence at ``<utt>``; control characters could end a line.
    """
    cleaned = "".join(
        "_" if (c.isspace() or unicodedata.category(c) in ("Zs", "Zl", "Zp", "Cc")) else c
        for c in token[:MAX_TOKEN_CHARS]
    )
    cleaned = cleaned.replace(UTTERANCE_MARK, "_utt_")
    return cleaned or "_"


# Frog runs under a small shell in its own process group. The shell kills the
# group (Frog and its forked workers) when its stdin closes, which the kernel
# does when this Python process ends in any way (atexit does not run on
# SIGKILL), and when Frog itself exits, so that its exit shows here. Without
# it a killed pipeline would leave ~800 MB Frog servers behind.
# (A background job's stdin is /dev/null in sh unless redirected: hence fd 3.)
_WATCHDOG = (
    'exec 3<&0; "$@" </dev/null 3<&- & frog=$!; '
    '(cat <&3 >/dev/null; kill -9 0) & exec 3<&-; '
    'wait "$frog"; kill -9 0'
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _FrogServer:
    """One ``frog -S`` process: start, health check, stop. Not shared across threads by itself."""

    def __init__(self, binary: str, start_timeout: float):
        self.binary = binary
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.workdir: str | None = None
        self.stderr_tail: collections.deque[str] = collections.deque(maxlen=40)

    def start(self) -> float:
        """Start Frog and wait until it accepts connections; returns the seconds it took."""
        t0 = time.monotonic()
        # Frog clears old debug files in its working directory: give it its own.
        # (A plain folder, not a TemporaryDirectory: a forked child's exit must not remove it.)
        self.workdir = tempfile.mkdtemp(prefix="woopub-frog-")
        for _attempt in range(3):  # the free port may be taken between our probe and Frog's bind
            self.port = free_port()
            self.stderr_tail.clear()
            self.proc = subprocess.Popen(
                ["sh", "-c", _WATCHDOG, "frog-watchdog", self.binary, *FROG_ARGS, "-S", str(self.port)],
                cwd=self.workdir,
                stdin=subprocess.PIPE,  # never written; its closing tells the watchdog we are gone
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env={**os.environ, **FROG_ENV},
                start_new_session=True,  # own process group: the forked workers die with it
            )
            # Frog logs every request to stderr; drain it so the pipe never fills.
            drain = threading.Thread(target=self._drain, args=(self.proc,), daemon=True)
            drain.start()
            if self._wait_listening(t0):
                # Frog writes every request, document text included, to a debug file in its
                # working folder. Remove the folder now: Frog keeps writing to a file that has
                # no name any more, and it is gone when Frog ends, however it ends.
                shutil.rmtree(self.workdir, ignore_errors=True)
                return time.monotonic() - t0
            if self.proc.poll() is None:  # alive but silent past the deadline
                break
            drain.join(timeout=2)  # its last words, for the message
            if not any("starting server on port" in line for line in self.stderr_tail):
                break  # not a port clash: trying again would fail the same way
        tail = " | ".join(list(self.stderr_tail)[-3:])
        self.stop()
        raise FrogUnavailable(f"Frog server did not start (within {self.start_timeout:.0f} s): {tail or 'no output'}")

    def _drain(self, proc: subprocess.Popen) -> None:
        for raw in proc.stderr:
            self.stderr_tail.append(raw.decode("utf-8", "replace").rstrip())

    def _wait_listening(self, t0: float) -> bool:
        """Until the port answers. Frog logs "Listening" before it binds, so only a connection tells."""
        while time.monotonic() - t0 < self.start_timeout:
            if self.proc.poll() is not None:
                return False
            if any("Listening on port" in line for line in list(self.stderr_tail)):
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                except OSError:
                    pass
                else:
                    return self.proc.poll() is None
            time.sleep(0.05)
        return False

    def connect(self, timeout: float) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.stdin is not None:
            proc.stdin.close()
        if proc is not None and proc.poll() is None:
            # Frog's server ignores SIGTERM; it holds no state worth flushing.
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                proc.kill()
        if proc is not None:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                log.warning("Frog server %s did not exit after SIGKILL", proc.pid)
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None


class _SharedCache:
    """Frog's readings by sentence in an SQLite file, for the processes of one run."""

    def __init__(self, path: Path):
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._pid = 0

    def _db(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():  # a connection never crosses a fork
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=OFF")  # a cache of one run: a lost write is asked again
            self._conn.execute("CREATE TABLE IF NOT EXISTS reading (sentence TEXT PRIMARY KEY, value BLOB)")
            self._pid = os.getpid()
        return self._conn

    def get_many(self, keys: list[str]) -> dict[str, tuple]:
        found: dict[str, tuple] = {}
        try:
            db = self._db()
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                rows = db.execute(f"SELECT sentence, value FROM reading WHERE sentence IN ({','.join('?' * len(chunk))})", chunk)
                found.update((k, pickle.loads(v)) for k, v in rows)
        except sqlite3.Error as exc:  # a cache: never a reason to fail
            log.warning("shared Frog cache unreadable (%s); asking Frog", exc)
        return found

    def put_many(self, items: list[tuple[str, tuple]]) -> None:
        try:
            db = self._db()
            rows = [(k, pickle.dumps(v)) for k, v in items]
            db.execute("BEGIN")  # one transaction: in autocommit every row is a commit of its own
            try:
                db.executemany("INSERT OR IGNORE INTO reading VALUES (?, ?)", rows)
            finally:
                db.execute("COMMIT")
        except sqlite3.Error as exc:
            log.warning("shared Frog cache not written (%s)", exc)


class _BorrowedServer:
    """A server another process of the run started (the parent of a forked child, the main
    process of a worker pool): connect, never stop."""

    def __init__(self, port: int, pid: int):
        self.port, self.pid = port, pid
        self.proc = None

    def connect(self, timeout: float) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
            return True
        except OSError:
            return False

    def stop(self) -> None:
        pass  # the parent's


class _Connection:
    """One socket to the server, that is one forked Frog worker."""

    def __init__(self, sock: socket.socket, generation: int):
        self.sock = sock
        self.generation = generation  # which server start it belongs to
        self.reader = sock.makefile("rb")
        self.seq = itertools.count()

    def tag(self, sentences: list[list[str]], timeout: float) -> list[list[dict]]:
        sentinel = f"WOOPUBEINDE{next(self.seq)}"
        lines = [" ".join(_wire_token(t) for t in s) + f" {UTTERANCE_MARK}\n" for s in sentences]
        payload = "".join(lines) + f"{sentinel} {UTTERANCE_MARK}\nEOT\n"
        self.sock.settimeout(timeout)
        self.sock.sendall(payload.encode("utf-8", "replace"))
        answers: list[list[dict]] = []
        while True:
            line = self.reader.readline()
            if not line:
                raise ConnectionError("Frog closed the connection")
            words = json.loads(line)
            if words and words[0].get("word") == sentinel:
                break
            answers.append(words)
            if len(answers) > len(sentences):
                raise _ProtocolError(f"more answers than the {len(sentences)} sentences sent")
        if len(answers) != len(sentences):
            raise _ProtocolError(f"{len(answers)} answers for {len(sentences)} sentences")
        return answers

    def close(self) -> None:
        for closer in (self.reader.close, self.sock.close):
            try:
                closer()
            except OSError:
                pass


_LIVE_TAGGERS: weakref.WeakSet = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for tagger in list(_LIVE_TAGGERS):
        tagger.close()


class FrogTagger:
    """Tags pre-tokenised Dutch sentences with Frog, through a long-lived local server.

    ``tag(sentences)`` returns one ``FrogToken`` per input token, 1:1. The
    server starts on first use. On a crash or timeout it is restarted once and
    the request retried; if that fails too, the tagger is marked unavailable
    (``available`` is False, ``reason`` says why) and ``tag`` raises
    ``FrogUnavailable`` from then on. Results are cached per sentence (LRU),
    since Woo dossiers repeat colophons, headers and signature blocks.
    """

    def __init__(
        self,
        *,
        binary: str = FROG_BINARY,
        connections: int = DEFAULT_CONNECTIONS,
        cache_size: int = 20_000,
        start_timeout: float = 120.0,
        request_timeout: float = 30.0,
        batch_sentences: int = BATCH_SENTENCES,
        batch_tokens: int = BATCH_TOKENS,
    ):
        self.binary = binary
        self.connections = max(1, connections)
        self.cache_size = cache_size
        self.start_timeout = start_timeout
        self.request_timeout = request_timeout
        self.batch_sentences = batch_sentences
        self.batch_tokens = batch_tokens
        self.stats = FrogStats()
        self.reason = ""
        self._cache: collections.OrderedDict[str, tuple] = collections.OrderedDict()
        self._shared: _SharedCache | None = None
        self._cache_lock = threading.Lock()
        self._state_lock = threading.RLock()  # start, restart, close
        self._server: _FrogServer | None = None
        self._pool: queue.Queue[_Connection] = queue.Queue()
        self._generation = 0  # bumped on every (re)start: connections of an old server are dropped
        self._pid = os.getpid()
        self._unavailable = shutil.which(binary) is None
        if self._unavailable:
            self.reason = f"the '{binary}' program is not installed: {INSTALL_HINT}"
        _LIVE_TAGGERS.add(self)

    # -- state ------------------------------------------------------------

    @property
    def available(self) -> bool:
        """False once Frog is known not to work here; True before the first try."""
        return not self._unavailable

    def start(self) -> None:
        """Start the server now (it otherwise starts on first use)."""
        with self._state_lock:
            self._forked_check()
            if self._unavailable:
                raise FrogUnavailable(self.reason)
            if self._server is None or not self._server.alive():
                self._start_locked()

    def start_in_background(self) -> threading.Thread:
        """Start the server while the caller does other work (extraction, cheaper stages).

        Failures are not raised here: they leave the tagger unavailable, and
        the first ``tag`` call raises ``FrogUnavailable`` with the reason.
        """

        def run() -> None:
            try:
                self.start()
            except FrogUnavailable:
                pass  # recorded in self.reason

        thread = threading.Thread(target=run, name="frog-start", daemon=True)
        thread.start()
        return thread

    def _start_locked(self) -> None:
        self._stop_locked()
        server = _FrogServer(self.binary, self.start_timeout)
        try:
            seconds = server.start()
            generation = self._generation + 1
            conns = [_Connection(server.connect(self.start_timeout), generation) for _ in range(self.connections)]
            conns[0].tag([["Gezondheidscontrole"]], self.start_timeout)  # answers in the expected format
        except (OSError, ValueError, _ProtocolError, FrogUnavailable) as exc:
            server.stop()
            self._mark_unavailable(f"Frog server failed to start: {exc}")
            raise FrogUnavailable(self.reason) from exc
        self._server = server
        self._generation = generation
        for conn in conns:
            self._pool.put(conn)
        self.stats.startup_seconds.append(round(seconds, 2))
        log.info("Frog server on port %d ready in %.1f s", server.port, seconds)

    def attach(self, port: int, pid: int) -> bool:
        """Use the server another process of this run started, at ``port`` (its process ``pid``).

        A pool's workers share the main process's server instead of each
        loading Frog's models (seconds and about 1 GB each); the server forks
        a worker per connection, so they still tag in parallel. Returns False
        when that server cannot be reached: the tagger then starts its own.
        """
        with self._state_lock:
            self._stop_locked()
            self._pid = os.getpid()
            server = _BorrowedServer(port, pid)
            generation = self._generation + 1
            try:
                conns = [_Connection(server.connect(self.start_timeout), generation) for _ in range(self.connections)]
            except OSError as exc:
                log.warning("cannot reach the run's Frog server on port %d (%s); starting one", port, exc)
                return False
            self._server, self._generation = server, generation
            for conn in conns:
                self._pool.put(conn)
            return True

    def server_address(self) -> tuple[int, int] | None:
        """(port, process id) of the running server this process started, to share with workers."""
        with self._state_lock:
            server = self._server
            if isinstance(server, _FrogServer) and server.alive() and server.proc is not None:
                return server.port, server.proc.pid
            return None

    def _stop_locked(self) -> None:
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                break
        if self._server is not None:
            self._server.stop()
            self._server = None

    def _mark_unavailable(self, reason: str) -> None:
        self._unavailable = True
        self.reason = reason
        log.warning("Frog NER unavailable: %s", reason)

    def _forked_check(self) -> None:
        """In a child after fork(): keep using the parent's server, never stop it.

        woopub runs the passes over documents in a forked child (``guard.Sandbox``)
        and the parent waits while it works, so the child may use the parent's
        open connections (the sockets are inherited; no two processes use one
        at the same time). A new connection makes Frog fork a new worker, and a
        server per child would load Frog's models again: both cost seconds.
        """
        if os.getpid() != self._pid:
            self._pid = os.getpid()
            parent = self._server
            pid = parent.proc.pid if isinstance(parent, _FrogServer) and parent.proc else getattr(parent, "pid", None)
            self._server = _BorrowedServer(parent.port, pid) if parent is not None and pid else None
            if self._server is None:
                self._pool = queue.Queue()

    def close(self) -> None:
        """Stop the server. The tagger can start a new one on next use."""
        with self._state_lock:
            if os.getpid() != self._pid:
                return  # the parent's server: not ours to stop
            self._stop_locked()

    def __enter__(self) -> FrogTagger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        """The server's process id, for tests and diagnostics."""
        server = self._server
        return server.proc.pid if server is not None and server.proc is not None else None

    # -- cache ------------------------------------------------------------

    @staticmethod
    def _key(tokens: Sequence[str]) -> str:
        return "\x1f".join(tokens)

    def _cache_get(self, key: str):
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
            return hit

    def _cache_put(self, key: str, value: tuple) -> None:
        if self.cache_size <= 0:
            return
        with self._cache_lock:
            self._cache[key] = value
            self._cache.move_to_end(key)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    def use_shared_cache(self, path: str | Path | None) -> None:
        """Also keep readings in an SQLite file that the processes of one run share.

        woopub reads every document twice, each pass in a forked child whose
        memory is gone when it ends; without a shared store the second pass
        would send the same sentences to Frog again. The file holds document
        text: put it in the internal record and delete it after the run.
        """
        self._shared = _SharedCache(Path(path)) if path else None

    # -- tagging ----------------------------------------------------------

    def tag_sentence(self, tokens: Sequence[str]) -> list[FrogToken]:
        return self.tag([tokens])[0]

    def tag(self, sentences: Iterable[Sequence[str]]) -> list[list[FrogToken]]:
        """Tag many sentences (each a list of token texts) in as few requests as fit."""
        sentences = [list(s) for s in sentences]
        self.stats.add(sentences=len(sentences))
        readings: list[tuple | None] = [None] * len(sentences)
        todo: dict[str, list[int]] = {}  # one request per distinct sentence
        for i, tokens in enumerate(sentences):
            if not tokens:
                readings[i] = ()
                continue
            key = self._key(tokens)
            hit = self._cache_get(key)
            if hit is not None or key in todo:  # cached, or asked for earlier in this call
                self.stats.add(cache_hits=1)
            if hit is not None:
                readings[i] = hit
            else:
                todo.setdefault(key, []).append(i)
        if todo and self._shared is not None:
            for key, reading in self._shared.get_many(list(todo)).items():
                self._cache_put(key, reading)
                self.stats.add(cache_hits=1)
                for i in todo.pop(key):
                    readings[i] = reading
        if todo:
            if self._unavailable:
                raise FrogUnavailable(self.reason)
            keys = list(todo)
            fresh = self._tag_uncached([sentences[todo[k][0]] for k in keys])
            for key, reading in zip(keys, fresh):
                if reading is not None:
                    self._cache_put(key, reading)
                for i in todo[key]:
                    readings[i] = reading
            if self._shared is not None:
                self._shared.put_many([(k, r) for k, r in zip(keys, fresh) if r is not None])
        return [_tokens(s, r) for s, r in zip(sentences, readings)]

    def _tag_uncached(self, sentences: list[list[str]]) -> list[tuple | None]:
        # Long sentences go in pieces; pieces are joined again below.
        pieces: list[list[str]] = []
        owner: list[int] = []
        for i, tokens in enumerate(sentences):
            for k in range(0, len(tokens), MAX_SENTENCE_TOKENS):
                pieces.append(tokens[k : k + MAX_SENTENCE_TOKENS])
                owner.append(i)
        batches: list[list[int]] = []
        current: list[int] = []
        size = 0
        for j, piece in enumerate(pieces):
            if current and (len(current) >= self.batch_sentences or size + len(piece) > self.batch_tokens):
                batches.append(current)
                current, size = [], 0
            current.append(j)
            size += len(piece)
        if current:
            batches.append(current)

        def run(batch: list[int]) -> list[tuple | None]:
            return self._request([pieces[j] for j in batch])

        if self.connections > 1 and len(batches) > 1:
            with ThreadPoolExecutor(max_workers=self.connections) as pool:
                results = list(pool.map(run, batches))
        else:
            results = [run(b) for b in batches]
        piece_readings: list[tuple | None] = [None] * len(pieces)
        for batch, result in zip(batches, results):
            for j, reading in zip(batch, result):
                piece_readings[j] = reading
        joined: list[tuple | None] = [() for _ in sentences]
        for i, reading in zip(owner, piece_readings):
            joined[i] = None if reading is None or joined[i] is None else joined[i] + reading
        return joined

    def _request(self, sentences: list[list[str]]) -> list[tuple | None]:
        """One request, with one restart-and-retry on failure."""
        timeout = self.request_timeout + sum(map(len, sentences)) / 100.0
        for attempt in (1, 2):
            conn = self._borrow()
            try:
                answers = conn.tag(sentences, timeout)
            except _ProtocolError as exc:
                # The connection is still in step (the sentinel came back): tag one by one.
                self._give_back(conn)
                log.warning("Frog answer out of step (%s); tagging the batch sentence by sentence", exc)
                if len(sentences) == 1:
                    self.stats.add(misaligned=1)
                    return [None]
                return [self._single(s) for s in sentences]
            except (OSError, ValueError, ConnectionError) as exc:  # crash, timeout, garbage
                conn.close()
                self._restart_after(conn, exc, final=attempt == 2)
                continue
            self._give_back(conn)
            self.stats.add(requests=1, tokens_sent=sum(map(len, sentences)))
            return [_reading(s, a, self.stats) for s, a in zip(sentences, answers)]
        raise FrogUnavailable(self.reason)  # not reached: the second failure raises in _restart_after

    def _single(self, sentence: list[str]) -> tuple | None:
        return self._request([sentence])[0]

    def _borrow(self) -> _Connection:
        with self._state_lock:
            self._forked_check()
            if self._unavailable:
                raise FrogUnavailable(self.reason)
            if self._server is None:
                self._start_locked()
        try:
            return self._pool.get(timeout=self.request_timeout * 4)
        except queue.Empty:
            raise FrogUnavailable("no Frog connection came free in time") from None

    def _give_back(self, conn: _Connection) -> None:
        if conn.generation == self._generation:
            self._pool.put(conn)
        else:
            conn.close()

    def _restart_after(self, conn: _Connection, exc: Exception, final: bool) -> None:
        with self._state_lock:
            if final:
                self._stop_locked()
                self._mark_unavailable(f"Frog failed again after a restart: {exc!r}")
                raise FrogUnavailable(self.reason) from exc
            if conn.generation != self._generation:
                return  # another thread restarted it already
            log.warning("Frog request failed (%r); restarting the server", exc)
            self.stats.add(restarts=1)
            self._start_locked()


def _reading(sentence: list[str], words: list[dict], stats: FrogStats) -> tuple | None:
    """(pos, pos confidence, ner, ner confidence) per token, or None when out of step."""
    if len(words) != len(sentence):
        stats.add(misaligned=1)
        log.warning("Frog returned %d tokens for a sentence of %d; left untagged", len(words), len(sentence))
        return None
    out = []
    for word in words:
        pos = word.get("pos") or {}
        ner = word.get("ner")
        out.append(
            (
                pos.get("tag", ""),
                float(pos.get("confidence", 0.0)),
                ner["tag"] if ner else "O",
                float(ner["confidence"]) if ner else None,
            )
        )
    return tuple(out)


def _tokens(sentence: list[str], reading: tuple | None) -> list[FrogToken]:
    if reading is None:
        return [FrogToken(t, "", 0.0, "", None) for t in sentence]
    return [FrogToken(t, *r) for t, r in zip(sentence, reading)]


_DEFAULT: FrogTagger | None = None
_DEFAULT_LOCK = threading.Lock()


def default_tagger() -> FrogTagger:
    """The process's shared tagger: one Frog server per process, however many recognisers."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = FrogTagger()
        return _DEFAULT


def shareable_server() -> tuple[int, int] | None:
    """Start (or wait for) this process's server; its (port, pid) for the run's workers, or None."""
    tagger = default_tagger()
    if not tagger.available:
        return None
    try:
        tagger.start()
    except FrogUnavailable:
        return None
    return tagger.server_address()


def start_default_in_background() -> None:
    """Start this process's Frog server now, beside the loading that comes before its first use.

    Frog takes a few seconds to load its models; started at the top of a run
    that time overlaps woopub's own imports and set-up instead of adding to them.
    """
    tagger = default_tagger()
    if tagger.available:
        tagger.start_in_background()
