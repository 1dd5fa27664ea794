"""How one web app instance runs: where it listens, its store, its token, its limits."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

from leveltwo.errors import LeveltwoError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: Requests with a larger body are refused with 413.
MAX_BODY_BYTES = 2 * 1024 * 1024
TOKEN_ENV = "LEVELTWO_TOKEN"
LOCAL_HOST_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    name = host.strip("[]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class InsecureBindError(LeveltwoError):
    """Listening beyond this machine without authentication is refused."""

    exit_code = 2


@dataclass(frozen=True)
class Settings:
    """Everything :func:`leveltwo.web.create_app` needs to know.

    ``token`` switches authentication on (it is required when ``host`` is not a
    loopback address). ``db_url`` defaults to SQLite in the user's data
    directory. ``allowed_hosts`` guards against DNS rebinding: by default, an
    app bound to loopback answers only requests addressed to a local host name.
    """

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    db_url: str | None = None
    token: str | None = None
    max_body_bytes: int = MAX_BODY_BYTES
    load_examples: bool = True
    allowed_hosts: tuple[str, ...] | None = None

    @property
    def auth_required(self) -> bool:
        return bool(self.token)

    def check(self) -> None:
        """Refuse an insecure configuration."""
        if not is_loopback(self.host) and not self.token:
            raise InsecureBindError(
                f"refusing to listen on {self.host} without authentication: anyone on the "
                f"network could read and change your cases. Give --token TOKEN (or set "
                f"{TOKEN_ENV}), or bind to 127.0.0.1."
            )

    def host_names(self) -> tuple[str, ...] | None:
        """Host header names accepted (None: any)."""
        if self.allowed_hosts is not None:
            return self.allowed_hosts
        if is_loopback(self.host):
            return LOCAL_HOST_NAMES
        return None

    @staticmethod
    def token_from_env() -> str | None:
        value = os.environ.get(TOKEN_ENV, "").strip()
        return value or None
