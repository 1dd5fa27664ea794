"""Fixtures for the web app tests: an app on a temporary SQLite store, a client
that knows its CSRF token, and case texts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from webclient import BASE_URL, Client, MakeClient

from leveltwo.io.bundled import bundled_path
from leveltwo.web import Settings, create_app


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[MakeClient]:
    """Build an app on a fresh SQLite file (settings overridable) and a client for it."""
    clients: list[Client] = []

    def make(db_name: str = "store.db", **settings: Any) -> Client:
        settings.setdefault("db_url", f"sqlite:///{tmp_path / db_name}")
        app = create_app(Settings(**settings))
        client = Client(app, base_url=BASE_URL, raise_server_exceptions=False)
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.app.state.leveltwo.jobs.shutdown()
        c.app.state.leveltwo.db.dispose()


@pytest.fixture
def client(make_client: MakeClient) -> Client:
    return make_client()


def read_labour_text() -> str:
    path = bundled_path("labour-contract")
    assert path is not None
    return path.read_text(encoding="utf-8")


@pytest.fixture
def labour_text() -> str:
    """The bundled labour-contract case file, as written."""
    return read_labour_text()


@pytest.fixture
def labour_id(client: Client) -> int:
    """The bundled labour-contract example, as loaded on first run."""
    return client.case_id(yaml.safe_load(read_labour_text())["title"])


@pytest.fixture
def big_case() -> Callable[..., str]:
    """Text of a synthetic case with 10^5 deals (or another shape)."""
    return make_big_case_text


def make_big_case_text(shape: tuple[int, ...] = (5, 5, 5, 5, 5, 4, 4, 2)) -> str:
    """A case with prod(shape) deals (10^5 by default) and a realistic cast."""
    issues = [
        {"id": f"i{k}", "name": f"Issue {k}", "options": [f"o{j}" for j in range(n)]}
        for k, n in enumerate(shape)
    ]
    ids = [i["id"] for i in issues]

    def prefs(up: bool, pick: list[int] | None = None) -> dict[str, Any]:
        chosen = [ids[k] for k in (pick if pick is not None else range(len(ids)))]
        return {
            "weights": {iid: 1 + (k % 3) for k, iid in enumerate(chosen)},
            "values": {iid: "ascending" if up else "descending" for iid in chosen},
        }

    data = {
        "leveltwo": 1,
        "title": "Big synthetic case",
        "us": "buyer",
        "issues": issues,
        "sides": [
            {
                "id": "buyer",
                "negotiator": {**prefs(False), "reservation": 0.3},
                "constituencies": [
                    {
                        "id": "board",
                        **prefs(False, [0, 1, 2]),
                        "reservation": 0.4,
                        "uncertainty": 0.1,
                    },
                    {
                        "id": "holders",
                        **prefs(False),
                        "reservation": 0.35,
                        "uncertainty": 0.1,
                        "quota": 0.6,
                        "blocs": [
                            {"id": "a", "share": 50},
                            {"id": "b", "share": 30, "reservation": 0.45},
                            {"id": "c", "share": 20},
                        ],
                    },
                ],
            },
            {
                "id": "seller",
                "negotiator": {**prefs(True), "reservation": 0.3, "uncertainty": 0.05},
                "constituencies": [
                    {
                        "id": "ministry",
                        **prefs(True, [3, 4]),
                        "reservation": 0.4,
                        "uncertainty": 0.1,
                    },
                    {
                        "id": "unions",
                        "power": "block",
                        "strength": 0.6,
                        **prefs(True, [5, 6, 7]),
                        "reservation": 0.5,
                        "uncertainty": 0.15,
                    },
                ],
            },
        ],
        "proposal": {iid: f"o{n // 2}" for iid, n in zip(ids, shape, strict=True)},
    }
    return yaml.safe_dump(data, sort_keys=False)
