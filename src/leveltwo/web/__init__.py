"""The leveltwo web app: prepare a negotiation in the browser (``leveltwo serve``).

The web layer holds no analysis logic: every number comes from the library
(:func:`leveltwo.assess`, :func:`leveltwo.analyze_space`, the diagnosis, the
planner, the narrative), so the browser, the CLI and the report agree.
"""

from leveltwo.web.app import create_app
from leveltwo.web.settings import Settings

__all__ = ["Settings", "create_app"]
