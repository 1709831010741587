"""``litellm/PROVIDER/MODEL``: more providers through LiteLLM, an optional extra.

LiteLLM reads each provider's key from its usual environment variable; unseen never
stores it: responses pass through ``scrub``, which removes every ``*API_KEY`` variable's
value, and an error is recorded by its type only.
"""

from __future__ import annotations

import time
from typing import Any

from unseen.errors import ModelError
from unseen.models.base import Completion, Request, content_text, reasoning_text
from unseen.models.retry import Fatal, Retryable, RetryPolicy, with_retries
from unseen.models.scrub import scrub

SAMPLING_KEYS = ("temperature", "max_tokens", "top_p", "seed", "stop")


class LiteLLMModel:
    cacheable = True

    def __init__(self, spec: str, model: str, policy: RetryPolicy | None = None):
        self.name = spec
        self.model = model
        self.policy = policy or RetryPolicy()
        self.endpoint = None  # the provider's own; the provider is part of the model name

    def describe(self) -> dict[str, Any]:
        return {"litellm_model": self.model}

    async def _once(self, request: Request) -> Completion:
        import litellm

        kwargs = {k: v for k, v in request.options.items() if k in SAMPLING_KEYS and v is not None}
        start = time.perf_counter()
        try:
            resp = await litellm.acompletion(model=self.model, messages=request.messages, **kwargs)
        except (litellm.RateLimitError, litellm.ServiceUnavailableError, litellm.Timeout,
                litellm.APIConnectionError, litellm.InternalServerError) as exc:
            raise Retryable(f"{type(exc).__name__}") from None
        except litellm.AuthenticationError:
            raise Fatal(f"model {self.name}: the provider refused the key; set the provider's API key") from None
        try:
            choice = resp.choices[0]
            text = scrub(content_text(choice.message.content))
            reasoning = scrub(reasoning_text(choice.message))
        except (IndexError, TypeError, AttributeError):
            raise Retryable("malformed response") from None
        usage = getattr(resp, "usage", None)
        return Completion(text, getattr(usage, "prompt_tokens", None),
                          getattr(usage, "completion_tokens", None), (time.perf_counter() - start) * 1000,
                          getattr(choice, "finish_reason", None), reasoning=reasoning)

    async def complete(self, request: Request) -> Completion:
        return await with_retries(lambda: self._once(request), self.policy)

    async def aclose(self) -> None:
        return None


def make_litellm(rest: str, spec: str) -> LiteLLMModel:
    try:
        import litellm  # noqa: F401
    except ImportError:
        raise ModelError(f"model {spec} needs LiteLLM; install it with pip install -e \".[litellm]\"") from None
    return LiteLLMModel(spec, rest)
