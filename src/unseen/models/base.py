"""The adapter contract: ``async complete(request) -> Completion``.

A Request is what a real model needs and nothing more: the chat messages, the sampling
options and the sample index. It never carries the answer key (the reference answer, the
near misses, the family and its parameters), so no adapter or plugin can log, cache or
send it.

Simulated models have no language skill: they answer from an ``AnswerKey`` (prompt ->
instance, reference and known-wrong answers) that the runner fills as it prepares a run's
instances and hands once, before the first request, to every model that declares it
needs one (``KeyedModel``). Real adapters (openai_compat, litellm, local) never declare
it, so they never receive it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable

from unseen.errors import ModelError
from unseen.registry import closest
from unseen.seeding import canonical


@dataclass(frozen=True)
class Request:
    """One ask: the messages, the sampling options, and which repeated sample of the
    prompt this is (0-based; the cache key holds it too). Nothing about the answer."""

    messages: list[dict[str, str]]
    options: dict[str, Any] = field(default_factory=dict)
    sample: int = 0


@dataclass(frozen=True)
class KeyEntry:
    """What a simulated model knows about one prompt: the instance it was made for, that
    instance's family and parameters, its reference answer and known-wrong answers."""

    instance_id: str
    family: str
    params: dict[str, Any]
    reference: str
    wrong: tuple[str, ...]


def messages_digest(messages: list[dict[str, str]]) -> str:
    """The key of a prompt in an AnswerKey: a hash of its canonical message list."""
    return hashlib.blake2b(canonical(messages).encode(), digest_size=16).hexdigest()


class AnswerKey:
    """A run's answer key: prompt (its message list) -> KeyEntry. The runner adds an entry
    for every instance it will ask; a prompt that several instances share keeps the entry
    of the first one added (a model sees only the prompt, so it cannot tell them apart)."""

    def __init__(self) -> None:
        self._entries: dict[str, KeyEntry] = {}

    def add(self, messages: list[dict[str, str]], entry: KeyEntry) -> None:
        self._entries.setdefault(messages_digest(messages), entry)

    def lookup(self, messages: list[dict[str, str]]) -> KeyEntry | None:
        return self._entries.get(messages_digest(messages))

    def __len__(self) -> int:
        return len(self._entries)


@runtime_checkable
class KeyedModel(Protocol):
    """A model that answers from the answer key (the simulated ones). It is handed the key
    and the run seed once, before its first request of a run or search; a later call
    replaces both. Entries added to the same key afterwards are seen too."""

    def use_key(self, key: AnswerKey, run_seed: int) -> None: ...


def hand_key(model: Any, key: AnswerKey, run_seed: int) -> bool:
    """Give ``key`` to ``model`` if it declares it needs one (``KeyedModel``); True if given."""
    if isinstance(model, KeyedModel):
        model.use_key(key, run_seed)
        return True
    return False


@dataclass(frozen=True)
class Completion:
    """One model answer, or the error that prevented it."""

    text: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency_ms: float | None = None
    finish_reason: str | None = None
    error: str | None = None
    """Set when no answer was obtained; such an attempt is stored as an error."""
    reasoning: str | None = None
    """The server's separate reasoning text (``reasoning_content`` or ``reasoning``), stored
    for inspection; it is never scored."""


def content_text(value: Any) -> str:
    """A chat message's ``content`` as one string: a string as is, null as ``""``, a list of
    parts as its text parts joined in order (image, audio, thinking and other parts are
    left out). Anything else raises TypeError (a malformed body)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        out = []
        for part in value:
            if isinstance(part, str):
                out.append(part)
                continue
            kind = part.get("type") if isinstance(part, dict) else getattr(part, "type", None)
            text = part.get("text") if isinstance(part, dict) else getattr(part, "text", None)
            if kind == "text" and isinstance(text, str):
                out.append(text)
        return "".join(out)
    raise TypeError(f"message content is a {type(value).__name__}, not a string or a list of parts")


def reasoning_text(message: Any) -> str | None:
    """``reasoning_content`` (vLLM, SGLang, DeepSeek, llama.cpp's server) or ``reasoning``
    (Ollama, OpenRouter) of a message dict or object; None when absent or empty."""
    for key in ("reasoning_content", "reasoning"):
        value = message.get(key) if isinstance(message, dict) else getattr(message, key, None)
        if isinstance(value, (str, list)):
            text = content_text(value)
            if text:
                return text
    return None


class Model(Protocol):
    name: str

    async def complete(self, request: Request) -> Completion: ...

    async def aclose(self) -> None: ...


async def preflight(model: Model) -> None:
    """Let a model fail fast (connection, key, weights) before a run is created."""
    check = getattr(model, "preflight", None)
    if check is not None:
        await check()


PROVIDERS = ("sim", "local", "openai", "litellm")
LOCAL_TIMEOUT = 600.0
"""Seconds one local generation may take before its worker is killed (``--timeout``
overrides): a 135M model answers in seconds, but a busy machine can slow it 30-fold."""


def parse_options(text: str, spec: str) -> dict[str, str]:
    """``a=1,b=x`` after the colon of a model spec."""
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, eq, value = part.partition("=")
        if not eq or not key or not value:
            raise ModelError(f"model spec {spec!r} has a malformed option {part!r}; write NAME:key=value,key=value")
        out[key.strip()] = value.strip()
    return out


def resolve_model(spec: str, http: dict[str, Any] | None = None) -> Model:
    """Build the model named by ``spec``; raises ModelError naming the spec and the fix."""
    provider, slash, rest = spec.partition("/")
    if not slash or not rest:
        raise ModelError(f"model {spec!r} is not PROVIDER/NAME; try sim/oracle or sim/noisy:p=0.7")
    if provider == "sim":
        from unseen.models.sim import make_sim

        return make_sim(rest, spec)
    if provider == "local":
        from unseen.models.local import make_local

        return make_local(rest, spec, timeout=float((http or {}).get("timeout") or LOCAL_TIMEOUT))
    if provider == "openai":
        from unseen.models.openai_compat import OpenAICompatModel

        return OpenAICompatModel(spec, rest, **{k: v for k, v in (http or {}).items() if v is not None})
    if provider == "litellm":
        from unseen.models.litellm_adapter import make_litellm

        return make_litellm(rest, spec)
    plugins = model_plugins()
    if provider in plugins:
        return _from_plugin(plugins[provider], rest, spec)
    hint = closest(provider, [*PROVIDERS, *plugins])
    tip = f"did you mean {hint!r}? " if hint else ""
    raise ModelError(f"model provider {provider!r} in {spec!r} is unknown; {tip}known providers: "
                     f"{', '.join([*PROVIDERS, *(f'{p} (plugin)' for p in plugins)])}")


MODEL_ENTRY_POINT_GROUP = "unseen.models"
"""Entry points mapping a provider name to a factory ``(rest, spec) -> Model``: for the spec
``acme/big:x=1``, ``rest`` is ``big:x=1``. Consulted only for providers unseen does not have."""


def model_plugins() -> dict[str, Any]:
    """The installed model plugins by provider name (none when ``UNSEEN_NO_PLUGINS`` is set)."""
    from unseen.registry import plugins_disabled

    if plugins_disabled():
        return {}
    return {ep.name: ep for ep in entry_points(group=MODEL_ENTRY_POINT_GROUP) if ep.name not in PROVIDERS}


def _from_plugin(ep: Any, rest: str, spec: str) -> Model:
    from unseen.errors import UnseenError
    from unseen.registry import plugin_failure

    try:
        factory = ep.load()
    except Exception as exc:
        raise ModelError(plugin_failure("model plugin", ep, exc).format("failed to load: ")) from None
    try:
        model = factory(rest, spec)
    except UnseenError:
        raise
    except Exception as exc:
        what = " ".join(f"{type(exc).__name__}: {exc}".split())[:400]
        raise ModelError(f"model plugin {ep.name!r} ({ep.value}) could not build {spec!r}: {what}") from None
    if not callable(getattr(model, "complete", None)):
        raise ModelError(f"model plugin {ep.name!r} ({ep.value}) returned {type(model).__name__} for {spec!r}, "
                         "not a model with async complete(request) -> Completion; fix the plugin's factory")
    return model
