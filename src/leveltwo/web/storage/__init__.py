"""Where the web app keeps cases: SQLAlchemy models, migrations and a repository.

Every save is a new :class:`~leveltwo.web.storage.models.Revision`; nothing is
updated in place, so nothing a user saved is ever lost.
"""

from leveltwo.web.storage.database import Database
from leveltwo.web.storage.repository import CaseSummary, Repository, RevisionInfo

__all__ = ["CaseSummary", "Database", "Repository", "RevisionInfo"]
