"""Plain-language output built on the engine: the victory speech and the diagnosis text.

Layering: ``narrative`` may import ``model``, ``engine`` and ``strategies``;
never ``io``, ``cli`` or ``web``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leveltwo.lazy import facade

#: Names are imported on first use (PEP 562) from the modules the TYPE_CHECKING block
#: below names: that block is the one list of the package's public names (see
#: leveltwo/lazy.py), read by type checkers as it is and by ``facade`` from the source.
__getattr__, __dir__ = facade(globals())


if TYPE_CHECKING:  # the public names: explicit re-exports, imported on first use
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
