"""GENIUS XML: reading with GENIUS's conventions, safe parsing, located errors, import, export.

The harbour domain (tests/io/data/harbour) is invented for these tests: a city
and its police union, three issues, one of them an integer issue. Its golden
utilities are worked out by hand in the comments.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from leveltwo.errors import InputError
from leveltwo.io.genius import read_domain, read_profile
from leveltwo.io.genius_import import parse_roles, slug
from leveltwo.io.interop import import_genius, import_paths
from leveltwo.model.deal import Deal

DATA = Path(__file__).parent / "data"
HARBOUR = DATA / "harbour"
DOMAIN = HARBOUR / "harbour_domain.xml"
CITY = HARBOUR / "city.xml"
UNION = HARBOUR / "union.xml"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.message() for p in exc.value.problems]


# ---------------------------------------------------------------------------
# reading with GENIUS's conventions, golden numbers by hand
def test_domain_issues_options_and_integer_range() -> None:
    d = read_domain(DOMAIN.read_bytes(), str(DOMAIN))
    assert d.name == "Harbour police contract"
    assert [i.name for i in d.issues] == ["Salary raise", "Body cameras", "Shift length"]
    assert d.issues[0].options == ("0%", "2%", "4%", "6%")
    assert d.issues[1].description == "Body-worn cameras"
    assert d.issues[2].options == ("8", "9", "10", "11", "12")
    assert (d.issues[2].lower, d.issues[2].upper) == (8, 12)


def test_discrete_values_are_evaluation_over_the_issue_maximum() -> None:
    d = read_domain(DOMAIN.read_bytes(), str(DOMAIN))
    city = read_profile(CITY.read_bytes(), str(CITY), d)
    # salary: evaluations 10, 8, 5, 1 over a maximum of 10
    assert city.values[0] == pytest.approx((1.0, 0.8, 0.5, 0.1), abs=1e-15)
    # cameras: 2, 6, 8 over 8
    assert city.values[1] == pytest.approx((0.25, 0.75, 1.0), abs=1e-15)
    assert city.weights == (0.5, 0.3, 0.2)
    assert city.reservation == 0.4
    assert city.discount == 1.0


def test_integer_values_are_clamped_linear_from_the_lower_bound() -> None:
    d = read_domain(DOMAIN.read_bytes(), str(DOMAIN))
    city = read_profile(CITY.read_bytes(), str(CITY), d)
    union = read_profile(UNION.read_bytes(), str(UNION), d)
    # city: 0.25 * (x - 8) + 0 for x = 8..12
    assert city.values[2] == pytest.approx((0.0, 0.25, 0.5, 0.75, 1.0), abs=1e-15)
    # union: -0.3 * (x - 8) + 1.2 = 1.2, 0.9, 0.6, 0.3, 0.0, the first clamped to 1
    assert union.values[2] == pytest.approx((1.0, 0.9, 0.6, 0.3, 0.0), abs=1e-12)
    assert union.discount == 0.9


def test_imported_case_gives_hand_computed_utilities() -> None:
    case = import_genius(DOMAIN, [CITY, UNION]).case
    city, union = (s.negotiator.preferences for s in case.sides)
    # deal (4%, pilot, 10 h):
    #   city  = 0.5*0.5 + 0.3*0.75 + 0.2*0.5 = 0.575
    #   union = 0.6*(6/9) + 0.1*(4/5) + 0.3*0.6 = 0.4 + 0.08 + 0.18 = 0.66
    deal = Deal((2, 1, 2))
    assert city.utility(deal) == pytest.approx(0.575, abs=1e-12)
    assert union.utility(deal) == pytest.approx(0.66, abs=1e-12)
    # deal (6%, none, 8 h): city = 0.5*0.1 + 0.3*0.25 + 0 = 0.125; union = 0.6 + 0.1 + 0.3 = 1
    deal = Deal((3, 0, 0))
    assert city.utility(deal) == pytest.approx(0.125, abs=1e-12)
    assert union.utility(deal) == pytest.approx(1.0, abs=1e-12)
    assert [s.negotiator.reservation for s in case.sides] == [0.4, 0.35]


def test_import_names_sides_after_files_and_records_the_discount_factor() -> None:
    result = import_genius(DOMAIN, [CITY, UNION])
    case = result.case
    assert [s.id for s in case.sides] == ["city", "union"]
    assert case.us == "city"
    assert [i.id for i in case.issues] == ["salary_raise", "body_cameras", "shift_length"]
    assert case.issues[1].name == "Body-worn cameras"
    assert any(
        "discount factor 0.9 imported as bargaining.discount.union" in n for n in result.notes
    )
    assert all(not s.constituencies for s in case.sides)
    # GENIUS's <discount_factor> is imported into the bargaining block (1 stays the default)
    assert case.bargaining is not None
    assert case.bargaining.discount("union") == 0.9
    assert case.bargaining.discount("city") == 1.0


def test_import_text_has_a_provenance_header_and_reloads_to_the_same_case() -> None:
    from leveltwo.io.casefile import case_from_text

    result = import_genius(DOMAIN, [CITY, UNION], side_names=["City of Harbour", "police"])
    header = [line for line in result.text.splitlines() if line.startswith("#")]
    assert any(str(DOMAIN) in line for line in header)
    assert any("city.xml -> side 'city_of_harbour'" in line for line in header)
    assert any("discount factor 0.9" in line for line in header)
    reloaded = case_from_text(result.text, "reloaded")
    assert reloaded == result.case
    assert result.case.side("city_of_harbour").name == "City of Harbour"


def test_a_third_profile_can_become_a_ratifying_constituency() -> None:
    result = import_genius(
        DOMAIN, [CITY, UNION, UNION], side_names=["city", "union", "union.members"], us="union"
    )
    case = result.case
    assert case.us == "union"
    members = case.side("union").constituency("members")
    assert members.power.value == "ratify"
    assert members.reservation == 0.35
    assert members.preferences == case.side("union").negotiator.preferences


def test_weights_summing_below_one_keep_geniuss_utilities(tmp_path: Path) -> None:
    text = UNION.read_text().replace('value="0.6"', 'value="0.4"')  # weights 0.4 + 0.1 + 0.3
    profile = write(tmp_path, "union_light.xml", text)
    result = import_genius(DOMAIN, [CITY, profile])
    union = result.case.side("union_light").negotiator.preferences
    # GENIUS: 0.4 * (6/9) + 0.1 * 0.8 + 0.3 * 0.6 = 0.52666...
    assert union.utility(Deal((2, 1, 2))) == pytest.approx(0.4 * 6 / 9 + 0.08 + 0.18, abs=1e-12)
    assert any("sum to 0.8 < 1" in n for n in result.notes)


def test_weights_summing_above_one_are_normalised_with_a_note(tmp_path: Path) -> None:
    text = UNION.read_text().replace('value="0.6"', 'value="1.6"')  # sum 2.0
    profile = write(tmp_path, "union_heavy.xml", text)
    result = import_genius(DOMAIN, [CITY, profile])
    union = result.case.side("union_heavy").negotiator.preferences
    assert union.utility(Deal((2, 1, 2))) == pytest.approx((1.6 * 6 / 9 + 0.08 + 0.18) / 2.0)
    assert any("sum to 2 > 1" in n for n in result.notes)


def test_an_issue_whose_evaluations_are_all_below_geniuss_zero_is_worth_nothing(
    tmp_path: Path,
) -> None:
    text = CITY.read_text()
    for ev in ('"2"', '"6"', '"8"'):
        text = text.replace(f"evaluation={ev}", 'evaluation="0.000001"')
    profile = read_profile(text.encode(), "city0.xml", read_domain(DOMAIN.read_bytes(), "d"))
    assert profile.values[1] == (0.0, 0.0, 0.0)
    assert any("worth 0 for every option" in n for n in profile.notes)


def test_missing_reservation_defaults_to_zero_with_a_note(tmp_path: Path) -> None:
    text = CITY.read_text().replace('  <reservation value="0.4"/>\n', "")
    profile = write(tmp_path, "city_norv.xml", text)
    result = import_genius(DOMAIN, [profile, UNION])
    assert result.case.sides[0].negotiator.reservation == 0.0
    assert any("no <reservation>" in n for n in result.notes)


def test_files_are_recognised_by_their_root_in_any_order() -> None:
    case = import_paths([UNION, DOMAIN, CITY]).case
    assert [s.id for s in case.sides] == ["union", "city"]


def test_a_domain_given_as_a_profile_file_still_lists_the_issues() -> None:
    d = read_domain(CITY.read_bytes(), str(CITY))
    assert [len(i.options) for i in d.issues] == [4, 3, 5]


# ---------------------------------------------------------------------------
# safety
BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<utility_space>&lol2;</utility_space>
"""


def test_entity_expansion_is_refused_before_parsing(tmp_path: Path) -> None:
    bomb = write(tmp_path, "bomb.xml", BOMB)
    with pytest.raises(InputError) as exc:
        import_paths([DOMAIN, bomb, CITY])
    (problem,) = exc.value.problems
    assert "without a DTD" in problem.expected
    assert problem.line == 2
    assert exc.value.source == str(bomb)


def test_a_dtd_the_byte_check_cannot_see_is_refused_by_the_parser() -> None:
    text = BOMB.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    with pytest.raises(InputError) as exc:
        read_domain(text.encode("utf-16"), "bomb16.xml")
    (problem,) = exc.value.problems
    assert "refused for safety" in problem.expected
    assert problem.line == 2


def test_an_entity_declaration_alone_is_refused(tmp_path: Path) -> None:
    text = '<?xml version="1.0"?>\n<utility_space><!ENTITY x "y"></utility_space>'
    with pytest.raises(InputError) as exc:
        read_domain(text.encode(), "x.xml")
    assert "refused for safety" in exc.value.problems[0].expected


def test_malformed_xml_is_located() -> None:
    text = b"<utility_space>\n  <objective>\n  </utility_space>\n"
    with pytest.raises(InputError) as exc:
        read_domain(text, "broken.xml")
    (problem,) = exc.value.problems
    assert problem.expected == "well-formed XML"
    assert problem.found == "mismatched tag"
    assert problem.line == 3


def test_an_undefined_entity_is_an_error_not_an_expansion() -> None:
    with pytest.raises(InputError) as exc:
        read_domain(b"<utility_space>&foo;</utility_space>", "e.xml")
    assert exc.value.problems[0].found == "undefined entity"


# ---------------------------------------------------------------------------
# located problems in domains and profiles
def test_every_profile_problem_is_reported_with_path_and_line(tmp_path: Path) -> None:
    text = (
        CITY.read_text()
        .replace('value="2%" evaluation="8"', 'value="2%" evaluation="lots"')
        .replace('value="6%" evaluation="1"', 'value="6%" evaluation="-1"')
        .replace('    <weight index="2" value="0.3"/>\n', "")
    )
    profile = write(tmp_path, "bad_city.xml", text)
    with pytest.raises(InputError) as exc:
        import_genius(DOMAIN, [profile, UNION])
    found = {p.path: p for p in exc.value.problems}
    lines = text.splitlines()
    lots = found["utility_space/objective[1]/issue[1]/item[2]/@evaluation"]
    assert lots.found == "'lots'"
    assert lots.line is not None
    assert 'evaluation="lots"' in lines[lots.line - 1]
    neg = found["utility_space/objective[1]/issue[1]/item[4]/@evaluation"]
    assert neg.expected == "an evaluation ≥ 0"
    weight = found["utility_space/objective[1]/weight"]
    assert "Body cameras" in weight.expected
    assert exc.value.source == str(profile)


def test_problems_in_two_profiles_are_reported_together(tmp_path: Path) -> None:
    bad_city = write(tmp_path, "c.xml", CITY.read_text().replace('evaluation="8"', ""))
    bad_union = write(tmp_path, "u.xml", UNION.read_text().replace('slope="-0.3"', 'slope="x"'))
    with pytest.raises(InputError) as exc:
        import_genius(DOMAIN, [bad_city, bad_union])
    messages = problems_of(exc)
    assert any(m.startswith(f"{bad_city}: ") and "@evaluation" in m for m in messages)
    assert any(m.startswith(f"{bad_union}: ") and "@slope" in m for m in messages)


def test_an_item_unknown_to_the_domain_is_refused(tmp_path: Path) -> None:
    text = CITY.read_text().replace('value="pilot"', 'value="pilot scheme"')
    with pytest.raises(InputError) as exc:
        read_profile(text.encode(), "c.xml", read_domain(DOMAIN.read_bytes(), "d"))
    found = {p.path: p for p in exc.value.problems}
    assert found["utility_space/objective[1]/issue[2]/item[2]/@value"].found == "'pilot scheme'"


def test_real_issues_and_nested_objectives_are_refused(tmp_path: Path) -> None:
    text = DOMAIN.read_text().replace(
        'etype="integer" type="integer" vtype="integer"', 'etype="real" type="real" vtype="real"'
    )
    with pytest.raises(InputError) as exc:
        read_domain(text.encode(), "real.xml")
    (problem,) = exc.value.problems
    assert problem.path.endswith("issue[3]/@type")
    assert "--discretize N" in problem.expected
    nested = DOMAIN.read_text().replace(
        "</objective>", '<objective index="9" name="sub"></objective></objective>'
    )
    with pytest.raises(InputError) as exc:
        read_domain(nested.encode(), "nested.xml")
    assert "nested objectives are not supported" in exc.value.problems[0].expected


def test_bad_bounds_are_refused_and_duplicate_labels_renamed_with_a_note() -> None:
    bad = DOMAIN.read_text().replace(
        'lowerbound="8" upperbound="12"', 'lowerbound="8" upperbound="5"'
    )
    with pytest.raises(InputError) as exc:
        read_domain(bad.encode(), "bad.xml")
    paths = {p.path for p in exc.value.problems}
    assert "negotiation_template/utility_space[1]/objective[1]/issue[3]/@upperbound" in paths
    dup = read_domain(DOMAIN.read_text().replace('value="4%"', 'value="2%"').encode(), "d.xml")
    assert dup.issues[0].options == ("0%", "2%", "2% (2)", "6%")
    assert any("'2%' appears twice" in n for n in dup.notes)


def test_an_integer_profile_without_evaluator_is_refused(tmp_path: Path) -> None:
    text = CITY.read_text().replace('<evaluator ftype="linear" slope="0.25" offset="0"/>', "")
    with pytest.raises(InputError) as exc:
        read_profile(text.encode(), "c.xml", read_domain(DOMAIN.read_bytes(), "d"))
    assert exc.value.problems[0].path == "utility_space/objective[1]/issue[3]/evaluator"


def test_wrong_root_and_missing_files_are_clear(tmp_path: Path) -> None:
    other = write(tmp_path, "other.xml", "<html/>")
    with pytest.raises(InputError) as exc:
        import_paths([DOMAIN, CITY, other])
    assert exc.value.problems[0].found == "<html>"
    with pytest.raises(InputError) as exc:
        import_paths([DOMAIN, CITY, tmp_path / "missing.xml"])
    assert exc.value.problems[0].found == "no such file"


# ---------------------------------------------------------------------------
# roles and ids
def test_roles_need_two_distinct_sides_and_known_sides_for_constituencies() -> None:
    with pytest.raises(InputError) as exc:
        parse_roles(None, ["a", "b", "c"])
    assert exc.value.problems[0].path == "--side-names"
    with pytest.raises(InputError) as exc:
        parse_roles(["a", "a"], ["x", "y"])
    assert "exactly two distinct sides" in exc.value.problems[0].expected
    with pytest.raises(InputError) as exc:
        parse_roles(["a", "b", "c.members"], ["x", "y", "z"])
    assert exc.value.problems[0].path == "--side-names[2]"
    with pytest.raises(InputError) as exc:
        parse_roles(["a", "b"], ["x", "y", "z"])
    assert exc.value.problems[0].expected == "3 names, one per profile"


@pytest.mark.parametrize("entry", ["a.negotiator", "a.members.senior", "a.", "a.1x", ".members"])
def test_a_constituency_role_must_be_side_dot_constituency(entry: str) -> None:
    with pytest.raises(InputError) as exc:
        parse_roles(["a", "b", entry], ["x", "y", "z"])
    (problem,) = exc.value.problems
    assert problem.path == "--side-names[2]"
    assert problem.expected.startswith("SIDE.CONSTITUENCY")
    assert problem.found == repr(entry)


def test_a_constituency_role_keys_its_profile() -> None:
    roles = parse_roles(["a", "b", "a.members"], ["x", "y", "z"])
    assert [r.key for r in roles] == ["a.negotiator", "b.negotiator", "a.members"]


def test_slug_keeps_ids_and_makes_names_into_ids() -> None:
    assert slug("pay", "issue") == "pay"
    assert slug("Pay increase (3 yrs)", "issue") == "pay_increase_3_yrs"
    assert slug("Prämie", "issue") == "pramie"
    assert slug("2nd round", "issue") == "issue_2nd_round"
    assert slug("€", "issue") == "issue"


def test_us_must_name_a_side() -> None:
    with pytest.raises(InputError) as exc:
        import_genius(DOMAIN, [CITY, UNION], us="mayor")
    assert exc.value.problems[0].path == "--us"


# ---------------------------------------------------------------------------
# export: what GENIUS and NegMAS compute from the files
def genius_and_raw_utilities(profile: str, choices: tuple[int, ...]) -> tuple[float, float]:
    """Σ w · e / max e (GENIUS) and Σ w · e (NegMAS's raw numbers), read with ElementTree."""
    root = ET.fromstring(profile)
    objective = root.find("objective")
    assert objective is not None
    weights = {
        int(w.get("index", "0")): float(w.get("value", "0")) for w in objective.iter("weight")
    }
    genius = raw = 0.0
    for issue, c in zip(objective.iter("issue"), choices, strict=True):
        evals = [float(i.get("evaluation", "0")) for i in issue.iter("item")]
        w = weights[int(issue.get("index", "0"))]
        genius += w * evals[c] / max(evals) if max(evals) >= 1e-5 else 0.0
        raw += w * evals[c]
    return genius, raw


def test_export_keeps_every_utility_in_genius_and_in_negmas() -> None:
    from leveltwo.io.casefile import load_case
    from leveltwo.io.genius_export import Format, export_texts

    case = load_case("labour-contract")
    files, _ = export_texts(case, Format.GENIUS)
    for side in case.sides:
        text = files[f"{side.id}.xml"]
        for index in range(0, case.size, 7):
            deal = case.deal_from_index(index)
            genius, raw = genius_and_raw_utilities(text, deal.choices)
            u = side.negotiator.preferences.utility(deal)
            assert genius == pytest.approx(u, abs=1e-12)
            assert raw == pytest.approx(u, abs=1e-12)


def test_a_domain_alone_or_no_files_at_all_is_a_clear_problem() -> None:
    with pytest.raises(InputError) as exc:
        import_paths([DOMAIN])
    assert exc.value.problems[0].expected == "profile files next to the domain"
    with pytest.raises(InputError) as exc:
        import_paths([])
    assert exc.value.problems[0].found == "no files"
