"""Every error a user can see, in one place, each with a code and a way out.

Borrowed from spaCy's errors.py: the message says what went wrong, the likely cause and what to
do. The CLI turns a FactdiffError into one line on stderr and the exit code below; nothing else
escapes as a traceback.
"""

from __future__ import annotations

# Exit codes, documented in `factdiff --help`.
EXIT_OK = 0
EXIT_CHANGED = 1  # `check --fail-on`: a fact changed at or above the given severity
EXIT_USAGE = 2  # bad arguments (Typer's own code)
EXIT_INPUT = 3  # no usable input: every file was empty, binary, unreadable, ...
EXIT_MODEL = 4  # a bundled model is missing or fails its sha256 check
EXIT_INTERNAL = 5  # a bug: please report it


class FactdiffError(Exception):
    """An error with a stable code and a one-line message meant for the user."""

    exit_code = EXIT_INPUT

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"


class InputError(FactdiffError):
    exit_code = EXIT_INPUT


class ModelError(FactdiffError):
    exit_code = EXIT_MODEL
