"""One load parses the text once, validates it once and builds once (issue 7)."""

from __future__ import annotations

from typing import Any

import pytest

from leveltwo.io import casefile, checked, yamlsafe
from leveltwo.io.casefile import read_case_text
from leveltwo.model import build
from leveltwo.model.schema import CaseFile


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    seen = {"parse": 0, "validate": 0, "build": 0}
    parse, validate, make = yamlsafe.load, CaseFile.model_validate, build.case_from_file

    def counted_parse(*args: Any, **kw: Any) -> Any:
        seen["parse"] += 1
        return parse(*args, **kw)

    def counted_validate(*args: Any, **kw: Any) -> Any:
        seen["validate"] += 1
        return validate(*args, **kw)

    def counted_build(*args: Any, **kw: Any) -> Any:
        seen["build"] += 1
        return make(*args, **kw)

    monkeypatch.setattr(yamlsafe, "load", counted_parse)
    monkeypatch.setattr(CaseFile, "model_validate", counted_validate)
    monkeypatch.setattr(casefile, "case_from_file", counted_build)
    monkeypatch.setattr(build, "case_from_file", counted_build)
    return seen


@pytest.mark.parametrize("name", ["labour-contract", "trade-agreement"])
def test_a_case_with_its_warnings_is_parsed_validated_and_built_once(
    counts: dict[str, int], name: str
) -> None:
    text, source = read_case_text(name)
    case, _ = checked.checked_case_from_text(text, source)
    assert case.title
    assert counts == {"parse": 1, "validate": 1, "build": 1}


def test_build_case_validates_once(counts: dict[str, int]) -> None:
    text, source = read_case_text("labour-contract")
    data = casefile.parse_text(text, source)
    counts["parse"] = 0
    build.build_case(data, source)
    assert counts == {"parse": 0, "validate": 1, "build": 1}


def test_a_bad_file_is_validated_once_and_not_built(counts: dict[str, int]) -> None:
    text, source = read_case_text("labour-contract")
    bad = text.replace("leveltwo: 1", "leveltwo: 2", 1)
    assert bad != text
    with pytest.raises(casefile.CaseError) as err:
        checked.checked_case_from_text(bad, source)
    assert err.value.problems[0].path == "leveltwo"
    assert err.value.problems[0].line is not None  # located from the one parse
    assert counts == {"parse": 1, "validate": 1, "build": 0}
