"""What GENIUS accepts, leveltwo reads (each leniency with a note), and the two conventions.

Every file here is written by the tests in GENIUS's format; the "trip" profile is
made up in the shape of ANAC's JapanTrip profiles (weights summing to more than 1).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from leveltwo.errors import InputError
from leveltwo.io.genius import Convention, read_domain
from leveltwo.io.interop import Options, import_paths
from leveltwo.model.deal import Deal

HARBOUR = Path(__file__).parent / "data" / "harbour"
DOMAIN = HARBOUR / "harbour_domain.xml"
CITY = HARBOUR / "city.xml"
UNION = HARBOUR / "union.xml"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_discount_factor_of_zero_or_less_is_read_as_one(tmp_path: Path) -> None:
    text = UNION.read_text().replace(
        '<discount_factor value="0.9"/>', '<discount_factor value="0"/>'
    )
    union = write(tmp_path, "union.xml", text)
    result = import_paths([DOMAIN, CITY, union])
    assert any("discount factor 0 read as 1" in n for n in result.notes)


def test_a_profile_without_objective_reads_the_issues_under_its_root(tmp_path: Path) -> None:
    text = CITY.read_text()
    start = text.index("<objective")
    flat = text[:start] + text[text.index(">", start) + 1 :].replace("</objective>", "", 1)
    city = write(tmp_path, "city.xml", flat)
    plain = import_paths([DOMAIN, CITY, UNION]).case
    result = import_paths([DOMAIN, city, UNION])
    assert result.case.sides[0].negotiator == plain.sides[0].negotiator
    assert any("no <objective> element" in n for n in result.notes)


def test_integer_bounds_in_a_range_child_are_read_with_a_note(tmp_path: Path) -> None:
    text = DOMAIN.read_text().replace(
        'lowerbound="8" upperbound="12"/>', '><range lowerbound="8" upperbound="12"/></issue>'
    )
    domain = write(tmp_path, "d.xml", text)
    result = import_paths([domain, CITY, UNION])
    assert result.case.issues[2].options == ("8", "9", "10", "11", "12")
    assert any("bounds read from its <range>" in n for n in result.notes)


def test_a_duplicate_label_is_renamed_in_domain_and_profiles(tmp_path: Path) -> None:
    domain = write(tmp_path, "d.xml", DOMAIN.read_text().replace('value="4%"', 'value="2%"'))
    city = write(tmp_path, "city.xml", CITY.read_text().replace('value="4%"', 'value="2%"'))
    union = write(tmp_path, "union.xml", UNION.read_text().replace('value="4%"', 'value="2%"'))
    plain = import_paths([DOMAIN, CITY, UNION]).case
    result = import_paths([domain, city, union])
    assert result.case.issues[0].options == ("0%", "2%", "2% (2)", "6%")
    # the renamed option keeps the evaluation the file gave it
    assert result.case.sides[0].negotiator.preferences == plain.sides[0].negotiator.preferences
    assert any("appears twice" in n for n in result.notes)


REAL_DOMAIN = """<negotiation_template><utility_space>
<objective index="0" name="energy">
  <issue index="1" name="price" type="real"><range lowerbound="0" upperbound="10"/></issue>
  <issue index="2" name="green" type="discrete">
    <item index="1" value="no"/><item index="2" value="yes"/></issue>
</objective></utility_space></negotiation_template>"""
REAL_PROFILE = """<utility_space><objective index="0" name="energy">
  <issue index="1" name="price" type="real">
    <evaluator ftype="linear" slope="-0.1" offset="1"/></issue>
  <issue index="2" name="green" type="discrete">
    <item index="1" value="no" evaluation="1"/><item index="2" value="yes" evaluation="3"/></issue>
  <weight index="1" value="0.5"/><weight index="2" value="0.5"/>
</objective><reservation value="0.2"/></utility_space>"""


def test_real_issues_need_discretize_and_then_read_n_points(tmp_path: Path) -> None:
    domain = write(tmp_path, "energy.xml", REAL_DOMAIN)
    a = write(tmp_path, "a.xml", REAL_PROFILE)
    b = write(
        tmp_path, "b.xml", REAL_PROFILE.replace('slope="-0.1" offset="1"', 'slope="0.1" offset="0"')
    )
    with pytest.raises(InputError) as exc:
        import_paths([domain, a, b])
    assert "--discretize N" in exc.value.problems[0].expected
    case = import_paths([domain, a, b], options=Options(discretize=6)).case
    assert case.issues[0].options == ("0", "2", "4", "6", "8", "10")
    # a: price worth 1 - 0.1x, so at x = 4 it is 0.6; green yes worth 3/3 = 1
    deal = case.deal_from_index(2 * 2 + 1)
    assert case.sides[0].negotiator.preferences.utility(deal) == pytest.approx(0.5 * 0.6 + 0.5)


@pytest.mark.parametrize(
    "marker",
    [
        '<utility_space type="nonlinear">',
        '<utility_space><utility_function><ufun type="PlainUfun"/></utility_function>',
        "<utility_space><rConstraint/>",
    ],
)
def test_non_linear_and_constraint_spaces_get_one_clear_error(tmp_path: Path, marker: str) -> None:
    text = CITY.read_text().replace("<utility_space>", marker, 1)
    city = write(tmp_path, "city.xml", text)
    with pytest.raises(InputError) as exc:
        import_paths([DOMAIN, city, UNION])
    (problem,) = exc.value.problems
    assert "non-linear / constraint utility spaces are not supported" in problem.expected


def test_a_yaml_file_is_not_called_malformed_xml(tmp_path: Path) -> None:
    stray = write(tmp_path, "domain.yml", "issues: []\n")
    with pytest.raises(InputError) as exc:
        import_paths([stray, CITY])
    found = exc.value.problems[0].found
    assert "YAML" in found
    assert "XML" not in found.replace("NegMAS YAML", "")


# ---------------------------------------------------------------------------
# weights summing to more than 1: GENIUS's win-set exactly
TRIP_DOMAIN = """<negotiation_template><utility_space><objective index="0" name="trip">
  <issue index="1" name="city" type="discrete">
    <item index="1" value="Kyoto"/><item index="2" value="Osaka"/>
    <item index="3" value="Nara"/></issue>
  <issue index="2" name="days" type="discrete">
    <item index="1" value="3"/><item index="2" value="5"/>
    <item index="3" value="7"/><item index="4" value="9"/></issue>
  <issue index="3" name="hotel" type="discrete">
    <item index="1" value="ryokan"/><item index="2" value="chain"/></issue>
</objective></utility_space></negotiation_template>"""
TRIP_EVALS = {"city": [9, 4, 6], "days": [2, 8, 10, 5], "hotel": [7, 3]}
TRIP_WEIGHTS = [0.6, 0.5, 0.4]  # sum 1.5, as in some ANAC profiles
TRIP_RESERVATION = 0.8


def _trip_profile(weights: list[float], evals: dict[str, list[int]], reservation: float) -> str:
    labels = {
        "city": ["Kyoto", "Osaka", "Nara"],
        "days": ["3", "5", "7", "9"],
        "hotel": ["ryokan", "chain"],
    }
    parts = ['<utility_space><objective index="0" name="trip">']
    for k, issue in enumerate(labels, start=1):
        items = "".join(
            f'<item index="{j}" value="{v}" evaluation="{e}"/>'
            for j, (v, e) in enumerate(zip(labels[issue], evals[issue], strict=True), start=1)
        )
        parts.append(f'<issue index="{k}" name="{issue}" type="discrete">{items}</issue>')
    parts += [f'<weight index="{k}" value="{w}"/>' for k, w in enumerate(weights, start=1)]
    parts.append(f'</objective><reservation value="{reservation}"/></utility_space>')
    return "".join(parts)


def _genius_accepts(
    weights: list[float], evals: dict[str, list[int]], r: float
) -> set[tuple[int, ...]]:
    """GENIUS's rule, written out: min(1, Σ w · e / max e) ≥ r."""
    tables = [[e / max(v) for e in v] for v in evals.values()]
    out = set()
    for deal in itertools.product(*(range(len(t)) for t in tables)):
        u = min(1.0, sum(w * t[c] for w, t, c in zip(weights, tables, deal, strict=True)))
        if u >= r:
            out.add(deal)
    return out


def test_weights_above_one_keep_geniuss_acceptable_deals(tmp_path: Path) -> None:
    domain = write(tmp_path, "trip.xml", TRIP_DOMAIN)
    a = write(tmp_path, "a.xml", _trip_profile(TRIP_WEIGHTS, TRIP_EVALS, TRIP_RESERVATION))
    b = write(tmp_path, "b.xml", _trip_profile([1, 1, 1], TRIP_EVALS, 0.5))
    result = import_paths([domain, a, b])
    neg = result.case.sides[0].negotiator
    ours = {
        d.choices
        for d in (result.case.deal_from_index(k) for k in range(result.case.size))
        if neg.preferences.utility(d) >= neg.reservation - 1e-12
    }
    expected = _genius_accepts(TRIP_WEIGHTS, TRIP_EVALS, TRIP_RESERVATION)
    assert 0 < len(expected) < result.case.size
    assert ours == expected
    assert neg.reservation == pytest.approx(TRIP_RESERVATION / 1.5)
    assert any("weights sum to 1.5 > 1" in n for n in result.notes)


def test_the_convention_is_named_in_the_notes_and_negmas_reads_numbers_as_written(
    tmp_path: Path,
) -> None:
    genius = import_paths([DOMAIN, CITY, UNION])
    assert any(n.startswith("convention: genius (the default)") for n in genius.notes)
    negmas = import_paths([DOMAIN, CITY, UNION], options=Options(Convention.NEGMAS))
    assert any(n.startswith("convention: negmas") for n in negmas.notes)
    # city: 0.5·e1 + 0.3·e2 + 0.2·0.25·x as written (x the shift length), every term
    # positive; its best deal (0%, all patrols, 12) is worth 0.5·10 + 0.3·8 + 0.2·3 = 8,
    # so utilities (and the reservation 0.4) are divided by 8
    city = negmas.case.sides[0].negotiator
    best = negmas.case.deal_from_index(0 * 15 + 2 * 5 + 4)
    assert city.preferences.utility(best) == pytest.approx(1.0)
    mid = negmas.case.deal_from_index(1 * 15 + 1 * 5 + 2)  # 2%, pilot, 10
    assert city.preferences.utility(mid) == pytest.approx((0.5 * 8 + 0.3 * 6 + 0.2 * 2.5) / 8)
    assert city.reservation == pytest.approx(0.4 / 8)
    # union: 1.2 - 0.3·x is negative for every shift length: mapped affinely onto [0, 1]
    # from its worst deal (0%, all patrols, 12) to its best (6%, none, 8)
    union = negmas.case.sides[1].negotiator
    lo = 0.6 * 0 + 0.1 * 1 + 0.3 * (1.2 - 0.3 * 12)
    hi = 0.6 * 9 + 0.1 * 5 + 0.3 * (1.2 - 0.3 * 8)
    assert union.reservation == pytest.approx((0.35 - lo) / (hi - lo))
    assert any("rescaled to [0, 1]" in n and "union" in n for n in negmas.notes)


def test_negmas_convention_matches_negmas_on_the_harbour_domain() -> None:
    nm = pytest.importorskip("negmas")
    scenario = nm.Scenario.load(HARBOUR)
    case = import_paths([DOMAIN, CITY, UNION], options=Options(Convention.NEGMAS)).case
    outcomes = list(scenario.outcome_space.enumerate_or_sample())
    for side, ufun in zip(case.sides, scenario.ufuns, strict=True):
        theirs = [float(ufun(o)) for o in outcomes]
        ours = []
        for o in outcomes:  # outcomes in the same issue order; labels as leveltwo writes them
            labels = [str(v) for v in o]
            choices = tuple(i.options.index(x) for i, x in zip(case.issues, labels, strict=True))
            ours.append(side.negotiator.preferences.utility(Deal(choices)))
        # ours = (theirs - a) / b for one a and b > 0, the reservation likewise
        lo, hi = min(theirs), max(theirs)
        b = (hi - lo) / (max(ours) - min(ours))
        a = lo - b * min(ours)
        assert ours == pytest.approx([(x - a) / b for x in theirs], abs=1e-9)
        assert side.negotiator.reservation == pytest.approx(
            (float(getattr(ufun, "ufun", ufun).reserved_value) - a) / b, abs=1e-9
        )


def test_real_issue_domain_reads_as_read_domain() -> None:
    with pytest.raises(InputError):
        read_domain(REAL_DOMAIN.encode(), "energy.xml")
    assert read_domain(REAL_DOMAIN.encode(), "energy.xml", discretize=3).issues[0].options == (
        "0",
        "5",
        "10",
    )
