"""Safe XML reading: DTDs and entities refused, positions kept, files checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leveltwo.errors import InputError
from leveltwo.io import xmlsafe
from leveltwo.io.xmlsafe import parse_xml, read_bytes, root_tag


def test_each_element_keeps_its_line_and_column() -> None:
    data = (
        b"<utility_space>\n  <objective>\n"
        b'    <issue index="1" name="x"/>\n</objective>\n</utility_space>'
    )
    doc = parse_xml(data, "u.xml")
    objective = doc.root[0]
    issue = objective[0]
    assert (doc.root.tag, objective.tag, issue.get("name")) == ("utility_space", "objective", "x")
    assert doc.positions[doc.root] == (1, 1)
    assert doc.positions[objective] == (2, 3)
    assert doc.positions[issue] == (3, 5)
    problem = doc.problem("objective.issue", "a weight", "none", issue)
    assert (problem.line, problem.column) == (3, 5)
    assert doc.problem("x", "y", "z", None).line is None


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<a>&lol;</a>',
        b"<a>\n\n<!entity x 'y'></a>",
    ],
)
def test_a_dtd_or_entity_is_refused_at_its_line(data: bytes) -> None:
    with pytest.raises(InputError) as err:
        parse_xml(data, "bomb.xml")
    (problem,) = err.value.problems
    assert "refused for safety" in problem.expected
    assert problem.line == data[: data.upper().index(b"<!")].count(b"\n") + 1
    assert err.value.source == "bomb.xml"


def test_a_dtd_the_byte_check_cannot_see_is_refused_by_the_parser() -> None:
    text = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'
    with pytest.raises(InputError) as err:
        parse_xml(text.encode("utf-16"), "wide.xml")
    assert "refused for safety" in err.value.problems[0].expected


def test_malformed_xml_is_located() -> None:
    with pytest.raises(InputError) as err:
        parse_xml(b"<a>\n<b></a>", "bad.xml")
    (problem,) = err.value.problems
    assert problem.expected == "well-formed XML"
    assert problem.line == 2
    assert "mismatched tag" in problem.found


def test_oversized_input_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xmlsafe, "MAX_XML_BYTES", 10)
    with pytest.raises(InputError, match="under 10 bytes"):
        parse_xml(b"<a>" + b" " * 10 + b"</a>", "big.xml")


def test_read_bytes_reports_missing_folders_and_oversized_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(InputError) as err:
        read_bytes(tmp_path / "nope.xml")
    assert err.value.problems[0].found == "no such file"
    with pytest.raises(InputError) as err:
        read_bytes(tmp_path)
    assert err.value.problems[0].found == "a folder"
    f = tmp_path / "f.xml"
    f.write_bytes(b"<a/>")
    assert read_bytes(f) == b"<a/>"
    monkeypatch.setattr(xmlsafe, "MAX_XML_BYTES", 3)
    with pytest.raises(InputError) as err:
        read_bytes(f)
    assert err.value.problems[0].found == "4 bytes"


tags = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)


@given(st.lists(tags, min_size=1, max_size=6))
def test_root_tag_and_nesting_read_back(names: list[str]) -> None:
    data = "".join(f"<{n}>" for n in names) + "".join(f"</{n}>" for n in reversed(names))
    doc = parse_xml(data.encode(), "x.xml")
    assert root_tag(data.encode(), "x.xml") == names[0]
    node, seen = doc.root, [doc.root.tag]
    while len(node):
        node = node[0]
        seen.append(node.tag)
    assert seen == names
    assert len(doc.positions) == len(names)
