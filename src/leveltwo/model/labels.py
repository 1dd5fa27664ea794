"""Option labels: how numbers and ranges in a case file become option labels."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def format_number(x: float) -> str:
    """A short label for a number: ``3`` rather than ``3.0``, ``2.5`` as is."""
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.10g}"


def option_label(raw: object) -> str:
    """The label of one option as written in a file (strings stay as they are)."""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, int | float):
        return format_number(float(raw))
    return str(raw)


def range_labels(start: float, stop: float, step: float, unit: str = "") -> list[str]:
    """Labels of an inclusive numeric range; the count is rounded to absorb float noise."""
    count = round((stop - start) / step + 1e-9) + 1 if stop >= start else 0
    return [format_number(round(start + k * step, 10)) + unit for k in range(count)]


def issue_labels(options: object) -> list[str] | None:
    """Labels of an issue's ``options`` field, or None when it is malformed."""
    if isinstance(options, Mapping):
        try:
            start = float(options["start"])
            stop = float(options["stop"])
            step = float(options.get("step", 1))
        except (KeyError, TypeError, ValueError):
            return None
        if step <= 0:
            return None
        return range_labels(start, stop, step, str(options.get("unit", "")))
    if isinstance(options, Sequence) and not isinstance(options, str):
        return [option_label(o) for o in options]
    return None
