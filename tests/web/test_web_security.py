"""Secure by default: CSRF, size limits, authentication off loopback, headers, no tracebacks."""

from __future__ import annotations

import pytest
from webclient import Client, MakeClient

from leveltwo.web import Settings, create_app
from leveltwo.web.session import Signer
from leveltwo.web.settings import InsecureBindError, is_loopback

TOKEN = "correct-horse-battery-staple"


def test_state_changes_without_the_csrf_token_are_refused(client: Client, labour_id: int) -> None:
    for url, data in [
        ("/cases", {"template": "labour-contract"}),
        (f"/cases/{labour_id}/delete", {}),
        (f"/cases/{labour_id}/duplicate", {}),
        (f"/cases/{labour_id}/yaml", {"text": "x", "base_revision": "1"}),
        (f"/cases/{labour_id}/revisions/1/restore", {"base_revision": "1"}),
    ]:
        r = client.post(url, data=data)
        assert r.status_code == 403, url
        assert "security token" in r.text
    r = client.post("/cases", data={"template": "labour-contract", "csrf_token": "forged"})
    assert r.status_code == 403
    r = client.put(f"/api/cases/{labour_id}", json={"text": "x", "base": 1})
    assert r.status_code == 403
    assert r.json()["error"] == "CsrfError"
    assert client.get(f"/api/cases/{labour_id}").json()["revision"] == 1
    assert client.get(f"/cases/{labour_id}").status_code == 200  # nothing was deleted


def test_another_sessions_token_does_not_work(make_client: MakeClient) -> None:
    a = make_client()
    b = make_client()  # a second app on another store: a different session and token
    assert a.token() != b.token()
    r = a.post("/cases", data={"template": "labour-contract", "csrf_token": b.token()})
    assert r.status_code == 403


def test_a_tampered_session_cookie_is_ignored(client: Client) -> None:
    client.token()
    client.cookies.set("leveltwo_session", "eyJjc3JmIjoieCJ9.forged")
    r = client.post("/cases", data={"template": "labour-contract", "csrf_token": "x"})
    assert r.status_code == 403


def test_signer_rejects_wrong_keys_and_expired_payloads() -> None:
    s = Signer(b"k" * 32)
    value = s.dumps({"csrf": "t", "iat": 10**10})
    assert s.loads(value) == {"csrf": "t", "iat": 10**10}
    assert Signer(b"x" * 32).loads(value) is None
    assert s.loads(s.dumps({"csrf": "t", "iat": 1})) is None  # 1970: long expired
    assert s.loads("garbage") is None


def test_oversize_requests_get_a_clear_413(make_client: MakeClient) -> None:
    client = make_client(max_body_bytes=10_000)
    big = b"x: " + b"y" * 20_000
    r = client.post(
        "/cases/import",
        data={"csrf_token": client.token()},
        files={"file": ("big.yaml", big, "text/yaml")},
    )
    assert r.status_code == 413
    assert "too large" in r.text
    assert "limit is" in r.text
    r = client.put(
        "/api/cases/1",
        content=b'{"text": "' + b"y" * 20_000 + b'", "base": 1}',
        headers={"X-CSRF-Token": client.token(), "Content-Type": "application/json"},
    )
    assert r.status_code == 413
    assert r.json()["error"] == "RequestTooLarge"


def test_chunked_oversize_bodies_are_cut_off(make_client: MakeClient) -> None:
    client = make_client(max_body_bytes=1_000)

    def chunks():  # no Content-Length: the limit is enforced while reading
        for _ in range(10):
            yield b"z" * 500

    r = client.put(
        "/api/cases/1",
        content=chunks(),
        headers={"X-CSRF-Token": client.token(), "Content-Type": "application/json"},
    )
    assert r.status_code == 413


def test_the_default_limit_is_two_megabytes() -> None:
    assert Settings().max_body_bytes == 2 * 1024 * 1024


def test_listening_off_loopback_needs_a_token(tmp_path) -> None:
    with pytest.raises(InsecureBindError) as caught:
        create_app(Settings(host="0.0.0.0", db_url=f"sqlite:///{tmp_path / 'x.db'}"))
    assert "--token" in caught.value.message
    assert not (tmp_path / "x.db").exists()  # refused before touching anything
    assert is_loopback("127.0.0.1")
    assert is_loopback("::1")
    assert is_loopback("localhost")
    assert not is_loopback("0.0.0.0")
    assert not is_loopback("192.168.1.10")


def test_with_a_token_pages_need_a_login(make_client: MakeClient) -> None:
    client = make_client(host="0.0.0.0", token=TOKEN)
    r = client.get("/cases/1/deal?choices=1,2", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/login?next=%2Fcases%2F1%2Fdeal%3Fchoices%3D1%2C2"
    r = client.get("/api/cases")
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/health").status_code == 200
    assert client.get("/static/app.css").status_code == 200
    login = client.get("/login")
    assert login.status_code == 200
    csrf = client.csrf = __import__("re").search(r'name="csrf_token" value="([^"]+)"', login.text)
    assert csrf
    client.csrf = csrf.group(1)
    r = client.post_form("/login", {"token": "wrong", "next": "/"})
    assert r.status_code == 401
    assert "not right" in r.text
    r = client.post_form("/login", {"token": TOKEN, "next": "https://evil.example/"})
    assert r.status_code == 303
    assert r.headers["location"] == "/"  # never redirected off-site
    assert client.get("/api/cases").status_code == 200
    client.csrf = ""  # the token is renewed at login
    assert client.post_form("/logout").status_code == 303
    assert client.get("/api/cases").status_code == 401


def test_a_login_form_without_csrf_is_refused(make_client: MakeClient) -> None:
    client = make_client(host="0.0.0.0", token=TOKEN)
    r = client.post("/login", data={"token": TOKEN})
    assert r.status_code == 403


def test_api_calls_can_use_a_bearer_token(make_client: MakeClient) -> None:
    client = make_client(host="0.0.0.0", token=TOKEN)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    cases = client.get("/api/cases", headers=auth)
    assert cases.status_code == 200
    case_id = cases.json()[0]["id"]
    head = client.get(f"/api/cases/{case_id}", headers=auth).json()
    r = client.put(
        f"/api/cases/{case_id}", json={"text": head["text"], "base": 1}, headers=auth
    )  # bearer calls need no CSRF token: browsers never add that header themselves
    assert r.status_code == 200
    assert client.get("/api/cases", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_on_loopback_only_local_host_names_are_answered(make_client: MakeClient) -> None:
    client = make_client()
    assert client.get("/api/health").status_code == 200
    r = client.get("/api/health", headers={"Host": "attacker.example"})
    assert r.status_code == 400  # DNS rebinding guard


def test_every_response_carries_security_headers(client: Client) -> None:
    for url in ["/", "/static/app.css", "/no/such/page"]:
        r = client.get(url)
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
    client.cookies.clear()
    cookie = client.get("/").headers.get("set-cookie", "")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_unexpected_errors_show_no_traceback(client: Client, monkeypatch) -> None:
    from leveltwo.web.routes import cases

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(cases, "assess", broken)
    r = client.get("/cases/1")
    assert r.status_code == 500
    assert "Something went wrong" in r.text
    assert "secret internals" not in r.text
    assert "Traceback" not in r.text


def test_pages_load_nothing_from_other_sites(client: Client, labour_id: int) -> None:
    for url in ["/", f"/cases/{labour_id}", f"/cases/{labour_id}/deal",
                f"/cases/{labour_id}/winsets", f"/cases/{labour_id}/edit"]:  # fmt: skip
        text = client.get(url).text
        assert "http://" not in text.replace("http://www.w3.org", "")
        assert "https://" not in text
        assert "//cdn" not in text


def test_every_form_carries_the_sessions_csrf_token(client: Client, labour_id: int) -> None:
    import re

    client.put(
        f"/api/cases/{labour_id}",
        json={"text": client.get(f"/api/cases/{labour_id}").json()["text"], "base": 1},
        headers={"X-CSRF-Token": client.token()},
    )  # a second revision, so history pages show restore forms
    pages = ["/", "/trash", f"/cases/{labour_id}", f"/cases/{labour_id}/edit",
             f"/cases/{labour_id}/yaml", f"/cases/{labour_id}/history",
             f"/cases/{labour_id}/revisions/1", f"/cases/{labour_id}/delete"]  # fmt: skip
    for url in pages:
        text = client.get(url).text
        posts = len(re.findall(r'<form[^>]*method="post"', text))
        tokens = re.findall(r'name="csrf_token" value="([^"]*)"', text)
        assert len(tokens) >= posts, url
        assert set(tokens) <= {client.token()}, url
