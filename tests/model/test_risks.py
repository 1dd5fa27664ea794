"""Implementation risks in the file (model/risks.py): read, defaults, written back."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from leveltwo.model.case import ImplementationRisk
from leveltwo.model.risks import ImplementationRiskFile, risk_data, risks_from_file


def test_a_risk_reads_with_its_name_defaulting_to_its_id() -> None:
    files = [
        ImplementationRiskFile(id="courts", name="Courts", probability=0.1),
        ImplementationRiskFile(id="tacit", probability=0.3),
    ]
    assert risks_from_file(files) == (
        ImplementationRisk("courts", "Courts", 0.1),
        ImplementationRisk("tacit", "tacit", 0.3),
    )


def test_a_risk_writes_back_to_what_reads_it() -> None:
    for r in (ImplementationRisk("a", "A b", 0.25), ImplementationRisk("a", "a", 0.0)):
        data = risk_data(r)
        assert risks_from_file([ImplementationRiskFile.model_validate(data)]) == (r,)
    assert risk_data(ImplementationRisk("a", "a", 0.5)) == {"id": "a", "probability": 0.5}


@pytest.mark.parametrize(
    "data",
    [{"id": "a", "probability": -0.1}, {"id": "a"}, {"id": "1a", "probability": 0.1}, {}],
)
def test_bad_risks_are_refused(data: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ImplementationRiskFile.model_validate(data)
