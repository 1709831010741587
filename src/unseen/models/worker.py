"""A model that runs in a worker process of its own, so a native crash costs one attempt.

llama.cpp is native code: a segmentation fault, an abort or the out-of-memory killer in
it would take the whole ``unseen`` process down with it, leaving the run ``running``.
``ModelWorker`` starts one child process (``multiprocessing`` with the ``spawn`` start
method, so the child shares no threads or native state with the parent), which imports
a *loader* (``"module:function"``), calls it once to build a backend, and then serves
requests over a pipe, one at a time. The parent waits for each answer at most
``timeout`` seconds.

When the child dies (a signal, an exit, a hang past the timeout, after which it is
killed) ``call`` raises ``WorkerDied`` whose ``cause`` reads like ``"signal 11
(SIGSEGV)"``; the child's stderr (where llama.cpp logs) is kept in a temporary file and
its last lines are attached. An exception raised by the backend in Python comes back as
``BackendError`` and leaves the worker running.

A backend is any object with ``generate(messages, options) -> Completion`` and
``info() -> dict`` (JSON-able facts for ``describe`` and ``unseen doctor``).
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import os
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from typing import Any

from unseen.errors import ModelError

LOG_TAIL_CHARS = 600


class WorkerDied(Exception):
    """The worker process is gone (signal, exit or hang); ``cause`` says how."""

    def __init__(self, cause: str, log_tail: str = ""):
        super().__init__(cause)
        self.cause = cause
        self.log_tail = log_tail


class BackendError(Exception):
    """The backend raised a Python exception; the worker is still alive."""


@dataclass(frozen=True)
class WorkerSpec:
    """What the child imports and calls once: ``loader(**kwargs) -> backend``."""

    loader: str
    kwargs: dict[str, Any] = field(default_factory=dict)


def describe_exit(exitcode: int | None) -> str:
    """``-11`` -> ``"signal 11 (SIGSEGV)"``; ``1`` -> ``"exit code 1"``."""
    if exitcode is None:
        return "no exit code"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = "unknown signal"
        hint = "; out of memory?" if -exitcode == signal.SIGKILL else ""
        return f"signal {-exitcode} ({name}{hint})"
    return f"exit code {exitcode}"


def _load(spec: WorkerSpec) -> Any:
    module, _, attr = spec.loader.partition(":")
    return getattr(importlib.import_module(module), attr)(**spec.kwargs)


def _name_process(name: str) -> None:
    """Name the process (Linux ``comm``), so ``pgrep unseen-worker`` and ``top`` show it."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(15, name.encode(), 0, 0, 0)  # PR_SET_NAME
    except (OSError, AttributeError):
        pass


def _serve(conn: Any, spec: WorkerSpec, log_path: str) -> None:  # runs in the child
    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND)
    os.dup2(fd, 2)  # native logs (llama.cpp writes to fd 2) go to the log file
    sys.stderr = os.fdopen(2, "w", buffering=1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _name_process("unseen-worker")
    try:
        backend = _load(spec)
        conn.send(("ready", backend.info()))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, then exit
        traceback.print_exc()
        conn.send(("load_error", f"{type(exc).__name__}: {exc}"))
        return
    while True:
        try:
            op, args = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if op == "stop":
            return
        try:
            result = backend.info() if op == "info" else backend.generate(*args)
            conn.send(("ok", result))
        except Exception as exc:  # noqa: BLE001
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class ModelWorker:
    """One child process holding one loaded backend.

    ``start()`` blocks until the backend is loaded (at most ``load_timeout`` seconds) and
    returns its ``info()``; it raises ``ModelError`` when loading raised, and
    ``WorkerDied`` when the child died or hung while loading. ``call(*args)`` runs
    ``backend.generate(*args)`` and raises ``WorkerDied`` or ``BackendError``.
    Not thread-safe: callers serialise (one generation at a time is the point).
    """

    def __init__(self, spec: WorkerSpec, *, timeout: float = 120.0, load_timeout: float = 300.0):
        self.spec = spec
        self.timeout = timeout
        self.load_timeout = load_timeout
        self.info: dict[str, Any] = {}
        self._proc: Any = None
        self._conn: Any = None
        self._log = tempfile.NamedTemporaryFile(prefix="unseen-worker-", suffix=".log", delete=False)
        self._log.close()

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def log_tail(self) -> str:
        try:
            with open(self._log.name, "rb") as fh:
                fh.seek(0, os.SEEK_END)
                fh.seek(max(0, fh.tell() - LOG_TAIL_CHARS))
                return fh.read().decode("utf-8", "replace").strip()
        except OSError:
            return ""

    def start(self) -> dict[str, Any]:
        self.stop()
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child, self.spec, self._log.name), daemon=True,
                                 name="unseen-model-worker")
        self._proc.start()
        child.close()
        self._conn = parent
        kind, payload = self._receive(self.load_timeout, "while loading the model")
        if kind == "load_error":
            self.stop()
            raise ModelError(f"the model failed to load: {payload}")
        self.info = payload
        return payload

    def call(self, *args: Any) -> Any:
        if not self.alive:
            raise WorkerDied("local model process is not running")
        try:
            self._conn.send(("generate", args))
        except (BrokenPipeError, OSError):
            raise self._died("while sending the request") from None
        kind, payload = self._receive(self.timeout, "while generating")
        if kind == "error":
            raise BackendError(payload)
        return payload

    def _receive(self, timeout: float, during: str) -> tuple[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self._kill()
                raise WorkerDied(f"no answer within the {timeout:g} s timeout {during}; worker killed",
                                 self.log_tail())
            try:
                if self._conn.poll(min(left, 0.5)):
                    return self._conn.recv()
            except (EOFError, OSError):
                raise self._died(during) from None
            if not self._proc.is_alive():
                raise self._died(during)

    def _died(self, during: str) -> WorkerDied:
        self._proc.join(5)
        cause = describe_exit(self._proc.exitcode)
        self._cleanup()
        return WorkerDied(f"{cause} {during}", self.log_tail())

    def _kill(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            self._proc.kill()
            self._proc.join(5)
        self._cleanup()

    def _cleanup(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn = None
        self._proc = None

    def stop(self) -> None:
        """Ask the child to exit; kill it if it does not within 5 s."""
        if self._proc is None:
            return
        try:
            self._conn.send(("stop", ()))
        except (BrokenPipeError, OSError):
            pass
        self._proc.join(5)
        self._kill()

    def close(self) -> None:
        self.stop()
        try:
            os.unlink(self._log.name)
        except OSError:
            pass
