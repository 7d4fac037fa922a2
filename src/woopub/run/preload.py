"""What a process pool's fork server builds once, before it forks the workers.

The fork server imports this module (``executors.WORKER_PRELOAD``) while the
command is still starting. Building the default detector here (name lists,
spaCy's Dutch tokenizer, Presidio's recognisers: about a second) means a
worker forked from the server starts with it, instead of building its own
while the run waits. Frog is not started here: a worker attaches to the run's
server, or starts its own on first use.
"""

from __future__ import annotations

from woopub.detect import Detector
from woopub.reading.disagree import known_words

known_words()  # the word lists that judge a text layer (reading/disagree.py): about 0.4 s

_detector: Detector | None = Detector()


def take_detector() -> Detector | None:
    """The prebuilt default detector, handed out once (a detector carries its run's Frog store)."""
    global _detector
    detector, _detector = _detector, None
    return detector
