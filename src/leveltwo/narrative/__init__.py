"""Plain-language output built on the engine: the victory speech and the diagnosis text.

Layering: ``narrative`` may import ``model``, ``engine`` and ``strategies``;
never ``io``, ``cli`` or ``web``.
"""

from leveltwo.narrative.diagnosis import BlockerText, DiagnosisText, diagnosis_text, explain
from leveltwo.narrative.ingredients import (
    Audience,
    Claim,
    LineToAvoid,
    Listener,
    SpeechIngredients,
    speech_ingredients,
)
from leveltwo.narrative.speech import VictorySpeech, victory_speech

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
