"""docs/speech.md shows a speech generated from a bundled case: it must match the code.

Regenerate the block after changing the template:
``LEVELTWO_REGEN_DOCS=1 .venv/bin/pytest tests/narrative/test_speech_docs.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

from leveltwo.io.casefile import load_case
from leveltwo.narrative.speech import victory_speech

DOC = Path(__file__).resolve().parents[2] / "docs" / "speech.md"
BEGIN = "<!-- BEGIN GENERATED: leveltwo speech labour-contract -->\n"
END = "<!-- END GENERATED -->\n"


def generated_block() -> str:
    speech = victory_speech(load_case("labour-contract"))
    avoid = "\n".join(f"- {line.sentence()}" for line in speech.ingredients.lines_to_avoid())
    return (
        "Lines to avoid (`ingredients.avoid`):\n\n"
        f"{avoid}\n\n"
        "The draft (`text`):\n\n"
        "````markdown\n"
        f"{speech.text}"
        "````\n"
    )


def test_docs_example_is_the_generated_speech() -> None:
    doc = DOC.read_text(encoding="utf-8")
    assert BEGIN in doc, "docs/speech.md lost its generated-example start marker"
    head, _, rest = doc.partition(BEGIN)
    assert END in rest, "docs/speech.md lost its generated-example end marker"
    current, _, tail = rest.partition(END)
    block = generated_block()
    if os.environ.get("LEVELTWO_REGEN_DOCS") and current != block:
        DOC.write_text(head + BEGIN + block + END + tail, encoding="utf-8")
        current = block
    assert current == block, "regenerate with LEVELTWO_REGEN_DOCS=1 (see this file's docstring)"
