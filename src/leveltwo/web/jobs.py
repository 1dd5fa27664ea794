"""Long analyses run in the background and report progress.

A page asks for a result by key; the first request starts the work in a worker
thread, later requests see its progress (``done`` of ``total``) until the
result is ready. Finished results are kept (a few) so revisiting is instant.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from leveltwo.errors import LeveltwoError

log = logging.getLogger(__name__)
KEEP = 16

Progress = Callable[[int, int], None]


class AnalysisFailed(LeveltwoError):
    """A background analysis failed unexpectedly (the server log has the traceback)."""

    exit_code = 3
    http_status = 500


@dataclass
class Job:
    """One background analysis: its progress, and its result or the error it raised.

    ``exception`` is the error object itself (its class, HTTP status and located
    problems), so a page that asks for the result raises exactly what the work
    raised, as if it had run in the request.
    """

    total: int
    done: int = 0
    result: object = None
    exception: LeveltwoError | None = None
    finished: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def error(self) -> str | None:
        """The error's message (None while it runs or when it succeeded)."""
        return None if self.exception is None else self.exception.message

    def raise_error(self) -> None:
        """Raise the work's error, if it failed."""
        with self.lock:
            exc = self.exception
        if exc is not None:
            raise exc

    def progress(self, done: int, total: int) -> None:
        with self.lock:
            self.done, self.total = done, total

    def to_json(self) -> dict[str, object]:
        with self.lock:
            status = "error" if self.error else ("done" if self.finished else "running")
            return {"status": status, "done": self.done, "total": self.total, "error": self.error}


class Jobs:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="leveltwo-analysis")
        self._jobs: OrderedDict[Hashable, Job] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_start(self, key: Hashable, total: int, work: Callable[[Progress], object]) -> Job:
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and not job.error:
                self._jobs.move_to_end(key)
                return job
            job = Job(total)
            self._jobs[key] = job
            while len(self._jobs) > KEEP:
                self._jobs.popitem(last=False)

        def run() -> None:
            try:
                result = work(job.progress)
            except LeveltwoError as exc:
                with job.lock:
                    job.exception = exc
            except Exception:
                log.exception("background analysis failed")
                with job.lock:
                    job.exception = AnalysisFailed(
                        "The analysis failed unexpectedly; see the server log."
                    )
            else:
                with job.lock:
                    job.result, job.finished = result, True
                    job.done = job.total

        self._pool.submit(run)
        return job

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
