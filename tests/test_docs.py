"""The examples in README.md and docs/**/*.md run, as doctests, one test per file.

Examples are ``>>> `` lines with their expected output, in indented code blocks
or in fenced ones (```pycon). A fence line ends an example's expected output,
as a blank line does. Files run from the repository root (so relative paths
such as ``docs/examples/pilots.yaml`` work), with ELLIPSIS and
NORMALIZE_WHITESPACE. Files without examples are skipped.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
FENCE = re.compile(r"^[ \t]*(```|~~~).*$", re.MULTILINE)


class MarkdownDocTestParser(doctest.DocTestParser):
    """A doctest parser that treats Markdown fence lines as blank lines."""

    def parse(self, string: str, name: str = "<string>") -> list[str | doctest.Example]:
        return super().parse(FENCE.sub("", string), name)


def doc_files() -> list[Path]:
    files = [ROOT / "README.md"] if (ROOT / "README.md").is_file() else []
    return files + sorted((ROOT / "docs").glob("**/*.md"))


def has_examples(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    return bool(MarkdownDocTestParser().get_examples(text, str(path)))


@pytest.mark.parametrize(
    "path", doc_files(), ids=lambda p: str(p.relative_to(ROOT)) if isinstance(p, Path) else p
)
def test_doc_examples_run(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not has_examples(path):
        pytest.skip("no >>> examples")
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(path),
        module_relative=False,
        optionflags=FLAGS,
        parser=MarkdownDocTestParser(),
        encoding="utf-8",
        raise_on_error=False,
        verbose=False,
    )
    assert result.attempted > 0
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed (see above)"


def test_the_markdown_parser_ends_expected_output_at_a_fence() -> None:
    text = "```pycon\n>>> 1 + 1\n2\n```\nprose\n"
    examples = MarkdownDocTestParser().get_examples(text)
    assert [(e.source, e.want) for e in examples] == [("1 + 1\n", "2\n")]


def test_the_model_docs_are_among_the_files() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in doc_files()}
    assert {"docs/model.md", "docs/case-format.md"} <= names


# ---------------------------------------------------------------------------
# docs/case-format.md matches the case model (its field tables are generated and
# checked in tests/model/test_fieldtable.py)
CASE_FORMAT = ROOT / "docs" / "case-format.md"
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)


def without_leading_comments(text: str) -> str:
    lines = text.splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(lines).strip()


def test_the_case_format_examples_are_valid_and_match_their_files() -> None:
    from leveltwo.io.casefile import validate_text

    text = CASE_FORMAT.read_text(encoding="utf-8")
    cases = [b for b in YAML_BLOCK.findall(text) if b.startswith("leveltwo:")]
    assert len(cases) == 2
    for block in cases:
        assert validate_text(block) == [], block[:60]
    files = [ROOT / "docs" / "examples" / n for n in ("pilots.yaml", "port-concession.yaml")]
    for block, path in zip(cases, files, strict=True):
        assert without_leading_comments(block) == without_leading_comments(
            path.read_text(encoding="utf-8")
        ), f"the example in docs/case-format.md differs from {path.name}"


def test_nothing_cites_a_design_page_outside_the_repository() -> None:
    """The model is docs/model.md (and the moves docs/strategies.md): sources, tests and
    docs cite those, not a design page a reader of the repository does not have."""
    cited = re.compile(r"\bDESIGN(?:\.md)?\s*§|\.\./shared/")
    files = [
        p
        for folder in ("src", "tests", "docs", "benchmarks")
        for p in (ROOT / folder).rglob("*")
        if p.suffix in {".py", ".md", ".j2", ".html", ".js"} and "__pycache__" not in p.parts
    ]
    assert len(files) > 100
    found = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in files
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if cited.search(line) and p.name != "test_docs.py"
    ]
    assert found == []
