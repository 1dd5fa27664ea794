"""The one error hierarchy of leveltwo.

Every error a user can cause derives from :class:`LeveltwoError`. Errors about
input carry :class:`Problem` records: the path of the bad field, what was
expected and what was found, and (when known) the line and column in the file.
The CLI and the web app translate these errors in one place each; no other
exception should reach a user.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located problem in user input."""

    path: str
    expected: str
    found: str
    line: int | None = None
    column: int | None = None
    #: A close known spelling of what was found ("did you mean"), when there is one.
    suggestion: str | None = None

    def location(self) -> str:
        """The path, with ``line L, column C`` appended when known."""
        where = self.path or "(top level)"
        if self.line is not None:
            where += f" (line {self.line}, column {self.column or 1})"
        return where

    def message(self) -> str:
        """One line a person can act on."""
        hint = f" (did you mean {self.suggestion!r}?)" if self.suggestion is not None else ""
        return f"{self.location()}: expected {self.expected}, found {self.found}{hint}"

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "expected": self.expected,
            "found": self.found,
            "line": self.line,
            "column": self.column,
            "suggestion": self.suggestion,
            "message": self.message(),
        }


class LeveltwoError(Exception):
    """Base of every error leveltwo raises on purpose."""

    exit_code: int = 2
    http_status: int = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_json(self) -> dict[str, object]:
        return {"error": type(self).__name__, "message": self.message}


class InputError(LeveltwoError):
    """Input (a case file, a deal, an option) has one or more located problems."""

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        count = len(self.problems)
        head = f"{source}: " if source else ""
        noun = "problem" if count == 1 else "problems"
        lines = [f"{head}{count} {noun}"] + [f"  - {p.message()}" for p in self.problems]
        super().__init__("\n".join(lines))

    def to_json(self) -> dict[str, object]:
        return {
            "error": type(self).__name__,
            "message": self.message,
            "source": self.source,
            "problems": [p.to_json() for p in self.problems],
        }


class CaseError(InputError):
    """A case file does not describe a valid case."""


class DealError(InputError):
    """A deal names an unknown issue or option, or leaves an issue out."""


class VotesError(InputError):
    """Past ballots (a votes CSV) are malformed or cannot identify a stakeholder's bar."""


class CaseNotFoundError(LeveltwoError):
    """Neither a readable file nor a bundled case has this name."""

    http_status = 404


class InfeasibleError(LeveltwoError):
    """The analysis found nothing feasible where the question needs something."""

    exit_code = 1
    http_status = 422


class TooLargeError(LeveltwoError):
    """A valid case too large for the requested work (e.g. enumerating its deal space)."""

    http_status = 422


class ConflictError(LeveltwoError):
    """A save was refused because someone else saved first."""

    http_status = 409
