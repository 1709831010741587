"""The command line: help text everywhere, JSON output, and one clear line for bad input."""

import json
import sqlite3
import subprocess

import pytest
from typer.testing import CliRunner

from conftest import unseen_cmd
from unseen import registry
from unseen.cli import app

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def typer_group():
    import typer.main

    return typer.main.get_command(app)


def test_every_command_has_help_text():
    group = typer_group()
    assert {"families", "show", "run", "summary", "runs"} <= set(group.commands)
    for name, cmd in group.commands.items():
        assert cmd.help and len(cmd.help) > 10, f"command {name} has no help"
        for param in cmd.params:
            if param.param_type_name == "option":
                assert param.help, f"option {param.name} of {name} has no help"
        result = invoke(name, "--help")
        assert result.exit_code == 0


def test_families_json_lists_every_family():
    result = invoke("families", "--json")
    data = json.loads(result.stdout)
    assert len(data) == len(registry.all_families()) >= 12
    for fam in data:
        assert {"name", "domain", "version", "variables", "state_space_size"} <= set(fam)
        for v in fam["variables"]:
            assert {"kind", "role", "domain", "base"} <= set(v)


def test_show_prints_sample_and_json():
    result = invoke("show", "stack_queue", "--seed", "3", "--params", "ops=4,skin=warehouse")
    assert result.exit_code == 0 and "pallet" in result.stdout and "reference answer" in result.stdout
    data = json.loads(invoke("show", "stack_queue", "--json", "--seed", "3").stdout)
    assert data["sample"]["verified"] and data["sample"]["reference"]


def test_run_and_summary_json(store_path):
    result = invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--n", "2", "--store", str(store_path),
                    "--json", "--seed", "5")
    assert result.exit_code == 0, result.output
    s = json.loads(result.stdout)
    assert s["run_seed"] == 5 and s["planned_attempts"] == s["completed_attempts"] > 0
    assert s["families"][0]["variables"]["ops"][0]["strict"]["rate"] == 1.0
    again = json.loads(invoke("summary", "--store", str(store_path), "--json").stdout)
    assert again["run_id"] == s["run_id"] and again["overall"] == s["overall"]
    runs = json.loads(invoke("runs", "--store", str(store_path), "--json").stdout)
    assert [r["run_id"] for r in runs] == [s["run_id"]]


def test_a_new_run_draws_a_fresh_seed(store_path):
    a = json.loads(invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--store", str(store_path),
                          "--json").stdout)
    b = json.loads(invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--store", str(store_path),
                          "--json").stdout)
    assert a["run_seed"] != b["run_seed"]


BAD = [
    (["run", "-f", "stack_quue"], "did you mean 'stack_queue'"),
    (["run", "-f", "stack_queue", "-p", "opps=3"], "did you mean 'ops'"),
    (["run", "-f", "stack_queue", "-p", "ops=999"], "ops=999 is above the maximum"),
    (["run", "-f", "stack_queue", "-p", "ops"], "malformed"),
    (["run", "-f", "stack_queue", "-p", "skin=moon"], "not an option"),
    (["run", "-f", "stack_queue", "--design", "zigzag"], "design='zigzag'"),
    (["run", "-f", "stack_queue", "--n", "0"], "n=0"),
    (["run", "--suite", "smok"], "did you mean 'smoke'"),
    (["run", "-m", "nosuch/model"], "provider 'nosuch'"),
    (["run", "-m", "sim/orcale"], "unknown"),
    (["run", "--plan", "missing.toml"], "does not exist"),
    (["run", "--vary", "nonexistent"], "vary='nonexistent'"),
    (["run", "-m", "sim/oracle", "--timeout", "nan"], "--timeout nan must be a number of seconds"),
    (["run", "-m", "sim/oracle", "--timeout", "inf"], "--timeout inf must be a number of seconds"),
    (["run", "-m", "sim/oracle", "--temperature", "-1"], "--temperature -1.0 must be between 0 and 2"),
    (["run", "-m", "sim/oracle", "--top-p", "5"], "--top-p 5.0 must be above 0 and at most 1"),
    (["run", "-m", "sim/oracle", "--max-tokens", "0"], "--max-tokens 0 must be at least 1"),
    (["run", "-m", "local/tests"], "is a folder, not a file"),
    (["run", "-m", "sim/oracle", "-f", "stack_queue", "--n", "1000000000"], "n=1000000000 must be a whole number"),
    (["run", "-m", "sim/oracle", "-f", "stack_queue", "--design", "random", "--cells", "1000000000"],
     "cells=1000000000 must be a whole number"),
    (["run", "-m", "sim/oracle", "-f", "stack_queue", "--samples", "5000"], "samples=5000 must be a whole number"),
    (["run", "-m", "sim/oracle", "-f", "stack_queue", "--concurrency", "1000000"], "--concurrency 1000000"),
    (["run", "-m", "sim/oracle:delay=inf", "-f", "stack_queue"], "must be from 0 to 60000 milliseconds"),
    (["run", "-m", "sim/oracle", "--n", "100000", "--samples", "1000"], "limit 2,000,000"),
    (["run", "-m", "sim/oracle:delay=-5", "-f", "stack_queue"], "must be from 0 to 60000 milliseconds"),
    (["run", "-m", "sim/oracle", "--plan", "tests"], "is a folder"),
]


def test_resume_refuses_plan_options_and_runs_shows_whole_ids(store_path):
    r = invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--n", "1", "--store", str(store_path), "--json")
    run_id = json.loads(r.stdout)["run_id"]
    for extra, flag in ((["-m", "sim/random"], "--model"), (["-f", "arith_expr"], "--family"), (["--n", "9"], "--n")):
        r = invoke("run", "--resume", run_id, *extra, "--store", str(store_path))
        assert r.exit_code == 2 and f"drop {flag}" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = CliRunner(env={"COLUMNS": "80"}).invoke(app, ["runs", "--store", str(store_path)])
    assert run_id in r.stdout, r.stdout


def test_store_paths_that_cannot_be_stores(tmp_path):
    afile = tmp_path / "notes.txt"
    afile.write_text("x")
    for store, msg in ((afile / "x.db", "is a file, not a folder"), (tmp_path, "is a folder")):
        r = invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--store", str(store))
        err = r.stderr.strip()
        assert r.exit_code == 2 and msg in err and len(err.splitlines()) == 1, err
    assert afile.read_text() == "x" and sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_sigterm_before_the_run_starts_is_one_line_and_130(tmp_path, cli_env):
    """SIGTERM while the model is checked (a server that accepts and never answers) stops
    like Ctrl-C: one line, exit 130, no store."""
    import signal
    import socket
    import time

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/v1"
        proc = subprocess.Popen(unseen_cmd() + ["run", "-m", "openai/x", "--base-url", url, "-f", "stack_queue",
                                                "--store", str(tmp_path / "t.db"), "--no-progress"],
                                env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and err.strip() == "interrupted", err
    assert not (tmp_path / "t.db").exists()


@pytest.mark.parametrize("args,msg", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_is_one_line_and_writes_nothing(args, msg, store_path):
    result = invoke(*args, "--store", str(store_path))
    assert result.exit_code == 2
    err = result.stderr.strip()
    assert msg in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert not store_path.exists(), "bad input must not create or write the store"


def test_malformed_plan_file(tmp_path, store_path):
    bad = tmp_path / "plan.toml"
    bad.write_text("families = [stack_queue")
    r = invoke("run", "--plan", str(bad), "--store", str(store_path))
    assert r.exit_code == 2 and "malformed" in r.stderr and not store_path.exists()
    unknown = tmp_path / "plan2.toml"
    unknown.write_text('famillies = ["stack_queue"]')
    r = invoke("run", "--plan", str(unknown), "--store", str(store_path))
    assert r.exit_code == 2 and "famillies" in r.stderr


def test_plan_file_runs(tmp_path, store_path):
    plan = tmp_path / "plan.toml"
    plan.write_text('families = ["stack_queue"]\ndesign = "grid"\nvary = ["structure", "ask"]\nn = 1\n'
                    '[params]\nstack_queue = "ops=5"\n')
    s = json.loads(invoke("run", "-m", "sim/oracle", "--plan", str(plan), "--store", str(store_path),
                          "--json").stdout)
    assert s["plan"]["design"] == "grid" and s["planned_attempts"] == 9
    assert s["plan"]["fixed"] == {"stack_queue": {"ops": 5}}


def test_store_that_is_not_unseen(tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("just some text, not sqlite at all" * 100)
    r = invoke("summary", "--store", str(text))
    assert r.exit_code == 2 and "not an SQLite database" in r.stderr
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    r = invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--store", str(other))
    assert r.exit_code == 2 and "not an unseen database" in r.stderr
    con = sqlite3.connect(other)
    assert [t[0] for t in con.execute("SELECT name FROM sqlite_master")] == ["t"], "nothing written"


def test_store_from_newer_schema(store_path):
    invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--store", str(store_path))
    con = sqlite3.connect(store_path)
    con.execute("INSERT INTO migrations VALUES ('9999_future', 'x')")
    con.commit()
    before = con.execute("SELECT count(*) FROM runs").fetchone()[0]
    con.close()
    r = invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--store", str(store_path))
    assert r.exit_code == 2 and "newer unseen" in r.stderr and "9999_future" in r.stderr
    con = sqlite3.connect(store_path)
    assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == before


def test_missing_store_and_run(store_path, tmp_path):
    r = invoke("summary", "--store", str(tmp_path / "nope.db"))
    assert r.exit_code == 2 and "does not exist" in r.stderr
    invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--store", str(store_path))
    r = invoke("summary", "deadbeef", "--store", str(store_path))
    assert r.exit_code == 2 and "'deadbeef' is not in store" in r.stderr
    r = invoke("run", "--resume", "deadbeef", "--store", str(store_path))
    assert r.exit_code == 2 and "is not in store" in r.stderr


def test_real_process_exit_code_and_no_traceback(cli_env):
    out = subprocess.run(unseen_cmd() + ["show", "stack_quue"], env=cli_env, capture_output=True, text=True)
    assert out.returncode == 2 and out.stderr.startswith("error: family 'stack_quue'")
    assert "did you mean 'stack_queue'" in out.stderr and "Traceback" not in out.stderr
    out = subprocess.run(unseen_cmd() + ["show", "stack_queue", "-p", "ops=1"], env=cli_env,
                         capture_output=True, text=True)
    assert out.returncode == 2 and "ops=1 is below the minimum" in out.stderr


def test_a_run_whose_every_attempt_errs_exits_1(store_path, monkeypatch):
    from unseen import runner as runner_mod

    def broken(*args, **kwargs):
        raise RuntimeError("checker exploded")

    monkeypatch.setattr(runner_mod, "score", broken)
    r = invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--n", "1", "--store", str(store_path), "--json")
    assert r.exit_code == 1 and "every one of the" in r.stderr and "ended in an error" in r.stderr
