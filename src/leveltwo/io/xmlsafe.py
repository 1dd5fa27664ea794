"""Safe XML reading for interop files: no DTD, no entities, a size limit, element positions.

Python's ElementTree does not fetch external entities but would expand entities
declared in a DTD (the "billion laughs" bomb). defusedxml is not a dependency,
so input is refused when its bytes contain ``<!DOCTYPE`` or ``<!ENTITY``, and
the expat parser that builds the tree refuses any DTD or entity declaration it
meets anyway (for encodings the byte check cannot see). Each element's line and
column is kept, so problems can be located in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.parsers import expat

from leveltwo.errors import InputError, Problem

#: Interop files larger than this are refused (ANAC's largest domains are a few MB).
MAX_XML_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, eq=False)
class XmlDocument:
    """A parsed XML file and where each element starts in it (line, column; 1-based)."""

    root: ET.Element
    positions: dict[ET.Element, tuple[int, int]] = field(default_factory=dict)

    def problem(self, path: str, expected: str, found: str, at: ET.Element | None) -> Problem:
        line, column = self.positions.get(at, (None, None)) if at is not None else (None, None)
        return Problem(path, expected, found, line, column)


class _Refused(Exception):
    """Raised inside expat handlers to stop at a DTD or entity declaration."""


def parse_xml(data: bytes, source: str) -> XmlDocument:
    """Parse XML safely: no DTD, no entity declarations, at most :data:`MAX_XML_BYTES`."""
    if len(data) > MAX_XML_BYTES:
        raise InputError([Problem("", f"an XML file under {MAX_XML_BYTES} bytes", "more")], source)
    upper = data.upper()
    for marker in (b"<!DOCTYPE", b"<!ENTITY"):
        if marker in upper:
            line = data[: upper.index(marker)].count(b"\n") + 1
            raise InputError([_refused(marker.decode()[2:], line)], source)
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    positions: dict[ET.Element, tuple[int, int]] = {}
    stack: list[ET.Element] = []
    roots: list[ET.Element] = []

    def refuse(*_: object) -> int:
        raise _Refused

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = ET.Element(tag, attrs)
        positions[element] = (parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        if stack:
            stack[-1].append(element)
        else:
            roots.append(element)
        stack.append(element)

    def end(_tag: str) -> None:
        stack.pop()

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except _Refused:
        raise InputError([_refused("DOCTYPE", parser.CurrentLineNumber)], source) from None
    except expat.ExpatError as exc:
        what = expat.ErrorString(exc.code) if exc.code is not None else str(exc)
        raise InputError(
            [Problem("", "well-formed XML", what, exc.lineno, exc.offset + 1)], source
        ) from None
    return XmlDocument(roots[0], positions)


def _refused(what: str, line: int) -> Problem:
    return Problem(
        "",
        "XML without a DTD or entity declarations (refused for safety)",
        f"<!{what}",
        line,
        1,
    )


def read_bytes(path: Path) -> bytes:
    """The bytes of an input file; a missing, unreadable or oversized file is a located problem."""
    source = str(path)
    if not path.is_file():
        found = "a folder" if path.is_dir() else "no such file"
        raise InputError([Problem(source, "a readable file", found)], None)
    try:
        size = path.stat().st_size
        if size > MAX_XML_BYTES:
            raise InputError(
                [Problem(source, f"a file under {MAX_XML_BYTES} bytes", f"{size} bytes")], None
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(
            [Problem(source, "a readable file", exc.strerror or str(exc))], None
        ) from None


def root_tag(data: bytes, source: str) -> str:
    """The root element's tag of an XML file (for format detection)."""
    return parse_xml(data, source).root.tag
