"""How one web app instance runs: where it listens, its store, its token, its limits."""

from __future__ import annotations

import ipaddress
import math
import os
from collections import Counter
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


class WeakTokenError(InsecureBindError):
    """The access token is too short, too guessable, or has spaces or control characters."""


#: Characters an access token needs at least.
MIN_TOKEN_CHARS = 16
#: Bits an access token needs at least, estimated as its length × the Shannon entropy
#: of its characters' frequencies (a random 22-character URL-safe token has about 95).
MIN_TOKEN_BITS = 64.0
MAKE_TOKEN = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'


def token_bits(token: str) -> float:
    """An estimate of a token's entropy: length × Shannon entropy of its character mix."""
    if not token:
        return 0.0
    n = len(token)
    counts = Counter(token)
    per_char = -sum(c / n * math.log2(c / n) for c in counts.values())
    return n * per_char


def token_problem(token: str) -> str | None:
    """Why a token is refused (None when it is good enough)."""
    if any(ch.isspace() or not ch.isprintable() for ch in token):
        return "it contains spaces or control characters"
    if len(token) < MIN_TOKEN_CHARS:
        return f"it has {len(token)} characters, fewer than {MIN_TOKEN_CHARS}"
    bits = token_bits(token)
    if bits < MIN_TOKEN_BITS:
        return f"it is too guessable (about {bits:.0f} bits; at least {MIN_TOKEN_BITS:.0f} needed)"
    return None


@dataclass(frozen=True)
class Settings:
    """Everything :func:`leveltwo.web.create_app` needs to know.

    ``token`` switches authentication on (it is required when ``host`` is not a
    loopback address). ``db_url`` defaults to SQLite in the user's data
    directory. ``allowed_hosts`` guards against DNS rebinding: by default, an
    app bound to loopback answers only requests addressed to a local host name.
    ``behind_proxy`` trusts the ``X-Forwarded-For`` and ``X-Forwarded-Proto`` headers
    of a reverse proxy (for the client's address and for ``Secure`` cookies).
    """

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    db_url: str | None = None
    token: str | None = None
    max_body_bytes: int = MAX_BODY_BYTES
    load_examples: bool = True
    allowed_hosts: tuple[str, ...] | None = None
    behind_proxy: bool = False

    @property
    def auth_required(self) -> bool:
        return bool(self.token)

    def check(self) -> None:
        """Refuse an insecure configuration: no token off loopback, or a weak token."""
        if self.token is not None:
            problem = token_problem(self.token)
            if problem is not None:
                raise WeakTokenError(
                    f"refusing the access token: {problem}. Use a long random one, e.g. "
                    f"from {MAKE_TOKEN}"
                )
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
