"""Background jobs keep the error object: class, status and located problems."""

from __future__ import annotations

import time

import pytest

from leveltwo.errors import CaseError, Problem
from leveltwo.web.jobs import AnalysisFailed, Jobs


def finished(jobs: Jobs, key: str, work) -> object:
    job = jobs.get_or_start(key, 1, work)
    for _ in range(500):
        if job.to_json()["status"] != "running":
            return job
        time.sleep(0.01)
    raise AssertionError("the job did not finish")


def test_a_failed_job_raises_the_error_the_work_raised() -> None:
    jobs = Jobs()
    problem = Problem("sides[0].reservation", "a number", "'high'", 3, 5)

    def work(_progress) -> object:
        raise CaseError([problem], "case.yaml")

    try:
        job = finished(jobs, "bad", work)
        assert job.to_json()["status"] == "error"
        assert job.to_json()["error"] == job.error
        with pytest.raises(CaseError) as info:
            job.raise_error()
        assert info.value.problems == (problem,)
        assert info.value.http_status == CaseError.http_status
    finally:
        jobs.shutdown()


def test_an_unexpected_failure_is_an_internal_error() -> None:
    jobs = Jobs()

    def work(_progress) -> object:
        raise ZeroDivisionError

    try:
        job = finished(jobs, "boom", work)
        with pytest.raises(AnalysisFailed) as info:
            job.raise_error()
        assert info.value.http_status == 500
    finally:
        jobs.shutdown()


def test_a_job_that_succeeds_raises_nothing() -> None:
    jobs = Jobs()
    try:
        job = finished(jobs, "ok", lambda _p: 42)
        job.raise_error()
        assert job.result == 42
        assert job.error is None
    finally:
        jobs.shutdown()
