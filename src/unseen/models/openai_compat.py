"""``openai/MODEL``: any OpenAI-compatible chat-completions endpoint (vLLM, SGLang, Ollama,
llama.cpp's server, LM Studio, TGI, OpenAI itself), spoken over aiohttp.

The official SDK's typed response parsing costs about 2 ms of CPU per request, which on
two cores caps a run near 500 requests/s; plain JSON over one pooled aiohttp session does
not (see benchmarks/runner_throughput.py). The key comes from ``OPENAI_API_KEY`` and is
only ever put in a request header: never in the store, the logs or a report. Credentials
in the base URL (``http://user:KEY@host/v1``) are taken out of it: the URL kept, shown and
recorded has none; they are sent as HTTP Basic auth unless ``OPENAI_API_KEY`` is set (then
the key is sent as a Bearer token and they are not). Every error body and response passes
through ``scrub`` before it leaves the adapter.
"""

from __future__ import annotations

import base64
import json
import os
import random
import time
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from unseen.errors import ModelError
from unseen.models.base import Completion, Request, content_text, reasoning_text
from unseen.models.retry import Fatal, Retryable, RetryPolicy, with_retries
from unseen.models.scrub import scrub, split_credentials

DEFAULT_BASE_URL = "https://api.openai.com/v1"
SAMPLING_KEYS = ("temperature", "max_tokens", "top_p", "seed", "stop")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def served_name(name: str, served: list[str]) -> str | None:
    """The served model id ``name`` means: itself; for a bare name, its ``:latest`` tag
    (Ollama lists ``llama3:latest`` for ``llama3``), or its only tagged id."""
    if name in served:
        return name
    if ":" in name:
        return None
    if f"{name}:latest" in served:
        return f"{name}:latest"
    tagged = [m for m in served if m.split(":", 1)[0] == name]
    return tagged[0] if len(tagged) == 1 else None


def check_base_url(url: str, source: str) -> None:
    """Refuse a base URL that cannot be asked (no http/https scheme, no host, a port out of
    range, spaces or control characters, unbalanced brackets), naming where it came from.
    Credentials in it are never shown."""
    shown = scrub(url, env=False)
    fix = f"set {source} to http://HOST:PORT/v1 (or https://...)"
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise ModelError(f"{source} {shown!r} holds a space or a control character; {fix}")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ModelError(f"{source} {shown!r} is malformed ({exc}); {fix}") from None
    if parts.scheme not in ("http", "https"):
        raise ModelError(f"{source} {shown!r} is not an http:// or https:// URL; {fix}")
    if not parts.hostname:
        raise ModelError(f"{source} {shown!r} names no host; {fix}")
    if port == 0:
        raise ModelError(f"{source} {shown!r} has port 0; a port is 1 to 65535; {fix}")


def api_key(raw: str | None) -> str | None:
    """``OPENAI_API_KEY`` without surrounding whitespace (a key file's trailing newline);
    a key with a space, a control or a non-ASCII character inside is refused (unshown)."""
    key = (raw or "").strip()
    bad = next((i for i, c in enumerate(key) if not 33 <= ord(c) <= 126), None)
    if bad is not None:
        raise ModelError(f"OPENAI_API_KEY has a space, a control or a non-ASCII character at position {bad + 1} "
                         f"of {len(key)} (the key is not shown); set it to the key alone")
    return key or None


class OpenAICompatModel:
    cacheable = True

    def __init__(self, spec: str, name: str, *, base_url: str | None = None, timeout: float = 120.0,
                 policy: RetryPolicy | None = None):
        self.name = spec
        self.model = name
        source = "--base-url" if base_url else "OPENAI_BASE_URL" if os.environ.get("OPENAI_BASE_URL") else None
        url = base_url or os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL
        if source:
            check_base_url(url, source)
        self.base_url, user, password = split_credentials(url.rstrip("/"))
        self.endpoint = self.base_url
        """Where the model answers, without credentials: part of every cache key."""
        self.timeout = timeout
        self.policy = policy or RetryPolicy()
        raw = os.environ.get("OPENAI_API_KEY")
        self._key = api_key(raw)
        self._basic = (user or "", password or "") if (user or password) and not self._key else None
        self.secrets = [s for s in (self._key, raw, password) if s]
        """Values ``scrub`` removes from everything this adapter returns."""
        self._session: Any = None
        self._rng = random.Random()

    def describe(self) -> dict[str, Any]:
        """What is recorded with a run: never the key, and the base URL without credentials."""
        return {"base_url": self.base_url, "served_model": self.model, "timeout": self.timeout,
                "max_retries": self.policy.max_retries}

    async def _sess(self) -> Any:
        if self._session is None:
            import aiohttp

            headers = {"Content-Type": "application/json"}
            if self._key:
                headers["Authorization"] = f"Bearer {self._key}"
            elif self._basic:
                headers["Authorization"] = "Basic " + base64.b64encode(":".join(self._basic).encode()).decode()
            self._session = aiohttp.ClientSession(
                headers=headers, connector=aiohttp.TCPConnector(limit=0, ttl_dns_cache=300),
                timeout=aiohttp.ClientTimeout(total=self.timeout))
        return self._session

    async def preflight(self) -> None:
        """Fail fast, before a run starts, on a refused connection, a wrong key or an unserved model."""
        import aiohttp

        session = await self._sess()
        try:
            async with session.get(f"{self.base_url}/models") as resp:
                if resp.status in (401, 403):
                    raise ModelError(f"model {self.name}: the server at {self.base_url} refused the key "
                                     f"({resp.status}); set OPENAI_API_KEY to a valid key")
                if resp.status != 200:
                    return  # some servers have no /models; the first request will tell
                try:
                    data = await resp.json(content_type=None)
                    served = [m.get("id") for m in data.get("data", [])]
                except (ValueError, AttributeError):
                    return
        except (TimeoutError, aiohttp.ClientConnectionError) as exc:
            raise ModelError(f"model {self.name}: cannot connect to {self.base_url} ({type(exc).__name__}); "
                             "start the server or pass --base-url / OPENAI_BASE_URL") from None
        except aiohttp.InvalidURL:  # what the checks above let through and aiohttp still refuses
            raise ModelError(f"model {self.name}: the base URL {self.base_url!r} is not a URL aiohttp can ask; "
                             "pass --base-url as http://HOST:PORT/v1") from None
        match = served_name(self.model, [str(m) for m in served if m is not None])
        if served and match is None:
            raise ModelError(scrub(f"model {self.name}: the server at {self.base_url} does not serve "
                                   f"{self.model!r}; it serves {', '.join(map(str, served[:8]))}", self.secrets))
        if match is not None:
            self.model = match

    async def _once(self, body: dict[str, Any]) -> Completion:
        import aiohttp

        session = await self._sess()
        start = time.perf_counter()
        try:
            async with session.post(f"{self.base_url}/chat/completions", data=json.dumps(body)) as resp:
                raw = await resp.read()
                status = resp.status
                retry_after = _retry_after(resp.headers.get("Retry-After"))
        except TimeoutError:
            raise Retryable(f"timed out after {self.timeout:g}s") from None
        except aiohttp.ClientError as exc:
            raise Retryable(f"connection error: {type(exc).__name__}") from None
        latency = (time.perf_counter() - start) * 1000
        if status in (401, 403):
            raise Fatal(f"model {self.name}: the server refused the key ({status}); set OPENAI_API_KEY")
        if status == 404:
            raise Fatal(f"model {self.name}: the server at {self.base_url} answered 404; "
                        f"check the model name {self.model!r} and the base URL")
        if status == 429 or status >= 500:
            raise Retryable(f"HTTP {status}", retry_after)
        if status >= 400:
            body_text = scrub(raw.decode(errors="replace"), self.secrets, env=False)  # whole, then cut: no half key
            return Completion("", latency_ms=latency, error=f"HTTP {status}: {body_text[:200]}")
        try:
            data = json.loads(raw)
            choice = data["choices"][0]
            message = choice["message"]
            text = scrub(content_text(message.get("content")), self.secrets, env=False)
            reasoning = scrub(reasoning_text(message), self.secrets, env=False)
            usage = data.get("usage") or {}
            return Completion(text, usage.get("prompt_tokens"), usage.get("completion_tokens"), latency,
                              choice.get("finish_reason"), reasoning=reasoning)
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            raise Retryable("malformed response body") from None

    async def complete(self, request: Request) -> Completion:
        body: dict[str, Any] = {"model": self.model, "messages": request.messages}
        body.update({k: v for k, v in request.options.items() if k in SAMPLING_KEYS and v is not None})
        body.update(request.options.get("extra_body") or {})
        return await with_retries(lambda: self._once(body), self.policy, self._rng)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
