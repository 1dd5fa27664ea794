"""A strict YAML reader for case files: one pass, bounded, plain values only.

Case files are hand-written documents of a few thousand values. This reader
refuses, with the line and column of the offending text, everything a case never
needs and that would otherwise freeze, crash or silently change an analysis:

- more than :data:`MAX_NODES` nodes or nesting deeper than :data:`MAX_DEPTH`, checked
  while the document is being composed (so a huge list is refused after its first
  :data:`MAX_NODES` items, not after it is built);
- aliases that would multiply into more than :data:`MAX_VALUES` values, or an alias
  used inside its own anchor;
- a key given twice in one mapping (YAML would silently keep the last one);
- tags other than the plain ones (null, bool, int, float, str, sequence, mapping):
  ``!!set``, ``!!binary``, ``!!omap``, ``!!python/...`` and local tags; dates stay text;
- numbers that are not finite (``.nan``, ``.inf``), larger in magnitude than
  :data:`MAX_MAGNITUDE`, or integers written with more than :data:`MAX_INT_DIGITS`
  digits;
- text with control characters (other than tab, newline and carriage return) or
  lone surrogates, and strings longer than :data:`MAX_STRING_CHARS`.

Scanning and parsing use libyaml (``yaml.CParser``) when PyYAML was built with it,
and the pure-Python parser otherwise; composition and construction are PyYAML's,
with the checks above hooked in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, ClassVar

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

#: Nodes (scalars, lists and mappings, keys included) in one document at most.
MAX_NODES = 100_000
#: Nesting levels at most (a case nests about ten).
MAX_DEPTH = 64
#: Values once aliases are expanded, at most.
MAX_VALUES = 1_000_000
#: Largest magnitude of any number.
MAX_MAGNITUDE = 1e15
#: Most digits an integer may be written with.
MAX_INT_DIGITS = 16
#: Longest string, in characters.
MAX_STRING_CHARS = 100_000

_SAFE_TEXT = re.compile(r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]*")

try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]

    WITH_LIBYAML = True
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml.parser import Parser as _Parser  # type: ignore[assignment]
    from yaml.reader import Reader as _Reader
    from yaml.scanner import Scanner as _Scanner

    WITH_LIBYAML = False


class Refused(yaml.MarkedYAMLError):
    """A document refused by a limit of this reader, with what was expected and found."""

    def __init__(self, expected: str, found: str, mark: Any, node: yaml.Node | None = None) -> None:
        super().__init__(problem=found, problem_mark=mark)
        self.expected = expected
        self.found = found
        self.node = node
        self.path = ""  # the field path of ``node`` once known (see :func:`load`)


def _describe_char(ch: str) -> str:
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate U+{code:04X}"
    return f"the control character U+{code:04X}"


def check_text(value: str) -> str | None:
    """What is wrong with a string from a case (None when it is fine)."""
    if len(value) > MAX_STRING_CHARS:
        return f"a string of {len(value)} characters"
    match = _SAFE_TEXT.match(value)
    if match is not None and match.end() < len(value):
        return _describe_char(value[match.end()])
    return None


class _StrictConstructor(SafeConstructor):
    """PyYAML's safe constructor restricted to plain values, checked as they are built."""

    yaml_constructors: ClassVar[dict[Any, Any]] = {}

    def construct_undefined(self, node: yaml.Node) -> Any:
        raise Refused(
            "plain YAML values (no tags such as !!set, !!binary or !!python)",
            f"the tag {node.tag!r}",
            node.start_mark,
            node,
        )

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, Hashable):
                line = key_node.start_mark.line + 1
                if key in seen:
                    raise Refused(
                        "each key once in a mapping",
                        f"{key!r} again (first on line {seen[key]})",
                        key_node.start_mark,
                        key_node,
                    )
                seen[key] = line
        result: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return result

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        text = str(node.value)
        digits = sum(ch.isdigit() for ch in text)
        if digits > MAX_INT_DIGITS:
            raise Refused(
                f"an integer of at most {MAX_INT_DIGITS} digits",
                f"{digits} digits",
                node.start_mark,
                node,
            )
        value: int = super().construct_yaml_int(node)
        if abs(value) > MAX_MAGNITUDE:
            raise Refused(
                f"a number of magnitude at most {MAX_MAGNITUDE:g}", text, node.start_mark, node
            )
        return value

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        value: float = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise Refused("a finite number", str(node.value), node.start_mark, node)
        if abs(value) > MAX_MAGNITUDE:
            raise Refused(
                f"a number of magnitude at most {MAX_MAGNITUDE:g}",
                str(node.value),
                node.start_mark,
                node,
            )
        return value

    def construct_yaml_str(self, node: yaml.ScalarNode) -> str:
        value: str = super().construct_yaml_str(node)
        wrong = check_text(value)
        if wrong is not None:
            raise Refused(
                "text without control characters or lone surrogates, "
                f"at most {MAX_STRING_CHARS} characters",
                wrong,
                node.start_mark,
                node,
            )
        return value


for _tag, _method in (
    ("tag:yaml.org,2002:null", SafeConstructor.construct_yaml_null),
    ("tag:yaml.org,2002:bool", SafeConstructor.construct_yaml_bool),
    ("tag:yaml.org,2002:int", _StrictConstructor.construct_yaml_int),
    ("tag:yaml.org,2002:float", _StrictConstructor.construct_yaml_float),
    ("tag:yaml.org,2002:str", _StrictConstructor.construct_yaml_str),
    ("tag:yaml.org,2002:seq", SafeConstructor.construct_yaml_seq),
    ("tag:yaml.org,2002:map", SafeConstructor.construct_yaml_map),
    (None, _StrictConstructor.construct_undefined),
):
    _StrictConstructor.yaml_constructors[_tag] = _method


class _PlainResolver(Resolver):
    """YAML 1.1's implicit types, except timestamps: a date in a case stays text."""

    yaml_implicit_resolvers = {  # noqa: RUF012 (PyYAML reads it from the class)
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in Resolver.yaml_implicit_resolvers.items()
    }


class _BoundedComposer(Composer):
    """PyYAML's composer, counting nodes and nesting as it goes."""

    def __init__(self) -> None:
        super().__init__()
        self.node_count = 0
        self.alias_count = 0
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self.node_count += 1
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            self.alias_count += 1
        if self.node_count > MAX_NODES:
            raise Refused(
                f"at most {MAX_NODES} YAML nodes (values, lists, mappings and keys)",
                "more",
                self.peek_event().start_mark,  # type: ignore[attr-defined]
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise Refused(
                    f"YAML or JSON nested at most {MAX_DEPTH} levels deep",
                    "deeper nesting",
                    self.peek_event().start_mark,  # type: ignore[attr-defined]
                )
            node: yaml.Node | None = super().compose_node(parent, index)
            return node
        finally:
            self.depth -= 1


if WITH_LIBYAML:

    class _Loader(_BoundedComposer, _Parser, _StrictConstructor, _PlainResolver):
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _BoundedComposer.__init__(self)
            _StrictConstructor.__init__(self)
            _PlainResolver.__init__(self)

else:  # pragma: no cover - PyYAML without libyaml

    class _Loader(  # type: ignore[no-redef]
        _Reader, _Scanner, _Parser, _BoundedComposer, _StrictConstructor, _PlainResolver
    ):
        def __init__(self, stream: str) -> None:
            _Reader.__init__(self, stream)
            _Scanner.__init__(self)
            _Parser.__init__(self)  # type: ignore[call-arg]
            _BoundedComposer.__init__(self)
            _StrictConstructor.__init__(self)
            _PlainResolver.__init__(self)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_aliases(root: yaml.Node) -> None:
    """Refuse a document whose aliases expand past the limits or into a cycle.

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
        if finished:
            open_nodes.discard(key)
            kids = _children(node)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            height[key] = 1 + max((height[id(k)] for k in kids), default=0)
            if height[key] > MAX_DEPTH:
                raise Refused(
                    f"YAML or JSON nested at most {MAX_DEPTH} levels deep",
                    "deeper nesting",
                    node.start_mark,
                )
            if size[key] > MAX_VALUES:
                raise Refused(
                    f"at most {MAX_VALUES} values once YAML aliases are expanded",
                    "more",
                    node.start_mark,
                )
            continue
        if key in size:
            continue
        if key in open_nodes:
            raise Refused(
                "YAML aliases (*name) outside their own anchor (&name)",
                "an alias inside its own anchor",
                node.start_mark,
            )
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((k, False) for k in _children(node) if id(k) not in size)


def _path_of(root: yaml.Node, target: yaml.Node) -> str:
    """The field path of a node in the tree (``""`` when it is not found)."""
    stack: list[tuple[yaml.Node, str]] = [(root, "")]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                sub = f"{path}.{k.value}" if path else str(k.value)
                if k is target:
                    return sub
                stack.append((v, sub))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(node.value))
    return ""


@dataclass(frozen=True)
class Document:
    """A parsed document: its plain Python data and the node tree it came from."""

    data: Any
    root: yaml.Node | None

    def marks(self) -> dict[str, tuple[int, int]]:
        """Field path → (line, column), 1-based, of every node of the document."""
        marks: dict[str, tuple[int, int]] = {}
        if self.root is None:
            return marks
        stack: list[tuple[yaml.Node, str, int]] = [(self.root, "", 0)]
        while stack:
            node, path, depth = stack.pop()
            marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
            if depth > MAX_DEPTH:
                continue
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    key = str(k.value)
                    sub = f"{path}.{key}" if path else key
                    marks[sub] = (k.start_mark.line + 1, k.start_mark.column + 1)
                    stack.append((v, sub, depth + 1))
            elif isinstance(node, yaml.SequenceNode):
                for i, v in enumerate(node.value):
                    stack.append((v, f"{path}[{i}]", depth + 1))
        return marks


def load(text: str) -> Document:
    """Parse one YAML (or JSON) document; raise :class:`yaml.YAMLError` (marked) if refused."""
    clean = _SAFE_TEXT.match(text)
    if clean is not None and clean.end() < len(text):
        at = clean.end()
        line = text.count("\n", 0, at)
        column = at - (text.rfind("\n", 0, at) + 1)
        raise Refused(
            "text without control characters or lone surrogates",
            _describe_char(text[at]),
            yaml.Mark("case", at, line, column, None, None),  # type: ignore[arg-type]
        )
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            if "nesting depth" in str(exc.problem):  # libyaml's own limit (1,000 levels)
                raise Refused(
                    f"YAML or JSON nested at most {MAX_DEPTH} levels deep",
                    "deeper nesting",
                    exc.problem_mark,
                ) from None
            raise
        if root is None:
            return Document(None, None)
        if loader.alias_count:  # without aliases, composing has checked depth and size
            _check_aliases(root)
        try:
            data = loader.construct_document(root)
        except Refused as exc:
            if exc.node is not None:
                exc.path = _path_of(root, exc.node)
            raise
        return Document(data, root)
    finally:
        loader.dispose()
