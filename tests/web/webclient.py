"""The test client of the web tests (importable as ``webclient`` from tests/web)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from typing import Any

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette suggests httpx2; httpx works
    from starlette.testclient import TestClient

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
BASE_URL = "http://127.0.0.1:8000"


class Client(TestClient):
    """A test client that fetches (and remembers) its session's CSRF token."""

    csrf: str = ""

    def token(self) -> str:
        if not self.csrf:
            page = self.get("/")
            found = CSRF_META.search(page.text)
            assert found, "the case list carries the CSRF token"
            self.csrf = found.group(1)
        return self.csrf

    def case_id(self, title: str) -> int:
        for c in self.get("/api/cases").json():
            if c["title"] == title:
                return int(c["id"])
        raise AssertionError(f"no case titled {title!r}")

    def post_form(self, url: str, data: dict[str, Any] | None = None, **kw: Any) -> Any:
        body = {"csrf_token": self.token(), **(data or {})}
        return self.post(url, data=body, follow_redirects=kw.pop("follow_redirects", False), **kw)


#: The ``make_client`` fixture's type: builds a client on a fresh app (settings as keywords).
MakeClient = Callable[..., Client]
