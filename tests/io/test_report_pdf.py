"""``leveltwo report --pdf``: page count, the brief on page 1, no blank page, nothing clipped.

Needs the ``pdf`` extra (WeasyPrint, with Debian's Pango: ``make pdf-deps``);
skipped without it. Text is read back with pypdf, with each run's position.
"""

from __future__ import annotations

import html
import io
import re

import pytest

from leveltwo import bundled_cases, load_case
from leveltwo.io.report import render_pdf, render_report

pypdf = pytest.importorskip("pypdf")
try:
    import weasyprint  # noqa: F401
except (ImportError, OSError):  # OSError: Pango missing
    pytest.skip("WeasyPrint (the pdf extra) with Pango is needed", allow_module_level=True)

CASES = [b.name for b in bundled_cases()]
CONFIDENTIAL = "Confidential: bargaining team only"


@pytest.fixture(scope="module", params=CASES)
def pdf(request):
    case = load_case(request.param)
    doc = render_report(case, confidential=CONFIDENTIAL)
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(doc)))
    return case, doc, reader


def _runs(page) -> list[tuple[str, float, float]]:
    found: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            found.append((text, x, y))

    page.extract_text(visitor_text=visit)
    return found


def _body(page) -> str:
    """A page's text without its running header and footer."""
    text = page.extract_text()
    lines = [
        line
        for line in text.splitlines()
        if CONFIDENTIAL not in line and not re.search(r"Page \d+ of \d+", line)
    ]
    return "\n".join(lines[:-1] if lines else lines)  # the last line is title + date


def test_page_count_and_every_page_numbered(pdf):
    case, _, reader = pdf
    n = len(reader.pages)
    assert 4 <= n <= 20, n
    for k, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {k} of {n}" in text
        assert CONFIDENTIAL in text
        assert case.title.replace("'", "") in text.replace("'", "").replace("&#39;", "")


def test_the_brief_is_page_one(pdf):
    _, _, reader = pdf
    first = " ".join(reader.pages[0].extract_text().split())
    assert "The brief" in first
    for head in ("Who blocks, and why", "What to avoid"):
        assert head in first
    assert "As it stands the deal is" in first
    assert "The deal and its assessment" not in first.split("The brief", 1)[1]
    assert "The brief" not in " ".join(reader.pages[1].extract_text().split())


def test_no_blank_page(pdf):
    _, _, reader = pdf
    for k, page in enumerate(reader.pages, start=1):
        body = _body(page)
        least = 40 if k == len(reader.pages) else 400
        assert len(body) >= least, (k, body[:200])


def test_no_text_outside_the_page(pdf):
    _, doc, reader = pdf
    # chart labels are placed in the chart's own coordinates (test_report_prep checks them)
    chart_text = {html.unescape(t).strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", doc)}
    for k, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        w, h = float(box.width), float(box.height)
        for text, x, y in _runs(page):
            if text.strip() in chart_text:
                continue
            assert -1 <= x <= w - 20, (k, text, x)
            assert 0 <= y <= h, (k, text, y)
