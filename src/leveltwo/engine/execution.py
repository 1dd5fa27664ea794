"""Where batches of independent work run: in this process, a local process pool, or Dask.

Sweeps and Monte Carlo draws are split into batches of independent tasks; a
:class:`Runner` maps a module-level function over the batches and returns the
results *in order*. Every random number is drawn before the work is split, so
the same seed gives the same results whatever the runner or the number of
workers (a test checks serial, pool and a Dask ``LocalCluster`` agree bit for
bit).

- :class:`Serial`: in this process (``workers=1``).
- :class:`ProcessPool`: a local pool of ``workers`` processes (default 2: this
  machine's cores), started with the ``spawn`` method so no state leaks in.
- :class:`DaskRunner`: a Dask distributed cluster (the optional ``dask`` extra):
  a scheduler address (``--scheduler tcp://host:8786``) or an existing
  ``distributed.Client`` (tests use an in-process ``LocalCluster``).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

from leveltwo.errors import LeveltwoError

T = TypeVar("T")
R = TypeVar("R")

#: Workers of the local process pool unless told otherwise.
DEFAULT_WORKERS = 2
#: Seconds to wait for a Dask scheduler before giving up.
CONNECT_TIMEOUT = 10


class ExecutionError(LeveltwoError):
    """The requested place to run (a Dask scheduler, an extra) is not available."""


class Runner(Protocol):
    """Maps a picklable module-level function over items, results in input order."""

    name: str
    workers: int

    def map(
        self, fn: Callable[[T], R], items: Sequence[T], done: Callable[[int], None] | None = None
    ) -> list[R]: ...

    def close(self) -> None: ...


def _collect(results: Iterable[R], done: Callable[[int], None] | None) -> list[R]:
    """The results in order, telling ``done`` how many have arrived after each."""
    out = []
    for r in results:
        out.append(r)
        if done is not None:
            done(len(out))
    return out


class Serial:
    name = "serial"
    workers = 1

    def map(
        self, fn: Callable[[T], R], items: Sequence[T], done: Callable[[int], None] | None = None
    ) -> list[R]:
        return _collect((fn(x) for x in items), done)

    def close(self) -> None:
        return None


class ProcessPool:
    """A local pool of processes (``spawn``), created on first use."""

    name = "process pool"

    def __init__(self, workers: int = DEFAULT_WORKERS) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def map(
        self, fn: Callable[[T], R], items: Sequence[T], done: Callable[[int], None] | None = None
    ) -> list[R]:
        if self._pool is None:
            ctx = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx)
        return _collect(self._pool.map(fn, items), done)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


class DaskRunner:
    """A Dask distributed cluster: by scheduler address, or an existing client."""

    name = "dask"

    def __init__(self, address: str | None = None, client: Any = None) -> None:
        try:
            import distributed
        except ImportError as exc:
            raise ExecutionError(
                "running on a Dask cluster needs the dask extra: pip install 'leveltwo[dask]'"
            ) from exc
        self._own = client is None
        if client is None:
            try:
                client = distributed.Client(address, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
            except (OSError, TimeoutError) as exc:
                raise ExecutionError(
                    f"could not reach a Dask scheduler at {address!r} within "
                    f"{CONNECT_TIMEOUT} s: {exc}"
                ) from exc
        self.client = client
        self.workers = max(1, len(client.scheduler_info().get("workers", {})))

    def map(
        self, fn: Callable[[T], R], items: Sequence[T], done: Callable[[int], None] | None = None
    ) -> list[R]:
        futures = self.client.map(fn, list(items), pure=False)
        return _collect((f.result() for f in futures), done)

    def close(self) -> None:
        if self._own:
            self.client.close()


def make_runner(workers: int | None = None, scheduler: str | None = None) -> Runner:
    """The runner for ``--workers`` / ``--scheduler``: Dask when a scheduler is given,
    else a process pool of ``workers`` (default 2), or serial for one worker."""
    if scheduler:
        return DaskRunner(scheduler)
    n = DEFAULT_WORKERS if workers is None else workers
    if n < 1:
        raise ExecutionError(f"--workers must be at least 1, not {n}")
    return Serial() if n == 1 else ProcessPool(n)


def batches(items: Sequence[T], count: int) -> list[Sequence[T]]:
    """``items`` cut into about ``count`` consecutive batches (fewer when short)."""
    if not items:
        return []
    size = max(1, -(-len(items) // max(1, count)))
    return [items[k : k + size] for k in range(0, len(items), size)]
