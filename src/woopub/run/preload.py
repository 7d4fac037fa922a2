"""What a process pool's fork server reads once, before it forks the workers.

The fork server imports this module (``executors.WORKER_PRELOAD``) while the
command is still starting. Reading the shipped data here (word and name
lists, spaCy's Dutch tokenizer rules: about 1.5 s) means a worker forked from
the server starts with it. Only data that never changes is read: each worker
still builds its own Detector (run/executors.py, ``worker_dossier``), and
Frog is not started here: a worker attaches to the run's server.
"""

from __future__ import annotations

from woopub.detect import read_shipped_data
from woopub.reading.disagree import known_words

known_words()  # the word lists that judge a text layer (reading/disagree.py)
read_shipped_data()
