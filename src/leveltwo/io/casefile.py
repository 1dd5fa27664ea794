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
from leveltwo.model.build import build_case, validate_case_data
from leveltwo.model.case import Case

#: Case files larger than this are refused (they are hand-written documents).
MAX_CASE_BYTES = 5 * 1024 * 1024

#: Bounds on a document's shape. Case files nest about ten levels deep and hold a few
#: thousand values; these refuse documents built to exhaust the reader: deep nesting,
#: an alias used inside its own anchor, or aliases that multiply into billions of values.
MAX_DEPTH = 64
MAX_VALUES = 1_000_000


def _too_large() -> Problem:
    return Problem("", f"a case file under {MAX_CASE_BYTES} bytes", "a larger file")


def _too_deep(line: int | None = None, column: int | None = None) -> Problem:
    return Problem(
        "", f"YAML or JSON nested at most {MAX_DEPTH} levels deep", "deeper nesting", line, column
    )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _shape_problem(root: yaml.Node) -> Problem | None:
    """A problem when the document, its aliases expanded, is too deep, too large or cyclic.

    Each distinct node is visited once, without recursion, so the check stays cheap
    whatever the aliases would expand to.
    """
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    open_nodes: set[int] = set()  # the nodes on the current path from the root
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if finished:
            open_nodes.discard(key)
            kids = _children(node)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            height[key] = 1 + max((height[id(k)] for k in kids), default=0)
            if height[key] > MAX_DEPTH:
                return _too_deep(line, column)
            if size[key] > MAX_VALUES:
                return Problem(
                    "",
                    f"at most {MAX_VALUES} values once YAML aliases are expanded",
                    "more",
                    line,
                    column,
                )
            continue
        if key in size:
            continue
        if key in open_nodes:
            return Problem(
                "",
                "YAML aliases (*name) outside their own anchor (&name)",
                "an alias inside its own anchor",
                line,
                column,
            )
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((k, False) for k in _children(node) if id(k) not in size)
    return None


def parse_text(text: str, source: str = "case") -> Any:
    """Parse YAML (a superset of JSON) safely; raise :class:`CaseError` with line and column.

    Besides malformed text, documents over :data:`MAX_CASE_BYTES`, nested deeper than
    :data:`MAX_DEPTH` or expanding (through aliases) past :data:`MAX_VALUES` values are
    refused before any Python object is built from them.
    """
    if len(text.encode("utf-8", errors="replace")) > MAX_CASE_BYTES:
        raise CaseError([_too_large()], source)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        problem = _shape_problem(node)
        if problem is not None:
            raise CaseError([problem], source)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "malformed YAML"
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        raise CaseError(
            [Problem("", "well-formed YAML or JSON", what, line, column)], source
        ) from None
    except yaml.YAMLError as exc:
        raise CaseError([Problem("", "well-formed YAML or JSON", str(exc))], source) from None
    except RecursionError:  # the YAML composer recurses once per nesting level
        raise CaseError([_too_deep()], source) from None
    finally:
        loader.dispose()


def _node_marks(text: str) -> dict[str, tuple[int, int]]:
    """Path → (line, column) of every node of a YAML document (1-based)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    marks: dict[str, tuple[int, int]] = {}

    def walk(node: yaml.Node, path: str) -> None:
        marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = str(k.value)
                sub = f"{path}.{key}" if path else key
                marks[sub] = (k.start_mark.line + 1, k.start_mark.column + 1)
                walk(v, sub)
                marks[sub] = (k.start_mark.line + 1, k.start_mark.column + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, f"{path}[{i}]")

    if root is not None:
        walk(root, "")
    return marks


def locate(problems: list[Problem], text: str) -> list[Problem]:
    """Add line and column to problems whose path (or nearest parent) is in the text."""
    marks = _node_marks(text)
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


def validate_text(text: str, source: str = "case") -> list[Problem]:
    """Every problem with a case file's text (empty when it is valid)."""
    try:
        data = parse_text(text, source)
    except CaseError as exc:
        return list(exc.problems)
    return locate(validate_case_data(data), text)


def case_from_text(text: str, source: str = "case") -> Case:
    """Parse, validate and build a case from YAML or JSON text."""
    data = parse_text(text, source)
    problems = validate_case_data(data)
    if problems:
        raise CaseError(locate(problems, text), source)
    return build_case(data, source)


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
