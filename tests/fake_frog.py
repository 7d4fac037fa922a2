"""A stand-in for ``frog -S PORT --JSONout`` that can misbehave on cue, for failure tests.

It speaks Frog's server protocol as woopub uses it (lines until ``EOT``,
sentences ended by ``<utt>``, one JSON array per sentence) and tags every
word "O". A sentence holding the word DROP comes back one token short, one
holding VANISH does not come back at all; the word CRASH ends the whole
server, as a crashing Frog would.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading


def answer(data: str) -> str:
    out = []
    for sentence in data.split(" <utt>"):
        words = sentence.split()
        if not words:
            continue
        if "CRASH" in words:
            os._exit(3)
        if "VANISH" in words:
            continue
        if "DROP" in words:
            words = words[:-1]
        out.append(json.dumps([{"index": i + 1, "word": w, "pos": {"tag": "N", "confidence": 1.0}} for i, w in enumerate(words)]))
    return "".join(line + "\n" for line in out)


def serve(conn: socket.socket) -> None:
    reader = conn.makefile("r", encoding="utf-8")
    data = []
    for line in reader:
        if line.rstrip("\n") == "EOT":
            conn.sendall(answer("".join(data)).encode("utf-8"))
            data = []
        else:
            data.append(line.replace("\n", " "))
    conn.close()


def main() -> None:
    port = int(sys.argv[sys.argv.index("-S") + 1])
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen()
    print(f"fake-frog:Listening on port {port}", file=sys.stderr, flush=True)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
