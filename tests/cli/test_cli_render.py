"""Human output is width-safe, colourless off a terminal, literal; JSON is deterministic."""

from __future__ import annotations

import pytest

from leveltwo.cli.render import pct, share_pct

HUMAN = [
    ("analyze", "labour-contract"),
    ("winsets", "labour-contract"),
    ("analyze", "cross-border-acquisition"),
    ("cases",),
    ("demo",),
]


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize("args", HUMAN, ids=[" ".join(a) for a in HUMAN])
def test_human_output_fits_the_terminal_width(invoke, args, width):
    result = invoke(*args, env={"COLUMNS": str(width)})
    assert result.exit_code in (0, 1), result.stderr
    too_long = [line for line in result.stdout.splitlines() if len(line) > width]
    assert not too_long


@pytest.mark.parametrize("args", HUMAN, ids=[" ".join(a) for a in HUMAN])
def test_no_colour_codes_when_not_a_terminal(invoke, args):
    result = invoke(*args)
    assert "\x1b[" not in result.stdout + result.stderr


def test_names_with_brackets_are_printed_literally(invoke, pilots_case_data, write_case):
    pilots_case_data["sides"][0]["constituencies"][0]["name"] = "Board [bold]of[/bold] directors"
    pilots_case_data["issues"][1]["options"] = ["[unlimited]", "capped", "banned"]
    scope = pilots_case_data["sides"][0]["negotiator"]["values"]["scope"]
    scope["[unlimited]"] = scope.pop("unlimited")
    result = invoke("analyze", str(write_case(pilots_case_data)), "--deal", "scope=[unlimited]")
    assert result.exit_code == 0, result.stderr
    assert "Board [bold]of[/bold] directors" in result.stdout
    assert "[unlimited]  (was capped)" in result.stdout


@pytest.mark.parametrize("command", ["analyze", "winsets", "cases", "validate"])
def test_json_output_is_byte_identical_across_runs(invoke, command):
    args = [command] if command == "cases" else [command, "labour-contract"]
    first = invoke(*args, "--json")
    second = invoke(*args, "--json")
    assert first.stdout == second.stdout
    assert first.stdout.endswith("}\n") or first.stdout.endswith("]\n")


@pytest.mark.parametrize(
    ("p", "text"),
    [(0.0, "0.0%"), (0.0004, "<0.1%"), (0.25089, "25.1%"), (0.9996, ">99.9%"), (1.0, "100.0%")],
)
def test_pct_never_rounds_to_a_false_certainty(p, text):
    assert pct(p) == text


def test_share_pct_is_short():
    assert share_pct(0.5) == "50%"
    assert share_pct(2 / 3) == "66.7%"
