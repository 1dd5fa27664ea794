"""Plain-language output built on the engine: the victory speech and the diagnosis text.

Layering: ``narrative`` may import ``model``, ``engine`` and ``strategies``;
never ``io``, ``cli`` or ``web``.
"""

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
    "Claim",
    "LineToAvoid",
    "Listener",
    "SpeechIngredients",
    "VictorySpeech",
    "speech_ingredients",
    "victory_speech",
]
