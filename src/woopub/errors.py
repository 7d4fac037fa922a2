"""woopub's own exceptions. Library code raises these; only the CLI exits.

Exit codes (documented in the README and checked by tests):
  0  every document published and verified
  1  a document was refused or failed, or verification found a leak
  2  usage or configuration error (bad option, broken rule file): nothing was written
"""

EXIT_OK = 0
EXIT_DOCUMENT_FAILED = 1
EXIT_USAGE = 2


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


class VerificationError(WoopubError):
    """A published file still carries something it must not."""


def one_line(exc) -> str:
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__
