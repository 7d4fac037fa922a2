"""woopub's own exceptions. Library code raises these; only the CLI exits.

Exit codes (documented in the README and checked by tests):
  0  every document published and verified
  1  a document was refused or failed, or verification found a leak
  2  usage or configuration error (bad option, broken rule file): nothing was written
  3  the output could not be written (full disk, read-only or unwritable folder)
"""

EXIT_OK = 0
EXIT_DOCUMENT_FAILED = 1
EXIT_USAGE = 2
EXIT_CANNOT_WRITE = 3


class WoopubError(Exception):
    exit_code = EXIT_DOCUMENT_FAILED


class InputError(WoopubError):
    """One input document cannot be processed; the batch goes on without it."""


class NotAPdfError(InputError):
    pass


class DamagedPdfError(InputError):
    pass


class EncryptedPdfError(InputError):
    pass


class RuleError(WoopubError):
    """A rule file is broken. Raised before any output is written."""

    exit_code = EXIT_USAGE

    def __init__(self, path, problem: str, line: int | None = None):
        self.path, self.problem, self.line = str(path), problem, line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")


def one_line(exc) -> str:
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__


# the write faults a user fixes outside woopub (space, permissions, a read-only mount)
WRITE_FAULTS = {28, 30, 13, 122}  # ENOSPC, EROFS, EACCES, EDQUOT


def store_write_fault(exc: Exception) -> OSError | None:
    """The run state's SQLite file on a full disk or a read-only mount, as the OSError it stands for."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    code &= 0xFF  # the primary result code: SQLITE_FULL 13, SQLITE_READONLY 8
    if code == 13:
        return OSError(28, "No space left on device")
    if code == 8:
        return OSError(30, "Read-only file system")
    return None


def write_fault_line(exc: OSError) -> str | None:
    """One line for a fault writing the output, or None for any other error."""
    if exc.errno not in WRITE_FAULTS:
        return None
    where = f" ({exc.filename})" if exc.filename else ""
    return (f"woopub: cannot write the output: {exc.strerror}{where}; free space or choose a writable --out "
            "and run again (this run's output is incomplete and not published)")
