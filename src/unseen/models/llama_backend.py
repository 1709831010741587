"""The llama-cpp-python backend that runs inside the model worker process.

Extra buffer types. llama.cpp's CPU backend can move weights into *extra buffer types*
that repack them for a faster kernel: ``AMX`` on Intel processors with Advanced Matrix
Extensions, ``CPU_REPACK`` for some quantisations on AVX2/NEON/SVE, KleidiAI on Arm.
On processors with AMX, the AMX path repacks every Q4_0/Q4_1/Q8_0/K-quant weight and the
first matrix product segfaults in ``ggml_backend_amx_mul_mat`` (llama.cpp issue 20824,
closed stale without a fix; seen on SmolLM2-135M Q4_1 with llama-cpp-python 0.3.36).
The only switch llama.cpp offers is ``llama_model_params.use_extra_bufts``, all or none,
and llama-cpp-python's ``Llama`` does not expose it, so the load sets it through the
default-parameter function that ``Llama.__init__`` calls, and checks it took effect.

Policy ``extra_bufts``: ``auto`` (default) turns extra buffer types off where llama.cpp
reports ``AMX_INT8 = 1`` and leaves them on elsewhere; ``on`` and ``off`` force it.
Q4_1 (the default model) has no ``CPU_REPACK`` kernel on x86, so off costs it nothing
there; see ``benchmarks/local_overhead.py`` for the measured tokens/s either way.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any

from unseen.models.base import Completion, content_text, reasoning_text

POLICIES = ("auto", "on", "off")
LLAMA_EXTRA = ("repeat_penalty", "top_k", "min_p", "presence_penalty", "frequency_penalty")
DEFAULT_MAX_TOKENS = 192  # a 135M model that has not answered by then rambles on


def system_info() -> str:
    """llama.cpp's feature line, e.g. ``CPU : SSE3 = 1 | AVX2 = 1 | ... | AMX_INT8 = 1 |``."""
    from llama_cpp import llama_cpp as lib

    lib.llama_backend_init()
    return lib.llama_print_system_info().decode("utf-8", "replace")


def has_amx(info: str) -> bool:
    return "AMX_INT8 = 1" in info


def use_extra_bufts(policy: str, info: str) -> bool:
    """The ``use_extra_bufts`` value for ``policy`` on a processor whose features are ``info``."""
    if policy not in POLICIES:
        raise ValueError(f"extra_bufts={policy!r} is not one of {', '.join(POLICIES)}")
    return {"on": True, "off": False}.get(policy, not has_amx(info))


@contextlib.contextmanager
def model_params(**fields: Any) -> Iterator[None]:
    """Set ``llama_model_params`` fields that ``Llama(...)`` has no argument for."""
    from llama_cpp import llama_cpp as lib

    original = lib.llama_model_default_params

    def patched() -> Any:
        params = original()
        for key, value in fields.items():
            setattr(params, key, value)
        return params

    lib.llama_model_default_params = patched
    try:
        yield
    finally:
        lib.llama_model_default_params = original


class LlamaBackend:
    def __init__(self, path: str, n_threads: int, n_ctx: int, extra_bufts: str = "auto"):
        import llama_cpp
        from llama_cpp import Llama

        info = system_info()
        want = use_extra_bufts(extra_bufts, info)
        start = time.perf_counter()
        with model_params(use_extra_bufts=want):
            self.llm = Llama(model_path=path, n_threads=n_threads, n_threads_batch=n_threads, n_ctx=n_ctx,
                             verbose=False)
        if bool(self.llm.model_params.use_extra_bufts) != want:
            raise RuntimeError("llama-cpp-python did not take use_extra_bufts; this version loads models "
                               "differently, pin llama-cpp-python to the version in constraints.txt")
        self._info = {"llama_cpp_python": llama_cpp.__version__, "system_info": info.strip(),
                      "amx": has_amx(info), "extra_bufts": extra_bufts, "use_extra_bufts": want,
                      "load_s": round(time.perf_counter() - start, 3)}

    def info(self) -> dict[str, Any]:
        return dict(self._info)

    def generate(self, messages: list[dict[str, str]], options: dict[str, Any]) -> Completion:
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
        out = self.llm.create_chat_completion(messages=messages, **kwargs)
        latency = (time.perf_counter() - start) * 1000
        choice = out["choices"][0]
        usage = out.get("usage") or {}
        message = choice["message"]
        return Completion(content_text(message.get("content")), usage.get("prompt_tokens"),
                          usage.get("completion_tokens"), latency, choice.get("finish_reason"),
                          reasoning=reasoning_text(message))


def load(path: str, n_threads: int, n_ctx: int, extra_bufts: str = "auto") -> LlamaBackend:
    """The worker's loader (``unseen.models.llama_backend:load``)."""
    return LlamaBackend(path, n_threads, n_ctx, extra_bufts)


class SystemProbe:
    """A backend that loads no model: its ``info()`` is what llama.cpp sees of the processor."""

    def __init__(self) -> None:
        import llama_cpp

        info = system_info()
        self._info = {"llama_cpp_python": llama_cpp.__version__, "system_info": info.strip(),
                      "amx": has_amx(info), "use_extra_bufts_auto": use_extra_bufts("auto", info)}

    def info(self) -> dict[str, Any]:
        return dict(self._info)

    def generate(self, messages: list[dict[str, str]], options: dict[str, Any]) -> Completion:
        raise RuntimeError("the system probe loads no model")


def probe() -> SystemProbe:
    """The worker's loader for ``unseen doctor`` (``unseen.models.llama_backend:probe``)."""
    return SystemProbe()
