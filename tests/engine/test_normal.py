"""Φ and Φ⁻¹ are SciPy's own ufuncs, loaded without importing scipy.special's package."""

from __future__ import annotations

import subprocess
import sys

import numpy as np


def test_they_are_scipys_ufuncs_and_give_its_bits() -> None:
    from leveltwo.engine import normal

    x = np.random.default_rng(1).normal(0, 4, 200_000)
    fast = normal.ndtr(x)
    import scipy.special

    assert normal._compiled().ndtr is scipy.special.ndtr
    assert normal._compiled().ndtri is scipy.special.ndtri
    assert (fast == scipy.special.ndtr(x)).all()
    p = np.linspace(1e-9, 1 - 1e-9, 10_001)
    assert (normal.ndtri(p) == scipy.special.ndtri(p)).all()


def test_loading_them_leaves_scipy_special_importable_in_full() -> None:
    code = (
        "import sys\n"
        "from leveltwo.engine.normal import ndtr\n"
        "ndtr(0.5)\n"
        "assert 'scipy.special' not in sys.modules\n"
        "import scipy.special\n"
        "assert scipy.special.ndtr(0.5) == ndtr(0.5)\n"
        "assert hasattr(scipy.special, 'gammaln')\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
