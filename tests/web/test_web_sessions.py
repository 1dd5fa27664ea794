"""Tokens, logins, logout, cookies, flash messages, ids and CSRF tokens from a hostile user."""

from __future__ import annotations

import re

import pytest
from webclient import Client, MakeClient

from leveltwo.web.settings import Settings, WeakTokenError, token_bits

TOKEN = "correct-horse-battery-staple"


def _login_page_token(client: Client) -> None:
    page = client.get("/login")
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found
    client.csrf = found.group(1)


def _logged_in(make_client: MakeClient, **settings: object) -> Client:
    client = make_client(host="0.0.0.0", token=TOKEN, **settings)
    _login_page_token(client)
    assert client.post_form("/login", {"token": TOKEN, "next": "/"}).status_code == 303
    client.csrf = ""
    return client


@pytest.mark.parametrize(
    "token",
    [
        "x",
        " ",
        "short-token",
        "aaaaaaaaaaaaaaaaaaaaaaaa",
        "abababababababababababab",
        "with a space in it 12345",
        "tab\there-0123456789ab",
    ],
)
def test_a_weak_token_is_refused_at_start_up(token: str) -> None:
    with pytest.raises(WeakTokenError) as info:
        Settings(host="0.0.0.0", token=token).check()
    assert info.value.exit_code == 2
    assert "secrets.token_urlsafe" in info.value.message


def test_a_random_token_passes_and_its_entropy_is_estimated() -> None:
    import secrets

    Settings(host="0.0.0.0", token=secrets.token_urlsafe(16)).check()
    Settings(host="0.0.0.0", token=TOKEN).check()
    assert token_bits("aaaa") == 0
    assert token_bits("abcd") == pytest.approx(8.0)


def test_wrong_logins_are_throttled_with_a_growing_wait(make_client: MakeClient) -> None:
    client = make_client(host="0.0.0.0", token=TOKEN)
    _login_page_token(client)
    codes = [client.post_form("/login", {"token": "wrong"}).status_code for _ in range(5)]
    assert codes == [401] * 5
    blocked = client.post_form("/login", {"token": TOKEN})  # even the right one must wait
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) >= 1
    assert "try again in" in blocked.text
    state = client.app.state.leveltwo  # type: ignore[attr-defined]
    waits = []
    for _ in range(3):
        state.throttle.failed("testclient")
        waits.append(state.throttle.wait("testclient"))
    assert waits[0] < waits[1] < waits[2] <= state.throttle.longest


def test_wrong_bearer_tokens_are_throttled_too(make_client: MakeClient) -> None:
    client = make_client(host="0.0.0.0", token=TOKEN)
    bad = {"Authorization": "Bearer nope"}
    codes = [client.get("/api/cases", headers=bad).status_code for _ in range(6)]
    assert codes[:5] == [401] * 5
    assert codes[5] == 429


def test_logout_revokes_the_session_on_the_server(make_client: MakeClient) -> None:
    client = _logged_in(make_client)
    stolen = dict(client.cookies)
    assert client.get("/api/cases").status_code == 200
    assert client.post_form("/logout").status_code == 303
    client.cookies.clear()
    for k, v in stolen.items():
        client.cookies.set(k, v)  # the cookie as it was before logging out
    assert client.get("/api/cases").status_code == 401


def test_a_revoked_session_stays_revoked_after_a_restart(
    make_client: MakeClient,
) -> None:
    client = _logged_in(make_client, db_name="shared.db")
    stolen = dict(client.cookies)
    assert client.post_form("/logout").status_code == 303
    again = make_client(db_name="shared.db", host="0.0.0.0", token=TOKEN)
    for k, v in stolen.items():
        again.cookies.set(k, v)
    assert again.get("/api/cases").status_code == 401


def test_cookies_are_secure_over_https_and_behind_a_proxy(make_client: MakeClient) -> None:
    plain = make_client()
    assert "Secure" not in plain.get("/").headers["set-cookie"]
    proxied = make_client(db_name="p.db", behind_proxy=True)
    r = proxied.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "; Secure" in r.headers["set-cookie"]
    direct = make_client(db_name="d.db")
    r = direct.get("/", headers={"X-Forwarded-Proto": "https"})  # not trusted without the flag
    assert "Secure" not in r.headers["set-cookie"]


def test_flash_messages_carry_the_case_id_not_its_title(client: Client) -> None:
    title = "T" * 50_000
    from leveltwo.io.bundled import bundled_path

    path = bundled_path("labour-contract")
    assert path is not None
    body = re.sub(r"(?m)^title: .*$", f"title: {title}", path.read_text(encoding="utf-8"))
    r = client.post(
        "/cases/import",
        data={"csrf_token": client.token()},
        files={"file": ("long.yaml", body.encode(), "text/yaml")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert len(r.headers["set-cookie"]) < 2000
    page = client.get(r.headers["location"]).text
    assert "T" * 79 + "…" in page


@pytest.mark.parametrize(
    "url",
    [
        "/cases/99999999999999999999999999",
        "/cases/9223372036854775808/deal",
        "/cases/1/revisions/99999999999999999999999999",
        "/api/cases/99999999999999999999999999",
        "/cases/-1",
        "/cases/0/history",
    ],
)
def test_out_of_range_ids_are_404(client: Client, url: str) -> None:
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("bad", ["é" * 43, "\u2603", "x" * 10_000, "\x00"])
def test_any_bad_csrf_token_is_403(client: Client, bad: str) -> None:
    client.token()
    r = client.post("/cases", data={"csrf_token": bad, "template": ""})
    assert r.status_code == 403
