"""Imported first by the pool's fork server (executors.WORKER_PRELOAD): the
server dies with the run's main process, even when that is killed by -9.
Its workers set the same for themselves (the setting is not inherited)."""

from woopub.run.safety import die_with_parent

die_with_parent()
