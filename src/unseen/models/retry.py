"""Retries with exponential backoff and full jitter, honouring ``Retry-After``.

An adapter raises ``Retryable`` for what may pass on a second try (429, 5xx, a dropped
connection, a timeout, a malformed body) and ``Fatal`` for what will not (a wrong key, a
model the server does not serve): a fatal error stops the run with one clear line.
Other failures (a 400 for one prompt) come back as a Completion with ``error`` set.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from unseen.errors import ModelError
from unseen.models.base import Completion


class Retryable(Exception):
    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class Fatal(ModelError):
    """The model cannot answer any request (auth, unknown model); the run stops."""


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_retry_after: float = 60.0

    def delay(self, attempt: int, retry_after: float | None, rng: random.Random) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after)
        return rng.uniform(0, min(self.max_delay, self.base_delay * 2**attempt))


async def with_retries(call: Callable[[], Awaitable[Completion]], policy: RetryPolicy,
                       rng: random.Random | None = None,
                       sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> Completion:
    """Run ``call`` until it returns, raises Fatal, or has failed ``max_retries + 1`` times;
    the last failure comes back as an error Completion naming every reason seen."""
    rng = rng or random.Random()
    reasons: list[str] = []
    for attempt in range(policy.max_retries + 1):
        try:
            return await call()
        except Retryable as exc:
            reasons.append(exc.reason)
            if attempt == policy.max_retries:
                break
            await sleep(policy.delay(attempt, exc.retry_after, rng))
    summary = reasons[-1] if len(set(reasons)) == 1 else "; ".join(dict.fromkeys(reasons))
    return Completion("", error=f"gave up after {len(reasons)} tries: {summary}")
