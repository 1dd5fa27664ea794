"""`leveltwo report`: writes one HTML file (or stdout), equal to the library's; bad input."""

from __future__ import annotations

import json

import pytest

from leveltwo.io.casefile import load_case
from leveltwo.io.report import render_report
from leveltwo.model.dealargs import parse_deal_args


def test_report_to_stdout_equals_the_library(invoke):
    result = invoke("report", "labour-contract")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == render_report(load_case("labour-contract"))
    assert result.stdout.startswith("<!DOCTYPE html>")


def test_report_to_a_file(invoke, tmp_path):
    out = tmp_path / "nurses.html"
    result = invoke("report", "labour-contract", "-d", "wages=15%", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"wrote {out}" in result.stdout
    case = load_case("labour-contract")
    deal = parse_deal_args(case, ["wages=15%"], base=case.proposal)
    assert out.read_text(encoding="utf-8") == render_report(case, deal)
    # an existing report is replaced
    again = invoke("report", "labour-contract", "-o", str(out))
    assert again.exit_code == 0
    assert out.read_text(encoding="utf-8") == render_report(case)


def test_report_json_summary(invoke, tmp_path):
    out = tmp_path / "r.html"
    result = invoke("report", "trade-agreement", "-o", str(out), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == {"output": str(out), "bytes": len(out.read_bytes())}


def test_report_side_and_no_plan(invoke):
    result = invoke("report", "labour-contract", "--side", "hospital", "--no-plan")
    assert result.exit_code == 0, result.stderr
    assert "Victory speech for Eastbrook Health (management)" in result.stdout
    assert "The plan was left out of this report." in result.stdout


def test_report_to_a_pdf_name_writes_a_pdf(invoke, tmp_path):
    pytest.importorskip("weasyprint")
    out = tmp_path / "r.pdf"
    result = invoke("report", "labour-contract", "-o", str(out), "--confidential", "Team only")
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")


def test_report_bad_deal_and_unknown_case(invoke):
    bad = invoke("report", "labour-contract", "--deal", "wages=99%")
    assert bad.exit_code == 2
    assert "wages" in bad.stderr
    missing = invoke("report", "no-such-case")
    assert missing.exit_code == 2
    assert "no-such-case" in missing.stderr
