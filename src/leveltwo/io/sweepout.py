"""Sweep results to files: JSON, CSV or Parquet, chosen by the file's extension.

JSON is :meth:`leveltwo.engine.sweep.SweepResult.to_json`; CSV and Parquet hold
one row per variant with the columns of
:meth:`~leveltwo.engine.sweep.SweepResult.columns` (``variant``, each
parameter, ``success_probability``, ``p_SIDE``, ``ev_SIDE``). Parquet needs
``pyarrow`` (in the ``dask`` extra); without it the error says so.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from leveltwo.engine.sweep import SweepResult
from leveltwo.errors import LeveltwoError

FORMATS = (".json", ".csv", ".parquet")


class OutputFormatError(LeveltwoError):
    """The output file's format is unknown or needs an optional package."""


def write_sweep(result: SweepResult, path: Path) -> None:
    """Write ``result`` to ``path`` in the format of its extension."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        path.write_text(json.dumps(result.to_json(), indent=2) + "\n", encoding="utf-8")
    elif suffix == ".csv":
        cols = result.columns()
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(list(cols))
            for i in range(len(result.success)):
                w.writerow(
                    [
                        repr(int(v[i])) if n == "variant" else repr(float(v[i]))
                        for n, v in cols.items()
                    ]
                )
    elif suffix == ".parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise OutputFormatError(
                "Parquet output needs pyarrow: pip install 'leveltwo[dask]' (or pyarrow)"
            ) from exc
        table = pa.table({n: v for n, v in result.columns().items()})
        meta = {
            b"leveltwo": json.dumps(
                {k: v for k, v in result.to_json().items() if k != "rows"}
            ).encode()
        }
        pq.write_table(table.replace_schema_metadata(meta), path)
    else:
        raise OutputFormatError(
            f"-o {path}: expected a file ending in {', '.join(FORMATS)}, "
            f"found {suffix or 'no extension'!r}"
        )
