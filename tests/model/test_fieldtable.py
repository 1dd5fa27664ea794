"""The field tables of the docs are generated from the declarations that validate the
fields (leveltwo.model.fieldtable), and every field is described where it is declared."""

from __future__ import annotations

import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, Field, create_model

from leveltwo.model import fieldtable, schema
from leveltwo.model.fielddoc import Doc

ROOT = Path(__file__).resolve().parents[2]
#: The pages with generated tables.
PAGES = ("case-format.md", "strategies.md")


def _models(tp: Any, seen: dict[type[BaseModel], None]) -> None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp not in seen:
            seen[tp] = None
            for info in tp.model_fields.values():
                _models(info.annotation, seen)
        return
    for arg in typing.get_args(tp):
        _models(arg, seen)


def schema_models() -> list[type[BaseModel]]:
    """Every model of the case-file schema: CaseFile and each block it holds, at any depth."""
    seen: dict[type[BaseModel], None] = {}
    _models(schema.CaseFile, seen)
    return list(seen)


def model_fields() -> Iterator[tuple[str, str, Any]]:
    for model in schema_models():
        for name, info in model.model_fields.items():
            yield model.__name__, name, info


# ---------------------------------------------------------------------------
# every field described once, where it is declared
def test_the_schema_has_its_blocks() -> None:
    names = {m.__name__ for m in schema_models()}
    assert {"CaseFile", "BlocFile", "Level2File", "BargainingFile", "MoneyFile"} <= names
    assert len(names) >= 20


@pytest.mark.parametrize(
    ("model", "name", "info"), list(model_fields()), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_field_of_every_schema_model_has_a_description(
    model: str, name: str, info: Any
) -> None:
    assert (info.description or "").strip(), f"{model}.{name} has no description"


def _properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            yield f"{path}.{key}", value
        for key, value in node.items():
            yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{path}[{i}]")


def test_the_json_schema_describes_every_property() -> None:
    found = list(_properties(schema.case_json_schema()))
    assert len(found) > 100
    missing = [p for p, prop in found if not prop.get("description")]
    assert not missing


def test_every_block_of_the_schema_has_a_table() -> None:
    tabled = {b.model for b in fieldtable.BLOCKS.values()}
    assert set(schema_models()) == tabled


# ---------------------------------------------------------------------------
# the generated blocks of the docs are current
@pytest.mark.parametrize("page", PAGES)
def test_the_generated_tables_of_the_page_are_current(page: str) -> None:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert list(fieldtable.blocks(text)), f"docs/{page} has no generated table"
    stale = [name for name, body in fieldtable.blocks(text) if body != fieldtable.render(name)]
    assert not stale, (
        f"stale tables {stale} in docs/{page}: run "
        "python -m leveltwo.model.fieldtable --write docs/case-format.md docs/strategies.md"
    )
    assert fieldtable.regenerate(text) == text


def test_every_table_is_in_the_docs() -> None:
    used = {
        name
        for page in PAGES
        for name, _ in fieldtable.blocks((ROOT / "docs" / page).read_text(encoding="utf-8"))
    }
    assert used == set(fieldtable.TABLES)


def test_the_case_format_page_has_no_hand_written_field_table() -> None:
    """Every table of docs/case-format.md that lists fields is a generated one."""
    text = (ROOT / "docs" / "case-format.md").read_text(encoding="utf-8")
    inside = "".join(body for _, body in fieldtable.blocks(text))
    headers = [line for line in text.splitlines() if line.startswith("| field |")]
    assert headers
    assert all(h + "\n" in inside for h in headers)
    assert text.count("| field |") == inside.count("| field |")


STALE_PAGE = (
    "Intro.\n\n"
    "<!-- generated: leveltwo.model.fieldtable range -->\n"
    "| field | type | default | meaning and constraints |\n"
    "|---|---|---|---|\n"
    "| `start` | number | **required** | An old description. |\n"
    "<!-- end generated -->\n\n"
    "After.\n"
)


def test_a_stale_block_is_found_and_rewritten_and_the_prose_kept() -> None:
    [(name, body)] = list(fieldtable.blocks(STALE_PAGE))
    assert name == "range"
    assert body != fieldtable.render("range")
    new = fieldtable.regenerate(STALE_PAGE)
    assert new.startswith("Intro.\n\n<!-- generated: leveltwo.model.fieldtable range -->\n")
    assert new.endswith("<!-- end generated -->\n\nAfter.\n")
    assert "| `step` | number > 0 | **required** |" in new
    assert fieldtable.regenerate(new) == new


def test_an_unknown_table_or_an_unclosed_block_is_an_error() -> None:
    with pytest.raises(KeyError, match="no generated table 'nope'"):
        fieldtable.regenerate(STALE_PAGE.replace(" range ", " nope "))
    with pytest.raises(ValueError, match="end with"):
        fieldtable.regenerate(STALE_PAGE.replace("<!-- end generated -->", ""))


def test_the_command_checks_and_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.md"
    page.write_text(STALE_PAGE, encoding="utf-8")
    assert fieldtable.main(["--check", str(page)]) == 1
    assert "stale" in capsys.readouterr().err
    assert page.read_text(encoding="utf-8") == STALE_PAGE
    assert fieldtable.main(["--write", str(page)]) == 0
    assert fieldtable.main(["--check", str(page)]) == 0
    assert page.read_text(encoding="utf-8") == fieldtable.regenerate(STALE_PAGE)
    assert fieldtable.main([]) == 2


# ---------------------------------------------------------------------------
# a table says what the declaration says
@pytest.mark.parametrize("name", sorted(fieldtable.BLOCKS))
def test_a_row_per_field_required_exactly_when_the_declaration_requires_it(name: str) -> None:
    model = fieldtable.BLOCKS[name].model
    rows = {r[0]: r for r in fieldtable.field_rows(model)}
    for field, info in model.model_fields.items():
        if fieldtable._is_level2(model, field):
            assert field in rows["Level II fields"][3]
            continue
        row = rows[f"`{field}`"]
        assert (row[2] == "**required**") == info.is_required(), field
        assert row[3] == info.description


def test_the_words_come_from_the_annotations() -> None:
    rows = {r[0]: r for r in fieldtable.field_rows(schema.ConstituencyFile)}
    assert rows["`quota`"][1:3] == ("number in (0, 1]", "`0.5`")
    assert rows["`power`"][1:3] == ("`ratify`, `block` or `influence`", "`ratify`")
    assert rows["`weights`"][1] == "mapping issue id → number ≥ 0"
    assert rows["`blocs`"][1] == "list of [blocs](#blocs-and-inheritance)"
    bloc = {r[0]: r for r in fieldtable.field_rows(schema.BlocFile)}
    assert bloc["`values`"][2] == "inherited issue by issue"
    assert bloc["`reservation`"][2] == "inherited"
    assert bloc["Level II fields"][2] == "inherited"


class _Sample(BaseModel):
    count: int = 3
    share: typing.Annotated[float, Doc(absent="half")] = 0.5
    keys: list[typing.Annotated[str, Doc("stakeholder key")]]
    flag: bool = False


def test_a_new_declaration_renders_without_a_table_of_its_own() -> None:
    """Types, bounds and the Doc words, from any model: nothing is listed per field."""
    rows = fieldtable.field_rows(_Sample)
    assert [r[:3] for r in rows] == [
        ("`count`", "integer", "`3`"),
        ("`share`", "number", "half"),
        ("`keys`", "list of stakeholder keys", "**required**"),
        ("`flag`", "boolean", "`false`"),
    ]


def test_a_cell_with_a_bar_is_escaped() -> None:
    table = fieldtable.markdown_table(("a", "b"), [("x | y", "z")])
    assert table == "| a | b |\n|---|---|\n| x \\| y | z |\n"


def test_loading_a_case_does_not_import_the_generator() -> None:
    code = (
        "import sys, leveltwo\n"
        "leveltwo.load_case('docs/examples/pilots.yaml')\n"
        "from leveltwo.model.schema import case_json_schema\n"
        "case_json_schema()\n"
        "print('leveltwo.model.fieldtable' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


bound = st.integers(min_value=-1000, max_value=1000)


@given(low=bound, high=bound, strict=st.booleans(), whole=st.booleans())
def test_bounds_are_shown_as_declared(low: int, high: int, strict: bool, whole: bool) -> None:
    low, high = min(low, high), max(low, high) + 1
    kind: type = int if whole else float
    lower = {"gt": low} if strict else {"ge": low}
    model = create_model("Sample", x=(kind, Field(le=high, **lower)))  # type: ignore[call-overload]
    [(_, words, default, _)] = fieldtable.field_rows(model)
    assert default == "**required**"
    shown = [fieldtable._number(low), fieldtable._number(high)]
    if whole:
        assert words == f"integer {shown[0]} … {shown[1]}"
    else:
        assert words == f"number in {'(' if strict else '['}{shown[0]}, {shown[1]}]"
