"""At phone width (390 × 844) no page scrolls sideways; live what-ifs in a real browser.

Uses the server, browser and page fixtures of test_web_browser (Debian's Chromium
through Playwright; skipped without /usr/bin/chromium).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from test_web_browser import ARGS, CHROMIUM, browser, fresh_case, page, server, shot  # noqa: F401
from test_web_browser import pytestmark as browser_marks

pytestmark = browser_marks

PAGES = [
    "",
    "/deal",
    "/winsets",
    "/parties",
    "/plan",
    "/speech",
    "/whatif",
    "/compare",
    "/edit",
    "/yaml",
    "/history",
    "/export",
]


@pytest.fixture
def phone(browser: Any, server: str) -> Iterator[Any]:  # noqa: F811
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 844})
    context.set_default_timeout(20_000)
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture(scope="module")
def phone_case(browser: Any, server: str) -> str:  # noqa: F811
    context = browser.new_context(base_url=server, viewport={"width": 1366, "height": 900})
    url = fresh_case(context.new_page(), "Phone nurses")
    context.close()
    return url


WIDEST = """() => {
  const w = document.documentElement.clientWidth, out = [];
  const clipped = (e) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  document.querySelectorAll("body *").forEach((e) => {
    if (clipped(e)) return;
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > w + 0.5) {
      const cls = typeof e.className === "string" ? e.className : "";
      out.push(`${e.tagName.toLowerCase()}.${cls}#${e.id} → ${Math.round(r.right)}`);
    }
  });
  return out.slice(0, 8);
}"""


def _overflow(p: Any) -> tuple[int, int]:
    return p.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


@pytest.mark.parametrize("path", ["/", *PAGES[1:]], ids=lambda s: s or "/")
def test_no_horizontal_overflow_at_390px(phone: Any, phone_case: str, path: str) -> None:
    url = "/" if path == "/" else phone_case + path
    phone.goto(url)
    phone.wait_for_load_state("networkidle")
    if path == "/winsets":
        phone.wait_for_selector(".winsets[data-ready]")
    scroll, client = _overflow(phone)
    shot(phone, "phone-" + (path.strip("/") or "home"))
    assert scroll <= client, f"{url}: scrollWidth {scroll} > {client}: {phone.evaluate(WIDEST)}"


def test_a_live_what_if_changes_p_without_a_revision_and_save_creates_one(
    page: Any,  # noqa: F811
) -> None:
    url = fresh_case(page, "What-if nurses")
    case_id = url.rstrip("/").split("/")[-1]
    head = page.request.get(f"/api/cases/{case_id}").json()["revision"]
    page.goto(url + "/whatif")
    p0 = float(
        page.locator('.result [data-key="success_probability"]').first.get_attribute("data-value")
    )
    slider = page.locator('input[data-assumption="union.members.critical_care.reservation"]')
    slider.focus()
    for _ in range(10):  # keyboard: the slider moves by its step
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "p0 => Number(document.querySelector('.result [data-key=\"success_probability\"]')"
        ".getAttribute('data-value')) < p0",
        arg=p0,
    )
    assert "not saved" in page.locator("#whatif-status").inner_text()
    assert page.request.get(f"/api/cases/{case_id}").json()["revision"] == head
    page.get_by_role("button", name="Save as a revision").click()
    page.wait_for_url(f"**/cases/{case_id}/whatif**")
    assert page.request.get(f"/api/cases/{case_id}").json()["revision"] == head + 1
    p1 = float(
        page.locator('.result [data-key="success_probability"]').first.get_attribute("data-value")
    )
    assert p1 < p0  # the saved case is the one explored
    page.get_by_role("button", name="Reset").wait_for(state="attached")


def test_winset_chart_is_keyboard_reachable_and_marks_the_proposal(page: Any) -> None:  # noqa: F811
    url = fresh_case(page, "Chart nurses")
    page.goto(url + "/winsets")
    page.wait_for_selector(".winsets[data-ready]")
    page.locator("#chart").focus()
    page.keyboard.press("ArrowRight")
    said = page.locator("#chart-focus").inner_text()
    assert said.startswith("Proposal: Wage increase over the contract: 12%")
    assert "success 25.1%" in said
    page.keyboard.press("ArrowRight")
    assert page.locator("#chart-focus").inner_text().startswith("Best for us:")
