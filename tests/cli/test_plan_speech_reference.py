"""A speech reference left at its default is named in the plan's human output and report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

#: The ``invoke`` fixture of tests/cli/conftest.py (a module named conftest is not importable
#: reliably: each test directory has one).
Invoke = Callable[..., Result]

NOTE = "assumes their opening is their negotiator's best deal"


def test_the_default_their_opening_is_named_in_plan_and_report(
    invoke: Invoke, tmp_path: Path
) -> None:
    # trade-agreement sets no `their_opening`, and its plan prepares our own speech
    human = invoke("plan", "trade-agreement")
    assert human.exit_code == 0, human.output
    assert NOTE in " ".join(human.stdout.split())
    assert "`their_opening`" in human.stdout
    out = tmp_path / "report.html"
    report = invoke("report", "trade-agreement", "-o", str(out))
    assert report.exit_code == 0, report.output
    html = out.read_text(encoding="utf-8").replace("&#39;", "'")
    assert NOTE in html
    assert "set `their_opening`" in html


def test_a_set_their_opening_is_no_assumption(invoke: Invoke, tmp_path: Path) -> None:
    import leveltwo
    from leveltwo.io.bundled import bundled_path
    from leveltwo.io.casewriter import write_case

    source = bundled_path("trade-agreement")
    assert source is not None
    text = source.read_text(encoding="utf-8")
    case = leveltwo.load_case("trade-agreement")
    labels = case.deal_labels(case.their_opening_deal())
    body = "".join(f"  {k}: {v!r}\n" for k, v in labels.items())
    path = tmp_path / "with-opening.yaml"
    path.write_text(text + "their_opening:\n" + body, encoding="utf-8")
    assert write_case(leveltwo.load_case(str(path)), path.read_text()).count("their_opening") == 1
    human = invoke("plan", str(path))
    assert human.exit_code == 0, human.output
    assert NOTE not in " ".join(human.stdout.split())
