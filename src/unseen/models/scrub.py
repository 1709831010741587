"""Secrets never reach the record: one function every adapter and the runner pass text
through before anything is stored or printed.

``scrub`` removes the values of known keys (the ``secrets`` given, and every environment
variable whose name ends in ``API_KEY``), the value after ``Authorization``,
``Proxy-Authorization`` or an ``api-key`` header name, any ``Bearer`` token, and
the ``user:password@`` of URLs. A value shorter than 8 characters is not searched for
literally (it would eat ordinary words of a response); the header and URL patterns still
catch it where it stands as a credential.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import overload
from urllib.parse import urlsplit, urlunsplit

REDACTED = "[redacted]"
MIN_SECRET = 8

_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@?#\"'<>]+@")
_HEADER_VALUE = re.compile(
    r"(?i)\b((?:proxy-)?authorization|(?:x-)?api[-_]key)([\"']?\s*[:=]\s*[\"']?)[^\"'\r\n,;}]+")
# a Bearer token: 8 or more token characters, one at least not a letter ("bearer bonds" stays)
_TOKEN = re.compile(r"(?i)\b(bearer)(\s+)(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{8,}")


def env_secrets() -> list[str]:
    """Values of environment variables that hold keys (``OPENAI_API_KEY`` and the like)."""
    return [v for k, v in os.environ.items() if k.upper().endswith("API_KEY") and v]


@overload
def scrub(text: str, secrets: Iterable[str | None] = (), *, env: bool = True) -> str: ...
@overload
def scrub(text: None, secrets: Iterable[str | None] = (), *, env: bool = True) -> None: ...


def scrub(text: str | None, secrets: Iterable[str | None] = (), *, env: bool = True) -> str | None:
    """``text`` without keys, authorization values or URL credentials. ``env=False`` skips
    reading the environment's keys (for a caller that passes them in ``secrets``)."""
    if not text:
        return text
    values = {s for s in [*secrets, *(env_secrets() if env else ())] if s and len(s) >= MIN_SECRET}
    for value in sorted(values, key=len, reverse=True):
        if value in text:
            text = text.replace(value, REDACTED)
    lower = text.lower()  # the patterns only run where their word stands: most texts have none
    if "://" in text and "@" in text:
        text = _URL_CREDENTIALS.sub(r"\1", text)
    if "authorization" in lower or "api-key" in lower or "api_key" in lower:
        text = _HEADER_VALUE.sub(rf"\1\2{REDACTED}", text)
    if "bearer" in lower:
        text = _TOKEN.sub(rf"\1\2{REDACTED}", text)
    return text


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """``url`` without its ``user:password@``, and the user and password it carried."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port is not None else "")
    return urlunsplit(parts._replace(netloc=netloc)), parts.username, parts.password
