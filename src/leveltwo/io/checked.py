"""A case read together with its plausibility warnings, located in its text.

Errors stop a case from loading (:mod:`leveltwo.io.casefile`); warnings
(:mod:`leveltwo.engine.plausibility`) do not, and are returned beside the
case with the line and column of the field they are about, for ``validate``,
the CLI and the web forms to show.
"""

from __future__ import annotations

from pathlib import Path

from leveltwo.engine.plausibility import plausibility_warnings
from leveltwo.errors import LeveltwoError, Problem
from leveltwo.io.casefile import document_and_case, locate_in, read_case_text
from leveltwo.model.case import Case


def checked_case_from_text(text: str, source: str = "case") -> tuple[Case, list[Problem]]:
    """The case (raising :class:`~leveltwo.errors.CaseError` as ``case_from_text`` does)
    and its located plausibility warnings, from one parse of the text."""
    doc, case = document_and_case(text, source)  # parsed, validated and built once
    return case, locate_in(plausibility_warnings(case, doc.data), doc)


def load_checked_case(ref: str | Path) -> tuple[Case, list[Problem]]:
    """:func:`~leveltwo.io.casefile.load_case` with the case's plausibility warnings."""
    text, source = read_case_text(ref)
    return checked_case_from_text(text, source)


def text_warnings(text: str) -> list[Problem]:
    """The located plausibility warnings of a case's text (none for a text that does not
    build: its errors are shown instead, where they are asked for)."""
    try:
        return checked_case_from_text(text)[1]
    except LeveltwoError:
        return []
