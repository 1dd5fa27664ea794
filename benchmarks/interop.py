"""Synthetic GENIUS domains for the import benchmarks (docs/performance.md).

- ``wide``: one discrete issue of 1,001 options plus two small ones (5 and 4
  options), and 12 profiles; imported as two sides and ten ratifying
  constituencies, the shape of the slow import reported in issue 11.
- ``ampo``: a domain of the size of ANAC's AMPOvsCity, 1,944,000 deals, here
  eight discrete issues of 10, 10, 9, 8, 6, 5, 3 and 3 options (the issue
  sizes are ours, only the deal count is AMPOvsCity's), and two profiles.

Evaluations and weights come from a seeded generator, so the files are the
same on every run.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

WIDE_SHAPE = (1001, 5, 4)
WIDE_PROFILES = 12
AMPO_SHAPE = (10, 10, 9, 8, 6, 5, 3, 3)


def _issues(shape: tuple[int, ...]) -> list[tuple[str, list[str]]]:
    return [(f"issue{k + 1}", [f"v{j}" for j in range(n)]) for k, n in enumerate(shape)]


def domain_xml(shape: tuple[int, ...]) -> str:
    parts = ['<negotiation_template><utility_space><objective index="0" name="synthetic">']
    for k, (name, labels) in enumerate(_issues(shape), start=1):
        items = "".join(f'<item index="{j}" value="{v}"/>' for j, v in enumerate(labels, 1))
        parts.append(f'<issue index="{k}" name="{name}" type="discrete">{items}</issue>')
    parts.append("</objective></utility_space></negotiation_template>")
    return "\n".join(parts)


def profile_xml(shape: tuple[int, ...], rng: np.random.Generator) -> str:
    parts = ['<utility_space><objective index="0" name="synthetic">']
    weights = rng.dirichlet(np.ones(len(shape)))
    for k, (name, labels) in enumerate(_issues(shape), start=1):
        evals = rng.integers(1, 100, size=len(labels))
        items = "".join(
            f'<item index="{j}" value="{v}" evaluation="{e}"/>'
            for j, (v, e) in enumerate(zip(labels, evals, strict=True), 1)
        )
        parts.append(f'<issue index="{k}" name="{name}" type="discrete">{items}</issue>')
    parts += [f'<weight index="{k}" value="{float(w)!r}"/>' for k, w in enumerate(weights, start=1)]
    parts.append(
        f'</objective><reservation value="{float(rng.uniform(0.2, 0.6))!r}"/></utility_space>'
    )
    return "\n".join(parts)


def write_domain(folder: Path, shape: tuple[int, ...], profiles: int, seed: int = 0) -> list[Path]:
    """Write a domain and ``profiles`` profiles into ``folder``; the domain comes first."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    domain = folder / "domain.xml"
    domain.write_text(domain_xml(shape))
    paths = [domain]
    for k in range(profiles):
        path = folder / f"profile{k + 1:02d}.xml"
        path.write_text(profile_xml(shape, rng))
        paths.append(path)
    return paths


def roles(profiles: int) -> list[str]:
    """Two sides, the other profiles ratifying constituencies of the first."""
    return ["a", "b", *(f"a.c{k}" for k in range(1, profiles - 1))]
