"""A hand-built small case for the narrative tests (numbers worked by hand in the tests)."""

from __future__ import annotations

from leveltwo.io.casefile import case_from_text
from leveltwo.model.case import Case

# Firm (us) and union (them). Our opening is the firm negotiator's best deal:
# pay low, site close. The deal under test is pay high, site keep.
#
# union.members: weights pay 3 : site 1 → 0.75 / 0.25, both ascending, r = 0.4
# union.retirees (one actor): pay 1 : site 1, pay {low 1, mid 0.5, high 0}
#   (they fund the raise), site ascending, r = 0.3
# firm.board: pay only, descending, r = 0.3 — opposes every pay boast
# firm.staff: pay 1 : site 39 → w_pay = 0.025, descending pay: loses only
#   0.025 on pay high, below the 0.05 inflame threshold
# firm.town (influence): site only, {close 0, keep 1}: agrees with members
SMALL = """
leveltwo: 1
title: Small plant
us: firm
issues:
  - {id: pay, name: Pay rise, options: [low, mid, high]}
  - {id: site, name: Plant, options: [close, keep]}
sides:
  - id: firm
    name: Firm
    negotiator:
      name: Plant manager
      weights: {pay: 1, site: 1}
      values: {pay: descending, site: {close: 1, keep: 0}}
      reservation: 0.2
    constituencies:
      - id: board
        name: Board
        weights: {pay: 1}
        values: {pay: descending}
        reservation: 0.3
        uncertainty: 0.1
      - id: staff
        name: Office staff
        power: influence
        weights: {pay: 1, site: 39}
        values: {pay: descending, site: ascending}
        reservation: 0.1
      - id: town
        name: Town council
        power: influence
        weights: {site: 1}
        values: {site: ascending}
        reservation: 0.5
  - id: union
    name: Union
    negotiator:
      name: Union leader
      weights: {pay: 1, site: 1}
      values: {pay: ascending, site: ascending}
      reservation: 0.3
    constituencies:
      - id: members
        name: Members
        weights: {pay: 3, site: 1}
        values: {pay: ascending, site: ascending}
        reservation: 0.4
        uncertainty: 0.1
      - id: retirees
        name: Retirees
        power: block
        strength: 0.5
        weights: {pay: 1, site: 1}
        values: {pay: {low: 1, mid: 0.5, high: 0}, site: ascending}
        reservation: 0.3
        uncertainty: 0.1
proposal: {pay: high, site: keep}
"""


def small_case() -> Case:
    return case_from_text(SMALL, "small")
