"""A Doc marker says something to the docs and nothing to pydantic: validation and the
JSON Schema are those of the same declaration without it."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import BaseModel, Field, ValidationError

from leveltwo.model import fielddoc, schema
from leveltwo.model.fielddoc import NAME, Doc, IssueId, OptionText, absent


class Marked(BaseModel):
    name: Annotated[str | None, NAME] = Field(default=None, description="Display name.")
    deal: dict[IssueId, OptionText] = Field(default_factory=dict)
    share: Annotated[float, Field(gt=0), absent("half")] = 0.5


class Plain(BaseModel):
    name: str | None = Field(default=None, description="Display name.")
    deal: dict[str, str | int | float] = Field(default_factory=dict)
    share: Annotated[float, Field(gt=0)] = 0.5


def _renamed(schema_: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in schema_.items() if k != "title"}


def test_the_markers_leave_the_json_schema_as_it_is() -> None:
    assert _renamed(Marked.model_json_schema()) == _renamed(Plain.model_json_schema())


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": "A", "deal": {"pay": "8%", "jobs": 200}, "share": 2},
        {"deal": {"pay": None}},
        {"share": 0},
        {"name": 3},
    ],
)
def test_the_markers_leave_validation_as_it_is(data: dict[str, object]) -> None:
    def outcome(model: type[BaseModel]) -> object:
        try:
            return model.model_validate(data).model_dump()
        except ValidationError as e:
            return [(err["loc"], err["type"]) for err in e.errors()]

    assert outcome(Marked) == outcome(Plain)


def test_a_marker_is_kept_where_the_docs_read_it() -> None:
    info = schema.IssueFile.model_fields["name"]
    assert NAME in info.metadata
    assert NAME.absent == "the id"
    assert NAME.words == ""
    assert fielddoc.ISSUE.words == "issue id"
    assert repr(Doc("option")) == "Doc(words='option', absent='')"
