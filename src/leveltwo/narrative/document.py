"""A tiny document model for generated prose: headings, paragraphs, bullet lists.

Generated text (the victory speech) is built as blocks of styled runs, so it
can be written out as Markdown here and as HTML by the report, from the same
structure. Run styles carry meaning, not looks: a ``term`` is an option label
of the deal (Markdown bold), a ``reference`` is an option label it is compared
with (Markdown italics), so tests and readers can tell which labels are cited
as the deal's terms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from leveltwo.narrative.phrasing import md_escape

RunStyle = Literal["text", "term", "reference"]
BlockKind = Literal["heading", "paragraph", "bullets", "note"]


@dataclass(frozen=True)
class Run:
    """A piece of text with one meaning."""

    text: str
    style: RunStyle = "text"

    def to_markdown(self) -> str:
        if self.style == "term":
            return f"**{md_escape(self.text)}**"
        if self.style == "reference":
            return f"*{md_escape(self.text)}*"
        return md_escape(self.text)


Line = tuple[Run, ...]


@dataclass(frozen=True)
class Block:
    """A heading (``level`` 1–3), a paragraph, a note (set apart) or a bullet list."""

    kind: BlockKind
    runs: Line = ()
    items: tuple[Line, ...] = ()
    level: int = 0

    def to_markdown(self) -> str:
        if self.kind == "heading":
            return "#" * self.level + " " + _line(self.runs)
        if self.kind == "bullets":
            return "\n".join("- " + _line(item) for item in self.items)
        if self.kind == "note":
            return "> " + _line(self.runs)
        return _line(self.runs)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind}
        if self.kind == "heading":
            out["level"] = self.level
        if self.kind == "bullets":
            out["items"] = [[_run_json(r) for r in item] for item in self.items]
        else:
            out["runs"] = [_run_json(r) for r in self.runs]
        return out


def _run_json(r: Run) -> dict[str, str]:
    return {"text": r.text, "style": r.style}


def _line(runs: Sequence[Run]) -> str:
    return "".join(r.to_markdown() for r in runs)


def heading(level: int, *runs: Run | str) -> Block:
    return Block("heading", _runs(runs), level=level)


def paragraph(*runs: Run | str) -> Block:
    return Block("paragraph", _runs(runs))


def note(*runs: Run | str) -> Block:
    return Block("note", _runs(runs))


def bullets(items: Sequence[Sequence[Run | str]]) -> Block:
    return Block("bullets", items=tuple(_runs(item) for item in items))


def _runs(parts: Sequence[Run | str]) -> Line:
    return tuple(p if isinstance(p, Run) else Run(p) for p in parts if p != "")


def term(label: str) -> Run:
    """A term of the deal (an option label the deal sets)."""
    return Run(label, "term")


def reference(label: str) -> Run:
    """An option label the deal is compared with (e.g. our opening position)."""
    return Run(label, "reference")


def to_markdown(blocks: Sequence[Block]) -> str:
    """The blocks as Markdown, one blank line between blocks, ending with a newline."""
    return "\n\n".join(b.to_markdown() for b in blocks) + "\n"


def plain_text(runs: Sequence[Run]) -> str:
    """The runs' text without markup."""
    return "".join(r.text for r in runs)
