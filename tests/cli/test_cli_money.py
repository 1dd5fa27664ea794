"""Money beside utility, and one word and one sign for costs on every surface."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from leveltwo.engine.diagnosis import diagnose
from leveltwo.io.bundled import bundled_path
from leveltwo.io.casefile import load_case
from leveltwo.io.report import render_report
from leveltwo.model.money import Money
from leveltwo.narrative.numbers import cost, in_money


def test_cost_has_one_sign_and_its_money_beside_it() -> None:
    assert cost(0.077) == "0.077"
    assert cost(-0.046) == "-0.046"
    assert cost(-0.0001) == "0.000"  # never "-0.000"
    assert cost(0.077, Money("EUR", 12e6)) == "0.077 (924,000 EUR)"
    assert cost(-0.05, Money("$", 2e5)) == "-0.050 (-$10,000)"
    assert in_money(0.25, Money("€", 4e6)) == "€1,000,000"
    assert in_money(0.25, None) == ""


@pytest.fixture
def labour_with_money(tmp_path: Path) -> Path:
    path = bundled_path("labour-contract")
    assert path is not None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["money"] = {"currency": "USD", "per_utility": 40e6}
    out = tmp_path / "labour.yaml"
    out.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return out


def test_analyze_writes_costs_to_us_in_money(invoke, labour_with_money: Path) -> None:
    out = invoke("analyze", str(labour_with_money)).stdout
    case = load_case(str(labour_with_money))
    fix = next(b for b in diagnose(case).blockers if b.binding and b.fixes).fixes[0]
    money = f"{abs(fix.cost_to_us) * 40e6:,.0f} USD"
    assert f"cost to us {fix.cost_to_us:.3f} (" in out
    assert money in out
    flat = " ".join(out.split())
    assert "Cost to us: our utility given up (negative: gained), and its worth in USD." in flat
    assert not re.search(r"gain \d", out)


def test_plan_writes_costs_to_us_with_one_sign(invoke, labour_with_money: Path) -> None:
    out = invoke("plan", str(labour_with_money), "--wide").stdout
    assert "Cost to us" in out
    assert not re.search(r"gain \d", out)
    assert re.search(r"-0\.\d{3} \(-[\d,]+ USD\)", out)  # a term that gains us utility
    plain = invoke("plan", "labour-contract", "--wide").stdout
    assert " USD" not in plain


def test_the_report_names_the_cost_column_and_its_money(labour_with_money: Path) -> None:
    html = render_report(load_case(str(labour_with_money)))
    assert '<th class="n">Cost to us</th>' in html
    assert "and its worth in USD" in html
    assert re.search(r"-0\.\d{3} \(-[\d,]+ USD\)", html)
    assert "Side ×</strong>: what a stakeholder multiplies" in html
