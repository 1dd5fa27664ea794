"""Plain-language output built on the engine: the victory speech and the diagnosis text.

Layering: ``narrative`` may import ``model``, ``engine`` and ``strategies``;
never ``io``, ``cli`` or ``web``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leveltwo.lazy import lazy_exports

#: Each public name → its module, imported on first use (PEP 562): importing one
#: module of the package does not import the others.
_EXPORTS: dict[str, str] = {
    "Audience": "leveltwo.narrative.ingredients",
    "BlockerText": "leveltwo.narrative.diagnosis",
    "Claim": "leveltwo.narrative.ingredients",
    "DiagnosisText": "leveltwo.narrative.diagnosis",
    "LineToAvoid": "leveltwo.narrative.ingredients",
    "Listener": "leveltwo.narrative.ingredients",
    "SpeechIngredients": "leveltwo.narrative.ingredients",
    "VictorySpeech": "leveltwo.narrative.speech",
    "diagnosis_text": "leveltwo.narrative.diagnosis",
    "explain": "leveltwo.narrative.diagnosis",
    "speech_ingredients": "leveltwo.narrative.ingredients",
    "victory_speech": "leveltwo.narrative.speech",
}


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())


if TYPE_CHECKING:  # explicit re-exports, for type checkers
    from leveltwo.narrative.diagnosis import BlockerText as BlockerText
    from leveltwo.narrative.diagnosis import DiagnosisText as DiagnosisText
    from leveltwo.narrative.diagnosis import diagnosis_text as diagnosis_text
    from leveltwo.narrative.diagnosis import explain as explain
    from leveltwo.narrative.ingredients import Audience as Audience
    from leveltwo.narrative.ingredients import Claim as Claim
    from leveltwo.narrative.ingredients import LineToAvoid as LineToAvoid
    from leveltwo.narrative.ingredients import Listener as Listener
    from leveltwo.narrative.ingredients import SpeechIngredients as SpeechIngredients
    from leveltwo.narrative.ingredients import speech_ingredients as speech_ingredients
    from leveltwo.narrative.speech import VictorySpeech as VictorySpeech
    from leveltwo.narrative.speech import victory_speech as victory_speech

__all__ = [
    "Audience",
    "BlockerText",
    "Claim",
    "DiagnosisText",
    "LineToAvoid",
    "Listener",
    "SpeechIngredients",
    "VictorySpeech",
    "diagnosis_text",
    "explain",
    "speech_ingredients",
    "victory_speech",
]
