"""The local model's worker process: a native crash, the OOM killer, an exit or a hang
costs one stored ``error`` attempt with its cause; the worker restarts a bounded number
of times; then the run stops as ``interrupted`` and resumes cleanly."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from unseen.errors import ModelError
from unseen.models.base import Request
from unseen.models.local import LocalModel
from unseen.models.retry import Fatal
from unseen.models.worker import WorkerSpec
from unseen.plan import Plan
from unseen.runner import execute, new_run
from unseen.store import open_store

MSG = [{"role": "user", "content": "2+2?"}]


def fault_model(tmp_path: Path, actions: list[str], *, on_load: str = "ok", timeout: float = 20.0,
                max_restarts: int = 3) -> LocalModel:
    script = tmp_path / "script.txt"
    script.write_text("\n".join(actions))
    spec = WorkerSpec("fault_backend:load", {"script": str(script), "on_load": on_load})
    return LocalModel("local/fault", spec, timeout=timeout, load_timeout=30, max_restarts=max_restarts)


def ask(model: LocalModel):
    return asyncio.run(model.complete(Request(MSG, {})))


@pytest.mark.parametrize("action, cause", [
    ("segv", "signal 11 (SIGSEGV) while generating"),
    ("kill", "signal 9 (SIGKILL; out of memory?) while generating"),
    ("exit", "exit code 3 while generating"),
])
def test_death_is_one_error_then_a_fresh_worker(tmp_path, action, cause):
    model = fault_model(tmp_path, ["ok", action, "ok"])
    try:
        first = ask(model)
        pid = model.worker.pid
        assert first.error is None and first.text == "Answer: 1"
        died = ask(model)
        assert died.error == f"local model process died: {cause}"
        assert not model.worker.alive
        again = ask(model)
        assert again.error is None and again.text == "Answer: 1", "a restarted worker starts afresh"
        assert model.worker.pid != pid and model.restarts == 1 and model.deaths == 1
    finally:
        asyncio.run(model.aclose())


def test_hang_past_the_timeout_is_killed(tmp_path):
    model = fault_model(tmp_path, ["hang", "ok"], timeout=1.0)
    try:
        hung = ask(model)
        assert hung.error == ("local model timed out: no answer within the 1 s timeout while generating; "
                              "worker killed")
        assert ask(model).error is None
    finally:
        asyncio.run(model.aclose())


def test_python_exception_keeps_the_worker(tmp_path):
    model = fault_model(tmp_path, ["raise", "ok"])
    try:
        bad = ask(model)
        pid = model.worker.pid
        assert bad.error == "local model error: ValueError: the backend refused this prompt"
        assert ask(model).error is None and model.worker.pid == pid and model.deaths == 0
    finally:
        asyncio.run(model.aclose())


def test_bounded_restarts_then_fatal(tmp_path):
    model = fault_model(tmp_path, ["segv"] * 10, max_restarts=2)
    try:
        errors = [ask(model).error for _ in range(3)]
        assert all(e.startswith("local model process died: signal 11") for e in errors)
        with pytest.raises(Fatal, match=r"failed 3 times in a row \(last: signal 11 \(SIGSEGV\) while generating\)"):
            ask(model)
        assert model.restarts == 2
    finally:
        asyncio.run(model.aclose())


def test_failures_spread_over_a_long_run_do_not_stop_it(tmp_path):
    """Only failures in a row count toward the bound: a slow machine's occasional timeout
    must not stop a long run."""
    model = fault_model(tmp_path, ["segv", "ok", "kill", "ok", "segv", "ok", "exit", "ok", "segv", "ok"],
                        max_restarts=1)
    try:
        results = [ask(model) for _ in range(10)]
        assert [r.error is None for r in results] == [False, True] * 5
        assert model.deaths == 5 and model.in_a_row == 0
    finally:
        asyncio.run(model.aclose())


def test_timeouts_in_a_row_stop_with_the_timeout_hint(tmp_path):
    model = fault_model(tmp_path, ["hang"] * 3, timeout=0.5, max_restarts=1)
    try:
        assert [ask(model).error.startswith("local model timed out") for _ in range(2)] == [True, True]
        with pytest.raises(Fatal, match=r"raise --timeout \(now 0.5 s\)"):
            ask(model)
    finally:
        asyncio.run(model.aclose())


def test_crash_while_loading_is_one_clear_model_error(tmp_path):
    model = fault_model(tmp_path, [], on_load="segv")
    with pytest.raises(ModelError, match=r"died while loading \(signal 11 \(SIGSEGV\) while loading the model\)"):
        asyncio.run(model.preflight())


def test_exception_while_loading_names_it(tmp_path):
    spec = WorkerSpec("fault_backend:load", {"script": str(tmp_path / "missing-dir" / "x"), "on_load": "raise"})
    model = LocalModel("local/fault", spec, timeout=5, load_timeout=30)
    with pytest.raises(ModelError, match="failed to load: ValueError: the backend refused this prompt"):
        asyncio.run(model.preflight())


def run_rows(db: Path) -> tuple[str, list[tuple[str, str]]]:
    con = sqlite3.connect(db)
    status = con.execute("SELECT status FROM runs").fetchone()[0]
    rows = con.execute("SELECT status, coalesce(reason, '') FROM attempts ORDER BY created_at").fetchall()
    con.close()
    return status, rows


def test_run_stores_the_crash_and_stops_interrupted_then_resumes(tmp_path):
    db = tmp_path / "w.db"
    plan = Plan(families=("arith_expr",), design="random", cells=1, n=8)
    crashing = fault_model(tmp_path, ["ok", "segv", "ok", "segv", "kill", "exit", "ok"], max_restarts=2)
    with open_store(db, create=True) as st:
        run = new_run(st, "local/fault", plan, 5, {"cache": False, "sampling": {}})
        with pytest.raises(ModelError) as info:
            execute(st, run, crashing, concurrency=1)
    message = str(info.value)
    assert "failed 3 times in a row (last: exit code 3 while generating)" in message
    assert f"unseen run --resume {run.run_id}" in message
    status, rows = run_rows(db)
    assert status == "interrupted"
    assert [r[0] for r in rows] == ["ok", "error", "ok", "error", "error", "error"]
    assert rows[4][1] == "local model process died: signal 9 (SIGKILL; out of memory?) while generating"
    assert not crashing.worker.alive, "the run closes its worker"

    healthy = fault_model(tmp_path, [])
    with open_store(db, create=False) as st:
        stats = execute(st, st.get_run(run.run_id), healthy, concurrency=1)
    status, rows = run_rows(db)
    assert status == "complete" and stats.asked == 6 and stats.skipped_done == 2
    assert len(rows) == 8
    assert [r[0] for r in rows].count("ok") == 8 and "error" not in [r[0] for r in rows]


def test_extra_buffer_policy():
    from unseen.models.llama_backend import has_amx, use_extra_bufts

    amx = "CPU : SSE3 = 1 | AVX512 = 1 | AVX512_VNNI = 1 | AMX_INT8 = 1 | OPENMP = 1 | REPACK = 1 |"
    plain = "CPU : SSE3 = 1 | AVX2 = 1 | AVX512 = 1 | OPENMP = 1 | REPACK = 1 |"
    assert has_amx(amx) and not has_amx(plain)
    assert use_extra_bufts("auto", amx) is False and use_extra_bufts("auto", plain) is True
    assert use_extra_bufts("on", amx) is True and use_extra_bufts("off", plain) is False
    with pytest.raises(ValueError):
        use_extra_bufts("maybe", plain)


@pytest.mark.parametrize("spec, message", [
    ("smollm2:extra_bufts=maybe", "extra_bufts='maybe' is not one of auto, on, off"),
    ("smollm2:threads=two", "threads and ctx take whole numbers"),
    ("smollm2:colour=red", "unknown option 'colour'"),
    ("smollm2:threads", "malformed option"),
])
def test_bad_local_options(spec, message):
    from unseen.models.local import make_local

    with pytest.raises(ModelError, match=message):
        make_local(spec, "local/" + spec)
