"""A model-worker backend that misbehaves on purpose (tests only).

Its actions come one a call from a script file, so the script survives the restarts of
the worker: ``ok``, ``segv`` (SIGSEGV, as a native crash), ``kill`` (SIGKILL, as the
out-of-memory killer), ``exit`` (a native ``exit(3)``), ``hang`` (sleeps past any
timeout), ``raise`` (a Python exception). An empty script answers ``ok``.
"""

from __future__ import annotations

import fcntl
import os
import signal
import time

from unseen.models.base import Completion


def _next_action(script: str) -> str:
    with open(script, "r+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        lines = fh.read().split()
        fh.seek(0)
        fh.truncate()
        fh.write("\n".join(lines[1:]))
    return lines[0] if lines else "ok"


def _act(action: str) -> None:
    if action == "segv":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "exit":
        os._exit(3)
    elif action == "hang":
        time.sleep(3600)
    elif action == "raise":
        raise ValueError("the backend refused this prompt")


class FaultBackend:
    def __init__(self, script: str, on_load: str = "ok"):
        _act(on_load)
        self.script = script
        self.calls = 0

    def info(self) -> dict:
        return {"backend": "fault", "pid": os.getpid()}

    def generate(self, messages, options) -> Completion:
        self.calls += 1
        _act(_next_action(self.script))
        return Completion(f"Answer: {self.calls}", 10, 3, 1.0, "stop")


def load(script: str, on_load: str = "ok") -> FaultBackend:
    return FaultBackend(script, on_load)
