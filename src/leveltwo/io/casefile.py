"""Read case files (YAML or JSON) into a validated :class:`Case`.

Malformed YAML or JSON is reported with line and column; every validation
problem is reported at once, each with the path of the field and, when the
text is available, its line and column in the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from leveltwo.errors import CaseError, CaseNotFoundError, Problem
from leveltwo.io import yamlsafe
from leveltwo.io.limits import check_limits
from leveltwo.io.yamlsafe import MAX_DEPTH as MAX_DEPTH
from leveltwo.io.yamlsafe import MAX_VALUES as MAX_VALUES
from leveltwo.io.yamlsafe import Document
from leveltwo.model.build import case_from_file, checked_file, validate_case_data
from leveltwo.model.case import Case

#: Case files larger than this are refused (they are hand-written documents).
MAX_CASE_BYTES = 5 * 1024 * 1024


def _too_large() -> Problem:
    return Problem("", f"a case file under {MAX_CASE_BYTES} bytes", "a larger file")


def _parse(text: str, source: str) -> Document:
    """Parse once with the strict reader of :mod:`leveltwo.io.yamlsafe`, then check sizes."""
    if len(text) > MAX_CASE_BYTES or len(text.encode("utf-8", errors="replace")) > MAX_CASE_BYTES:
        raise CaseError([_too_large()], source)
    try:
        doc = yamlsafe.load(text)
    except yamlsafe.Refused as exc:
        line, column = _mark(exc.problem_mark)
        raise CaseError(
            [Problem(exc.path, exc.expected, exc.found, line, column)], source
        ) from None
    except yaml.MarkedYAMLError as exc:
        line, column = _mark(exc.problem_mark or exc.context_mark)
        what = exc.problem or exc.context or "malformed YAML"
        raise CaseError(
            [Problem("", "well-formed YAML or JSON", what, line, column)], source
        ) from None
    except yaml.YAMLError as exc:
        raise CaseError([Problem("", "well-formed YAML or JSON", str(exc))], source) from None
    except RecursionError:  # defensive: the composer refuses deep nesting before this
        raise CaseError([_too_deep()], source) from None
    over = check_limits(doc.data)
    if over:
        raise CaseError(_locate(over, doc.marks()), source)
    return doc


def _mark(mark: Any) -> tuple[int | None, int | None]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


def _too_deep() -> Problem:
    return Problem("", f"YAML or JSON nested at most {MAX_DEPTH} levels deep", "deeper nesting")


def parse_text(text: str, source: str = "case") -> Any:
    """Parse YAML (a superset of JSON) safely; raise :class:`CaseError` with line and column.

    The text is parsed once, with the C parser where PyYAML has it, by the strict reader
    of :mod:`leveltwo.io.yamlsafe` (bounded size and depth, no duplicate keys, plain
    values only, finite numbers, clean text), and the case's sizes are checked against
    :mod:`leveltwo.io.limits` before anything is expanded.
    """
    return _parse(text, source).data


def _locate(problems: list[Problem], marks: Mapping[str, tuple[int, int]]) -> list[Problem]:
    out = []
    for p in problems:
        if p.line is not None:
            out.append(p)
            continue
        path = p.path
        while path and path not in marks:
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        if path in marks:
            line, col = marks[path]
            out.append(replace(p, line=line, column=col))
        else:
            out.append(p)
    return out


def locate(problems: list[Problem], text: str) -> list[Problem]:
    """Add line and column to problems whose path (or nearest parent) is in the text."""
    try:
        marks = yamlsafe.load(text).marks()
    except (yaml.YAMLError, RecursionError):
        marks = {}
    return _locate(problems, marks)


def validate_text(text: str, source: str = "case") -> list[Problem]:
    """Every problem with a case file's text (empty when it is valid)."""
    try:
        doc = _parse(text, source)
    except CaseError as exc:
        return list(exc.problems)
    problems = validate_case_data(doc.data)
    return _locate(problems, doc.marks()) if problems else []


def document_and_case(text: str, source: str = "case") -> tuple[Document, Case]:
    """Parse once, validate once, build once: the parsed document (its data and the
    marks that locate its fields) and the case; raise :class:`CaseError`, located."""
    doc = _parse(text, source)
    model, problems = checked_file(doc.data)
    if model is None:
        raise CaseError(_locate(problems, doc.marks()), source)
    return doc, case_from_file(model)


def case_from_text(text: str, source: str = "case") -> Case:
    """Parse, validate and build a case from YAML or JSON text."""
    return document_and_case(text, source)[1]


def locate_in(problems: list[Problem], doc: Document) -> list[Problem]:
    """Add line and column from an already parsed document (see :func:`locate`)."""
    return _locate(problems, doc.marks()) if problems else []


def read_case_text(ref: str | Path) -> tuple[str, str]:
    """The text of a case file or a bundled case name, and how to name its source."""
    from leveltwo.io.bundled import bundled_path

    path = Path(ref)
    if path.is_file():
        try:
            if path.stat().st_size > MAX_CASE_BYTES:  # refused before it is read
                raise CaseError([_too_large()], str(path))
            return path.read_text(encoding="utf-8"), str(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise CaseError(
                [Problem("", "a readable UTF-8 text file", str(exc))], str(path)
            ) from None
    bundled = bundled_path(str(ref))
    if bundled is not None:
        return bundled.read_text(encoding="utf-8"), bundled.stem
    raise CaseNotFoundError(
        f"{ref}: no such case file, and no bundled case of that name (see `leveltwo cases`)"
    )


def load_case(ref: str | Path) -> Case:
    """Load a case from a file path or a bundled case name."""
    text, source = read_case_text(ref)
    return case_from_text(text, source)


def dump_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
