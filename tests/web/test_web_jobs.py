"""Fair sharing of the job workers: limits, time limits, cancellation, POST to start,
and the pages that must stay fast while every worker is busy."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from webclient import Client, MakeClient

from leveltwo.errors import CaseError, Problem
from leveltwo.web.jobs import BusyError, Cancelled, Job, Jobs, Limits


def _spin(stop: threading.Event) -> Callable[[Callable[[int, int], None]], object]:
    """Work that holds a worker (pure Python, holding the GIL between progress calls)."""

    def work(progress: Callable[[int, int], None]) -> object:
        n = 0
        while not stop.is_set():
            sum(i * i for i in range(20_000))
            n += 1
            progress(n, 10**9)
        return n

    return work


def _wait(job: Job, status: str, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while job.to_json()["status"] != status:
        assert time.monotonic() < deadline, job.to_json()
        job.touch()
        time.sleep(0.02)


def test_the_same_key_finds_the_same_job() -> None:
    jobs = Jobs()
    try:
        a = jobs.start("k", 1, lambda p: 42)
        b = jobs.start("k", 1, lambda p: 43)
        assert a is b
        _wait(a, "done")
        assert a.result == 42
        assert jobs.find("k") is a
        assert jobs.find("other") is None
    finally:
        jobs.shutdown()


def test_per_client_per_case_and_total_limits_refuse_new_jobs() -> None:
    stop = threading.Event()
    jobs = Jobs(Limits(workers=2, pending=3, per_client=2, per_case=2))
    try:
        jobs.start(1, 1, _spin(stop), client="alice", case="big")
        jobs.start(2, 1, _spin(stop), client="alice", case="big")
        with pytest.raises(BusyError, match="You already have 2"):
            jobs.start(3, 1, _spin(stop), client="alice", case="small")
        with pytest.raises(BusyError, match="This case already has 2"):
            jobs.start(4, 1, _spin(stop), client="bob", case="big")
        jobs.start(5, 1, _spin(stop), client="bob", case="small")  # queued, third of three
        with pytest.raises(BusyError, match="server is busy") as info:
            jobs.start(6, 1, _spin(stop), client="carol", case="other")
        assert info.value.http_status == 503
    finally:
        stop.set()
        jobs.shutdown()


def test_a_job_no_one_polls_is_stopped() -> None:
    stop = threading.Event()
    jobs = Jobs(Limits(idle=0.3))
    try:
        job = jobs.start("k", 1, _spin(stop))
        time.sleep(0.1)
        assert job.active
        deadline = time.monotonic() + 10
        while job.active:  # nobody touches it
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert "no one asked for it" in str(job.error)
        assert jobs.find("k") is None  # a stopped job is not found: a new POST restarts it
    finally:
        stop.set()
        jobs.shutdown()


def test_a_job_past_its_time_limit_is_stopped_even_when_polled() -> None:
    stop = threading.Event()
    jobs = Jobs(Limits(seconds=0.3))
    try:
        job = jobs.start("k", 1, _spin(stop))
        deadline = time.monotonic() + 10
        while job.active:
            assert time.monotonic() < deadline
            job.touch()
            time.sleep(0.05)
        assert "longer than the limit" in str(job.error)
    finally:
        stop.set()
        jobs.shutdown()


def test_a_waiting_job_abandoned_before_a_worker_is_free_never_starts() -> None:
    stop = threading.Event()
    ran: list[int] = []
    jobs = Jobs(Limits(workers=1, idle=0.2))
    try:
        busy = jobs.start("busy", 1, _spin(stop))
        waiting = jobs.start("waiting", 1, lambda p: ran.append(1))
        for _ in range(8):  # nobody polls "waiting"; "busy" is kept alive
            busy.touch()
            time.sleep(0.05)
        busy.touch()
        stop.set()
        _wait(busy, "done")
        deadline = time.monotonic() + 10
        while waiting.active:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert ran == []
        assert "no one asked" in str(waiting.error)
    finally:
        stop.set()
        jobs.shutdown()


def test_cancel_stops_a_running_job_at_its_next_progress_report() -> None:
    stop = threading.Event()
    jobs = Jobs()
    try:
        job = jobs.start("k", 1, _spin(stop))
        time.sleep(0.1)
        job.cancel("the user left")
        with pytest.raises(Cancelled):
            job.check()
        deadline = time.monotonic() + 10
        while job.active:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert "the user left" in str(job.error)
    finally:
        stop.set()
        jobs.shutdown()


# --- through the web app ---------------------------------------------------------------
def test_a_get_never_starts_an_analysis(client: Client, labour_id: int) -> None:
    state: Any = client.app.state.leveltwo  # type: ignore[attr-defined]
    r = client.get(f"/api/cases/{labour_id}/space")
    assert r.status_code == 404
    assert r.json()["status"] == "none"
    assert client.get(f"/api/cases/{labour_id}/plan").status_code == 404
    assert client.get(f"/cases/{labour_id}/plan").status_code == 200  # the page: pending
    assert client.get(f"/cases/{labour_id}/export/report.html").status_code == 405
    assert not state.jobs._jobs


def test_starting_without_the_csrf_token_is_refused(client: Client, labour_id: int) -> None:
    assert client.post(f"/api/cases/{labour_id}/space").status_code == 403


def _fill_workers(client: Client) -> threading.Event:
    """Occupy every job worker with work that holds the GIL and never ends by itself."""
    state: Any = client.app.state.leveltwo  # type: ignore[attr-defined]
    stop = threading.Event()
    jobs = [
        state.jobs.start(("heavy", k), 1, _spin(stop), client=f"heavy{k}", case=None)
        for k in range(state.jobs.limits.workers)
    ]
    deadline = time.monotonic() + 10
    while not all(j.to_json()["done"] for j in jobs):
        assert time.monotonic() < deadline
        time.sleep(0.02)

    def keep_polling() -> None:  # someone waits for them, so they are not stopped
        while not stop.wait(0.1):
            for job in jobs:
                job.touch()

    threading.Thread(target=keep_polling, daemon=True).start()
    return stop


def test_health_answers_in_under_100_ms_while_every_worker_is_busy(client: Client) -> None:
    stop = _fill_workers(client)
    try:
        times = []
        for _ in range(7):
            t0 = time.perf_counter()
            assert client.get("/api/health").status_code == 200
            times.append(time.perf_counter() - t0)
        assert statistics.median(times) < 0.1, times
    finally:
        stop.set()


def test_two_heavy_analyses_do_not_starve_a_third_clients_what_if(
    make_client: MakeClient, big_case: Callable[..., str]
) -> None:
    heavy = make_client()
    r = heavy.post(
        "/cases/import",
        data={"csrf_token": heavy.token()},
        files={
            "file": ("big.yaml", big_case((10, 10, 10, 10, 10, 10, 5, 2)).encode(), "text/yaml")
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    big = heavy.case_id("Big synthetic case")
    labour = heavy.case_id("Hospital nurses' contract")
    for threshold in (0.5, 0.6):  # two whole-space analyses of 10^7 deals fill both workers
        started = heavy.post(
            f"/api/cases/{big}/space?threshold={threshold}", headers={"X-CSRF-Token": heavy.token()}
        )
        assert started.status_code == 202
    state: Any = heavy.app.state.leveltwo  # type: ignore[attr-defined]
    running = list(state.jobs._jobs.values())
    try:
        deadline = time.monotonic() + 30
        while not all(j.to_json()["done"] for j in running):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        # the third client (same app, its own session) asks for what-ifs meanwhile
        third = Client(heavy.app, base_url=str(heavy.base_url))
        times = []
        for threshold in (0.5, 0.6, 0.7):
            t0 = time.perf_counter()
            r = third.get(f"/api/cases/{labour}/assess", params={"threshold": threshold})
            times.append(time.perf_counter() - t0)
            assert r.status_code == 200, r.text
        assert all(j.active for j in running)  # the heavy ones were still running
        assert statistics.median(times) < 2.0, times
    finally:
        for job in running:
            job.cancel("the test is over")


def test_a_failed_job_keeps_the_error_object_it_raised() -> None:
    jobs = Jobs()
    problem = Problem("sides[0].reservation", "a number", "'high'", 3, 5)

    def work(_progress: object) -> object:
        raise CaseError([problem], "case.yaml")

    try:
        job = jobs.start("bad", 1, work, client="c", case=1)
        for _ in range(500):
            if job.to_json()["status"] != "running":
                break
            time.sleep(0.01)
        assert job.to_json()["status"] == "error"
        with pytest.raises(CaseError) as info:
            job.raise_error()
        assert info.value is job.exception
        assert info.value.problems == (problem,)
        assert info.value.http_status == CaseError.http_status
    finally:
        jobs.shutdown()
