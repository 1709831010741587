"""The shipped local model, in process and behind llama-cpp-python's own OpenAI-compatible
server. Slow (a real 135M model on two cores): marked ``slow``; CI runs them."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from unseen.cli import app

llama_cpp = pytest.importorskip("llama_cpp", reason="the local extra is not installed")
pytestmark = pytest.mark.slow
runner = CliRunner()
PLAN = ["-f", "arith_expr", "-f", "word_problem", "--n", "3", "--vary", "depth", "--params",
        "width=2,digits=1,number_size=1,distractors=0", "--seed", "11", "--max-tokens", "48", "-c", "1"]


def invoke(*args, env=None):
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


def answers(db: str, run_id: str) -> dict[str, str]:
    con = sqlite3.connect(db)
    rows = con.execute("SELECT instance_id, response FROM attempts WHERE run_id=? AND status='ok'", (run_id,))
    return dict(rows.fetchall())


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    db = tmp_path_factory.mktemp("local") / "l.db"
    r = invoke("run", "-m", "local/smollm2", *PLAN, "--store", str(db), "--json")
    assert r.exit_code == 0, r.output
    return str(db), json.loads(r.stdout)


def test_local_model_answers_are_stored_and_scored(local_run):
    db, s = local_run
    assert s["completed_attempts"] == s["planned_attempts"] > 10 and s["errors"] == 0
    con = sqlite3.connect(db)
    rows = con.execute("SELECT response, completion_tokens, latency_ms, finish_reason FROM attempts").fetchall()
    assert all(r[0] and r[1] and r[1] <= 48 and r[2] > 0 and r[3] in ("stop", "length") for r in rows)
    opts = json.loads(con.execute("SELECT options_json FROM runs").fetchone()[0])
    assert opts["sampling"]["max_tokens"] == 48 and opts["http"]["n_threads"] >= 1


def test_same_prompts_through_llama_cpp_server_agree(local_run, tmp_path):
    from unseen.models.local import smollm2_path, usable_cores

    db_local, s_local = local_run
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(smollm2_path()), "--host", "127.0.0.1",
         "--port", str(port), "--n_threads", str(usable_cores()), "--n_ctx", "4096", "--model_alias", "smollm2"],
        stdout=subprocess.DEVNULL, stderr=open(tmp_path / "server.log", "wb"))
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            if server.poll() is not None:
                pytest.fail("llama_cpp.server exited: " + (tmp_path / "server.log").read_text()[-800:])
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.3)
        db = tmp_path / "s.db"
        r = invoke("run", "-m", "openai/smollm2", "--base-url", f"http://127.0.0.1:{port}/v1", *PLAN,
                   "--temperature", "0", "--extra-body", '{"repeat_penalty": 1.0}', "--store", str(db), "--json",
                   env={"OPENAI_API_KEY": ""})
        assert r.exit_code == 0, r.output
        s = json.loads(r.stdout)
        assert s["completed_attempts"] == s["planned_attempts"] == s_local["planned_attempts"]
        via_server = answers(str(db), s["run_id"])
        in_process = answers(db_local, s_local["run_id"])
        assert via_server.keys() == in_process.keys(), "the same seed must give the same instances"
        same = sum(via_server[k].strip() == in_process[k].strip() for k in via_server)
        assert same >= 0.7 * len(via_server), f"greedy answers agree on only {same} of {len(via_server)}"
    finally:
        server.terminate()
        server.wait(30)


def test_bad_local_models(tmp_path):
    r = invoke("run", "-m", "local/" + str(tmp_path / "missing.gguf"), "-f", "stack_queue",
               "--store", str(tmp_path / "x.db"))
    assert r.exit_code == 2 and "does not exist" in r.stderr
    fake = tmp_path / "fake.gguf"
    fake.write_bytes(b"NOPE" * 10)
    r = invoke("run", "-m", f"local/{fake}", "-f", "stack_queue", "--store", str(tmp_path / "x.db"))
    assert r.exit_code == 2 and "not a GGUF model" in r.stderr
    r = invoke("run", "-m", "local/llama9", "-f", "stack_queue", "--store", str(tmp_path / "x.db"))
    assert r.exit_code == 2 and "unknown local model" in r.stderr
    assert not (tmp_path / "x.db").exists()


def test_threads_match_usable_cores():
    from unseen.models.local import make_local, usable_cores

    m = make_local("smollm2", "local/smollm2")
    assert m.describe()["n_threads"] == usable_cores() == len(os.sched_getaffinity(0))
    assert make_local("smollm2:threads=1,extra_bufts=off", "x").worker.spec.kwargs["extra_bufts"] == "off"


LOAD = """
import sys
from llama_cpp import Llama
from unseen.models.llama_backend import model_params
from unseen.models.local import smollm2_path
with model_params(use_extra_bufts=sys.argv[1] == "on"):
    llm = Llama(model_path=str(smollm2_path()), n_threads=1, n_ctx=256, verbose=True)
print("took", llm.model_params.use_extra_bufts)
"""


@pytest.mark.parametrize("setting", ["on", "off"])
def test_extra_buffer_types_reach_the_loader(setting):
    """llama.cpp's loader logs the extra buffer types it considers (CPU_REPACK, AMX, ...)
    only when use_extra_bufts is set: proof that the setting reaches llama_model_load, not
    only our Python object. In a subprocess, so a native crash fails this test alone."""
    out = subprocess.run([sys.executable, "-c", LOAD, setting], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-800:]
    assert f"took {setting == 'on'}" in out.stdout
    considered = "CPU_REPACK" in out.stderr or "AMX" in out.stderr.split("CPU :")[0]
    assert considered == (setting == "on"), out.stderr[-1500:]


def test_worker_reports_the_extra_buffer_choice():
    import asyncio

    from unseen.models.local import make_local

    for spec, want in (("smollm2:extra_bufts=off", False), ("smollm2:extra_bufts=on", True)):
        m = make_local(spec, "local/" + spec)
        try:
            asyncio.run(m.preflight())
            assert m.describe()["use_extra_bufts"] is want and m.worker.pid != os.getpid()
        finally:
            asyncio.run(m.aclose())
