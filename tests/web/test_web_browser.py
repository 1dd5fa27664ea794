"""End to end in a real browser: Debian's Chromium driven by Playwright against a
real uvicorn server on a free port with a temporary SQLite store.

Screenshots of the main pages go to test-artifacts/screenshots/. The tests are
skipped (with the reason) only when /usr/bin/chromium is missing; no browser is
ever downloaded.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
    pytest.mark.skipif(
        os.environ.get("LEVELTWO_SKIP_BROWSER") == "1", reason="LEVELTWO_SKIP_BROWSER=1"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(tmp: Path, **settings: Any) -> Iterator[str]:
    import uvicorn

    from leveltwo.web import Settings, create_app

    port = _free_port()
    app = create_app(Settings(port=port, db_url=f"sqlite:///{tmp / 'store.db'}", **settings))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 20
    while not srv.started:
        if time.time() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    yield base
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(
        base_url=server, viewport={"width": 1366, "height": 900}, accept_downloads=True
    )
    context.set_default_timeout(15_000)
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and "Failed to load resource" not in m.text  # 4xx pages are tested
            else None
        ),
    )
    yield p
    context.close()
    assert errors == [], errors  # no script errors and no CSP violations


def fresh_case(page: Any, title: str) -> str:
    """A new case from the labour template, for a test that changes it (tests may run
    in any order, on any worker, so each changes only a case of its own)."""
    page.goto("/")
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    r = page.request.post(
        "/cases",
        form={"template": "labour-contract", "title": title, "csrf_token": token},
        max_redirects=0,
    )
    assert r.status == 303
    return str(r.headers["location"])


def shot(page: Any, name: str, full: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def success(page: Any) -> float:
    node = page.locator('.result [data-key="success_probability"]').first
    return float(node.get_attribute("data-value"))


@pytest.fixture(scope="module")
def case_url(browser: Any, server: str) -> str:
    """A case created from a template through the UI (shared by the tests below)."""
    context = browser.new_context(base_url=server, viewport={"width": 1366, "height": 900})
    p = context.new_page()
    p.goto("/")
    p.locator("input[name=template][value=labour-contract]").check()
    p.locator("#tpl-title").fill("Browser nurses")
    p.get_by_role("button", name="Create from template").click()
    p.wait_for_url("**/cases/*")
    url = p.url.replace(server, "")
    context.close()
    return url


def test_create_a_case_from_a_template(page: Any, case_url: str) -> None:
    page.goto("/")
    shot(page, "01-case-list")
    assert page.get_by_role("link", name="Browser nurses", exact=True).count() == 1
    page.goto(case_url)
    assert page.get_by_role("heading", name="Browser nurses").count() == 1
    headline = page.locator('[data-key="success_probability"]').first
    assert 0 <= float(headline.get_attribute("data-value")) <= 1
    shot(page, "02-overview")


def test_the_deal_builder_updates_without_reload(page: Any, case_url: str) -> None:
    page.goto(case_url + "/deal")
    page.wait_for_selector(".builder[data-ready=true]")
    before = success(page)
    page.evaluate("window.__marker = 1")  # survives only if the page is not reloaded
    page.get_by_label("Safe-staffing provision (medical-surgical units)").select_option(
        label="5 patients per nurse"
    )
    page.wait_for_function(
        "b => Number(document.querySelector('.result [data-key=success_probability]')"
        ".getAttribute('data-value')) !== b",
        arg=before,
    )
    assert page.evaluate("window.__marker") == 1
    assert success(page) != before
    assert "choices=" in page.url
    shot(page, "03-deal-builder")
    fix = page.locator("button[data-fix-issue]").first
    if fix.count():
        now = success(page)
        fix.click()
        page.wait_for_function(
            "b => Number(document.querySelector('.result [data-key=success_probability]')"
            ".getAttribute('data-value')) !== b",
            arg=now,
        )


def test_a_what_if_redraws_the_figures_without_reload(page: Any, case_url: str) -> None:
    page.goto(case_url + "/whatif")
    key = "union.members.critical_care.reservation"
    node = page.locator('.whatif [data-key="success_probability"]').first
    before = float(node.get_attribute("data-value"))
    text_before = node.text_content()
    page.evaluate("window.__marker = 1")
    page.locator(f'input[data-number-for="{key}"]').fill("0.7")
    page.locator(f'input[data-number-for="{key}"]').dispatch_event("change")
    page.wait_for_function(
        "b => Number(document.querySelector('.whatif [data-key=success_probability]')"
        ".getAttribute('data-value')) !== b",
        arg=before,
    )
    assert page.evaluate("window.__marker") == 1
    after = float(node.get_attribute("data-value"))
    assert after < before  # a tougher bar for the ICU nurses
    assert node.text_content() != text_before
    bar = page.locator('.whatif [data-bar="success_probability"]')
    if bar.count():
        assert float(bar.first.get_attribute("width")) == round(10000 * after) / 100


def test_edit_a_constituency_and_see_the_probability_change(page: Any) -> None:
    case_url = fresh_case(page, "Edited nurses")
    page.goto(case_url + "/deal")
    before = success(page)
    page.goto(case_url + "/edit")
    # the safe-staffing caucus can block implementation; lower what it would accept
    field = page.locator('input[name="sides[1].constituencies[1].reservation"]')
    assert field.input_value() == "0.5"
    shot(page, "04-editor", full=False)
    field.fill("0.3")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/edit")
    assert page.get_by_text("Saved as revision 2.").count() == 1
    page.goto(case_url + "/deal")
    after = success(page)
    assert after > before  # the caucus is easier to please: the deal is likelier
    # a court challenge the union may lose: an implementation risk, added in the form
    page.goto(case_url + "/edit")
    page.locator('button[value="add-risk:1"]').click()
    risk = page.locator('input[name="sides[1].implementation_risks[0].probability"]')
    assert risk.input_value() == "0"
    page.locator('input[name="sides[1].implementation_risks[0].name"]').fill("Court challenge")
    risk.fill("0.5")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/edit")
    assert page.get_by_text("Saved as revision 3.").count() == 1
    assert page.get_by_role("group", name="Risk: Court challenge").count() == 1
    page.goto(case_url + "/deal")
    assert success(page) == pytest.approx(after * 0.5, rel=1e-9)  # × (1 − π)


def test_a_bad_value_is_shown_next_to_its_field(page: Any, case_url: str) -> None:
    page.goto(case_url + "/edit")
    page.locator('input[name="sides[1].constituencies[1].strength"]').fill("1.5")
    page.get_by_role("button", name="Save", exact=True).click()
    field = page.locator('input[name="sides[1].constituencies[1].strength"]')
    assert field.get_attribute("aria-invalid") == "true"
    error = page.locator(f"#{field.get_attribute('id')}-err")
    assert "expected a number less than or equal to 1" in error.inner_text()
    shot(page, "05-editor-error", full=False)


def test_the_win_set_chart_loads_a_deal_on_click(
    page: Any, case_url: str, server: str, tmp_path: Path
) -> None:
    page.goto(case_url + "/winsets")
    page.wait_for_selector(".winsets[data-ready=true]")
    shot(page, "06-winsets")
    # the figures the page shows are the CLI's
    from typer.testing import CliRunner

    from leveltwo.cli.app import app as cli_app

    path = tmp_path / "case.yaml"
    path.write_text(page.request.get(f"{server}{case_url}/export/case.yaml").text())
    cli = json.loads(CliRunner().invoke(cli_app, ["winsets", str(path), "--json"]).stdout)
    shown = [float(v) for v in page.locator("#summary dd").evaluate_all(
        "els => els.map(e => e.getAttribute('data-value'))"
    )]  # fmt: skip
    expected = [cli["outcomes"], *(s["winset_size"] for s in cli["sides"]),
                cli["agreement_zone_size"], cli["max_success_probability"]]  # fmt: skip
    assert shown == expected
    canvas = page.locator("#chart")
    box = canvas.bounding_box()
    points = page.evaluate("() => 0")  # the chart draws its dots; click the best deal's mark
    assert points == 0
    best = page.locator("#summary a.button").first
    assert best.count() == 1
    # click somewhere on the cloud of dots: the nearest deal opens in the builder
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    try:
        page.wait_for_url("**/deal?choices=*", timeout=3_000)
    except Exception:
        best.click()
        page.wait_for_url("**/deal?choices=*")
    assert "/deal?choices=" in page.url


def test_the_party_map_is_drawn(page: Any, case_url: str) -> None:
    page.goto(case_url + "/parties")
    assert page.locator("svg.party-map .node").count() >= 6
    shot(page, "07-party-map")


def test_apply_a_move_in_the_plan(page: Any) -> None:
    case_url = fresh_case(page, "Planned nurses")
    page.goto(case_url + "/plan")
    page.wait_for_selector(".plan[data-ready=true]", timeout=60_000)
    boxes = page.locator('#moves-form input[name="on"]')
    assert boxes.count() >= 1
    effect = page.locator('#effect [data-key="success_probability_after"]')
    with_all = float(effect.get_attribute("data-value"))
    for k in range(boxes.count()):
        boxes.nth(k).uncheck()
    page.wait_for_selector(".plan[data-on='0']")
    none = float(effect.get_attribute("data-value"))
    boxes.first.check()  # apply one move
    page.wait_for_selector(".plan[data-on='1']")
    one = float(effect.get_attribute("data-value"))
    assert one != none
    assert with_all >= none
    shot(page, "08-plan")
    final = page.locator("#final-choices").input_value()
    page.get_by_role("button", name="Make it the proposal").click()
    page.wait_for_selector("text=This deal is now the proposal")
    deal = page.request.get(page.url.split("/cases/")[0] + "/api" + case_url + "/assess").json()
    assert deal["choices"] == final  # the applied move's deal is now the one on the table


def test_adopt_the_plan_then_open_its_speech_and_report(page: Any, tmp_path: Path) -> None:
    case_url = fresh_case(page, "Adopted nurses")
    page.goto(case_url + "/plan")
    page.wait_for_selector(".plan[data-ready=true]", timeout=60_000)
    after = float(
        page.locator('#effect [data-key="success_probability_after"]').get_attribute("data-value")
    )
    # the plan adds an option: its deal is opened by adopting the plan
    assert page.locator("#adopt-note").is_visible()
    page.get_by_role("button", name="Adopt this plan").click()
    page.wait_for_selector("text=The plan is adopted")
    assert page.url.endswith(case_url + "/deal")
    assessed = page.request.get(page.url.split("/cases/")[0] + "/api" + case_url + "/assess")
    assert assessed.json()["success_probability"] == after
    page.goto(case_url + "/history")
    assert page.get_by_text("Adopted the Level II plan").count() >= 1
    page.goto(case_url + "/speech")
    assert page.locator("#speech-plain").text_content()
    page.goto(case_url + "/export")
    with page.expect_download() as info:
        page.locator("#report-link").click()
    path = tmp_path / "report.html"
    info.value.save_as(path)
    assert "5 patients per nurse in ICU and emergency only" in path.read_text(encoding="utf-8")


def test_the_speech_can_be_copied(browser: Any, server: str, case_url: str) -> None:
    context = browser.new_context(base_url=server, viewport={"width": 1366, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(case_url + "/speech")
    page.get_by_role("button", name="Copy the draft").click()
    page.wait_for_selector("#copy-status:has-text('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#speech-plain").text_content()
    assert page.locator("#speech-text strong").count() > 0  # the deal's terms stand out
    shot(page, "09-speech")
    context.close()


def test_restore_an_old_revision(page: Any, server: str) -> None:
    case_url = fresh_case(page, "Restored nurses")
    page.goto(case_url + "/edit")
    page.locator('input[name="sides[1].constituencies[1].strength"]').fill("0.8")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("text=Saved as revision 2.")
    page.goto(case_url + "/history")
    shot(page, "10-history")
    first = page.request.get(f"{server}/api{case_url}").json()
    assert first["revision"] == 2
    page.locator("#restore-1").evaluate("f => f.requestSubmit()")
    page.wait_for_selector("text=Restored revision 1")
    head = page.request.get(f"{server}/api{case_url}").json()
    assert head["revision"] == first["revision"] + 1
    original = page.request.get(f"{server}{case_url}/revisions/1")
    assert original.ok
    page.goto(case_url + f"/diff?a=1&b={head['revision']}")
    assert page.get_by_text("The two texts are identical.").count() == 1


def test_export_the_report(page: Any, case_url: str, tmp_path: Path) -> None:
    page.goto(case_url + "/export")
    shot(page, "11-export")
    # the report is built while the request waits: allow for a loaded machine
    with page.expect_download(timeout=90_000) as info:
        page.locator("#report-link").click(timeout=90_000)
    path = tmp_path / "report.html"
    info.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html")
    assert "Browser nurses" in text
    with page.expect_download() as info:
        page.get_by_role("link", name="Download JSON").click()
    info.value.save_as(tmp_path / "case.json")
    assert json.loads((tmp_path / "case.json").read_text())["title"] == "Browser nurses"


def test_keyboard_users_can_skip_to_content_and_see_focus(page: Any) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_a_tablet_sized_screen_works(browser: Any, server: str, case_url: str) -> None:
    context = browser.new_context(base_url=server, viewport={"width": 820, "height": 1180})
    page = context.new_page()
    page.goto(case_url + "/deal")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 820  # no sideways scrolling
    shot(page, "12-deal-builder-tablet")
    context.close()


def test_two_editors_one_case_the_second_save_is_merged_not_lost(browser: Any, server: str) -> None:
    context = browser.new_context(base_url=server, viewport={"width": 1366, "height": 900})
    ann, bob = context.new_page(), context.new_page()
    case_url = fresh_case(ann, "Merged nurses")
    ann.goto(case_url + "/edit")
    bob.goto(case_url + "/edit")
    ann.locator('input[name="sides[0].constituencies[0].reservation"]').fill("0.6")
    ann.get_by_role("button", name="Save", exact=True).click()
    ann.wait_for_selector("text=Saved as revision")
    bob.locator('input[name="sides[1].constituencies[1].uncertainty"]').fill("0.2")
    bob.get_by_role("button", name="Save", exact=True).click()
    bob.wait_for_selector("text=Your changes were not saved yet")
    assert bob.get_by_role("heading", name="Merged for you").count() == 1
    shot(bob, "13-conflict", full=False)
    merged = bob.locator("#merge-text").input_value()
    assert "reservation: 0.6" in merged
    assert "uncertainty: 0.2" in merged
    bob.get_by_role("button", name="Save as revision").click()
    bob.wait_for_selector("text=Saved as revision")
    head = bob.request.get(f"{server}/api{case_url}").json()
    assert "uncertainty: 0.2" in head["text"]
    assert "reservation: 0.6" in head["text"]
    context.close()


def test_with_a_token_the_browser_logs_in_first(browser: Any, tmp_path: Path) -> None:
    for base in _serve(tmp_path, token="s3cret-token-for-the-browser-test"):
        context = browser.new_context(base_url=base, viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.goto("/cases/1/deal")
        page.wait_for_url("**/login?next=*")
        shot(page, "14-login", full=False)
        page.get_by_label("Access token").fill("wrong")
        page.get_by_role("button", name="Log in").click()
        assert page.get_by_text("That token is not right").count() == 1
        page.get_by_label("Access token").fill("s3cret-token-for-the-browser-test")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/cases/1/deal")  # back where the user was going
        page.wait_for_selector(".builder[data-ready=true]")
        page.get_by_role("button", name="Log out").click()
        page.wait_for_url("**/login")
        context.close()


def test_the_yaml_view_points_at_the_bad_line(page: Any, case_url: str) -> None:
    page.goto(case_url + "/yaml")
    text = page.locator("#yaml-text").input_value()
    page.locator("#yaml-text").fill(text.replace("quota: 0.5", "quota: 7", 1))
    page.get_by_role("button", name="Check without saving").click()
    link = page.locator("#problems a[data-line]").first
    assert "quota" in link.inner_text()
    line = int(link.get_attribute("data-line"))
    link.click()
    selected = page.evaluate(
        "() => { const t = document.getElementById('yaml-text');"
        " return t.value.slice(t.selectionStart, t.selectionEnd); }"
    )
    assert "quota: 7" in selected
    assert page.evaluate("document.activeElement.id") == "yaml-text"
    assert line > 1
    shot(page, "15-yaml-problem", full=False)


UNLABELLED = """() => Array.from(document.querySelectorAll('input, select, textarea, button'))
  .filter(el => el.type !== 'hidden' && !el.closest('[hidden]'))
  .filter(el => {
    if (el.tagName === 'BUTTON') return !(el.textContent.trim() || el.getAttribute('aria-label'));
    return !(el.labels && el.labels.length) && !el.getAttribute('aria-label');
  })
  .map(el => el.outerHTML.slice(0, 120))"""


def test_every_control_on_the_main_pages_has_a_label(page: Any, case_url: str) -> None:
    for url in ["/", "/trash", case_url, case_url + "/deal", case_url + "/edit",
                case_url + "/yaml", case_url + "/history", case_url + "/winsets",
                case_url + "/parties", case_url + "/speech", case_url + "/export"]:  # fmt: skip
        page.goto(url)
        assert page.evaluate(UNLABELLED) == [], url
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("h1").count() == 1, url


def test_the_bargaining_page_draws_the_leverage_chart(page: Any, case_url: str) -> None:
    page.goto(case_url)
    page.get_by_role("link", name="Bargaining").click()
    page.wait_for_url("**/bargaining")
    assert page.locator("#leverage-chart svg polyline").count() == 3
    assert page.locator("#equilibrium thead th").count() == 5  # issue, 2 first proposers, 2
    page.locator("#first").select_option("hospital")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**first=hospital*")
    assert page.locator("#equilibrium thead th").count() == 4
    shot(page, "10-bargaining")


def test_the_guided_flow_builds_a_case_answer_by_answer(page: Any) -> None:
    """A small case through the guided flow, each answer typed or chosen; the saved case
    validates and its fitted bars give back the chances of yes given."""
    from scipy.special import ndtr

    from leveltwo import case_from_text, validate_text
    from leveltwo.model.deal import Deal

    page.goto("/")
    page.get_by_role("link", name="New case, guided").click()
    page.get_by_label("Title of the case").fill("Guided pilots")
    page.get_by_label("Issue 1", exact=True).fill("Pay")
    page.get_by_label("Options of issue 1, in order, comma-separated").fill("0%, 4%, 8%")
    page.get_by_label("Issue 2", exact=True).fill("Scope")
    page.get_by_label("Options of issue 2, in order, comma-separated").fill("open, capped")
    page.get_by_label("Our side (the one you advise)").fill("Airline")
    page.get_by_label("The other side").fill("Union")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Union: constituency 1", exact=True).fill("Members")
    page.get_by_role("button", name="Next").click()
    # what each wants: our negotiator (0), theirs (1), the members (2)
    page.locator("#w_0_dir_pay").select_option("start")
    page.locator("#w_0_dir_scope").select_option("start")
    page.locator("#w_0_rank_1").select_option("scope")
    page.locator("#w_1_rank_1").select_option("scope")
    page.locator("#w_2_rank_0").select_option("scope")
    page.locator("#w_2_rank_1").select_option("pay")
    page.get_by_label("Must Members not be seen to concede in public?").select_option("some")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Proposal: Pay").select_option("4%")
    page.get_by_label("Proposal: Scope").select_option("capped")
    page.get_by_role("button", name="Next").click()
    inputs = page.locator("input[name^=vote_]")
    given: dict[str, tuple[float, dict[str, str]]] = {}
    for k in range(inputs.count()):
        field = inputs.nth(k)
        name = str(field.get_attribute("name"))
        label = page.locator(f'label[for="{name}"]').inner_text()
        terms = dict(t.split(": ", 1) for t in label.split(": chance of yes to ")[1].split("; "))
        if name.endswith("_1"):
            continue  # the middle deal is left empty: two answers fix a bar exactly
        answer = 20 if name.endswith("_0") else 80
        field.fill(f"{answer}%")
        given[name] = (answer / 100, terms)
    assert len(given) == 6
    shot(page, "10-guided-votes")
    page.get_by_role("button", name="Next").click()
    assert page.locator("#fitted tbody tr").count() == 3
    shot(page, "11-guided-review")
    page.get_by_role("button", name="Save the case").click()
    page.wait_for_url("**/cases/*")
    case_id = page.url.rsplit("/", 1)[1]
    text = page.request.get(f"/api/cases/{case_id}").json()["text"]
    assert validate_text(text) == []
    case = case_from_text(text)
    assert case.title == "Guided pilots"
    assert case.proposal is not None
    page.goto(f"/cases/{case_id}/yaml")
    assert "fitted to your answers" in page.locator("#yaml-text").input_value()
    # each answer again, recomputed from the saved case
    for name, (answer, terms) in given.items():
        key = name.removeprefix("vote_")[:-2]
        deal = Deal(tuple(i.options.index(terms[i.id]) for i in case.issues))
        st = case.stakeholder(key)
        p = float(ndtr((st.preferences.utility(deal) - st.reservation) / st.uncertainty))
        assert abs(p - answer) < 0.005, (key, p, answer)  # the bars are written to 4 places
