"""Bad input, each case as a user meets it: one line on stderr naming the value and the
fix, exit code 2, and no file created or changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unseen.cli import app

runner = CliRunner()


def listing(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            s = (Path(dirpath) / name).lstat()
            out[str((Path(dirpath) / name).relative_to(root))] = (s.st_size, s.st_mtime_ns)
    return out


def refused(folder: Path, *args: str, env: dict | None = None) -> str:
    """Run the command in ``folder``; assert the refusal; return its one line."""
    before = listing(folder)
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        r = runner.invoke(app, list(args), env=env)
    finally:
        os.chdir(cwd)
    err = r.stderr.strip()
    assert r.exit_code == 2, f"exit {r.exit_code}: {r.output}\n{r.exception!r}"
    assert isinstance(r.exception, SystemExit) and "Traceback" not in r.output, r.output
    assert len(err.splitlines()) == 1 and err.startswith("error: "), err
    assert listing(folder) == before, "a refusal must not create or change a file"
    return err


PLAN_FILES = [
    ('families = ["stack_queue"]\nn = "ten"\n', 'n = "ten" is a string; write a whole number'),
    ("families = 3\n", "families holds 3 (an integer); write strings"),
    ('families = ["stack_queue", 3]\n', "families holds 3 (an integer)"),
    ('families = ["stack_queue"]\nparams = [1]\n', "params holds 1 (an integer)"),
    ('families = ["stack_queue"]\nparams = {stack_queue = {ops = 4}}\n', 'params holds {"ops": 4} (a table)'),
    ('families = ["stack_queue"]\nvary = "x"\n', "vary='x' is not a variable of any planned family"),
    ('families = ["stack_queue"]\nvary = ["ops", ["x"]]\n', 'vary holds ["x"] (a list)'),
    ('families = ["stack_queue"]\nsamples = 1.5\n', "samples = 1.5 is a decimal number; write a whole number"),
    ('families = ["stack_queue"]\nsuite = 3\n', 'suite = 3 is an integer; write a name, e.g. suite = "standard"'),
    ('families = ["stack_queue"]\nn = true\n', "n = true is a true/false value"),
    ('families = ["stack_queue"]\nfoo = 1\n', "has unknown key 'foo'; allowed keys: cells, design"),
    ('families = ["stack_queue"\n', "is malformed: Unclosed array"),
]


@pytest.mark.parametrize("text,msg", PLAN_FILES, ids=[t.replace("\n", " ") for t, _ in PLAN_FILES])
def test_plan_file_of_wrong_types_is_one_line(tmp_path, text, msg):
    (tmp_path / "x.toml").write_text(text)
    err = refused(tmp_path, "run", "-m", "sim/oracle", "--plan", "x.toml", "--store", "s.db")
    assert msg in err


@pytest.mark.parametrize("name,content,msg", [
    ("x.json", b"[1, 2]", "holds a list, not keys"),
    ("x.json", b'{"families": null}', "families holds null (empty)"),
    ("x.toml", b"\xff\xfe\x00families", "is not UTF-8 text"),
    ("x.json", b"\xff\xfe", "is not UTF-8 text"),
])
def test_plan_file_that_is_not_a_table_or_not_text(tmp_path, name, content, msg):
    (tmp_path / name).write_bytes(content)
    assert msg in refused(tmp_path, "run", "-m", "sim/oracle", "--plan", name, "--store", "s.db")


def test_plan_file_single_strings_and_family_tables_are_read(tmp_path):
    (tmp_path / "x.toml").write_text('families = "stack_queue"\nvary = "ops"\nn = 1\n'
                                     '[params]\nstack_queue = "peeks=2"\n')
    r = runner.invoke(app, ["run", "-m", "sim/oracle", "--plan", str(tmp_path / "x.toml"),
                            "--store", str(tmp_path / "s.db"), "--json"])
    assert r.exit_code == 0, r.output


@pytest.mark.parametrize("args,msg", [
    (["publish", "-f", "stack_queue"], "error: missing option '--out' / '-o'; see `unseen publish --help`"),
    (["run", "-m", "sim/oracle", "--n", "ten"], "error: invalid value for '--n'"),
    (["run", "--nn", "3"], "error: no such option: --nn"),
    (["show"], "error: missing argument 'family'; see `unseen show --help`"),
    (["nosuch"], "error: no such command 'nosuch'; see `unseen --help`"),
])
def test_usage_errors_of_the_command_line_are_one_line(tmp_path, args, msg):
    assert refused(tmp_path, *args).startswith(msg)


BASE_URLS = [
    ("127.0.0.1:9/v1", "is not an http:// or https:// URL"),
    ("ftp://127.0.0.1:9", "is not an http:// or https:// URL"),
    ("http://[::1", "is malformed (Invalid IPv6 URL)"),
    ("http://127.0.0.1:99999/v1", "is malformed (Port out of range"),
    ("http://127.0.0.1:-1/v1", "is malformed (Port could not be cast"),
    ("http://127.0.0.1:0/v1", "has port 0"),
    ("http://", "names no host"),
    ("http://127.0.0.1:9 /v1", "holds a space or a control character"),
    ("http://127.0.0.1:9/v1\n", "holds a space or a control character"),
    ("", "is empty; give http://HOST:PORT/v1"),
    (" ", "is empty; give http://HOST:PORT/v1"),
]


@pytest.mark.parametrize("url,msg", BASE_URLS, ids=[u for u, _ in BASE_URLS])
def test_malformed_base_url_is_one_line(tmp_path, url, msg):
    err = refused(tmp_path, "run", "-m", "openai/x", "--base-url", url, "-f", "stack_queue", "--store", "s.db")
    assert err.startswith(f"error: --base-url {url!r} {msg}") and "http://HOST:PORT/v1" in err


def test_malformed_base_url_from_the_environment_and_its_credentials_unshown(tmp_path):
    err = refused(tmp_path, "run", "-m", "openai/x", "-f", "stack_queue", "--store", "s.db",
                  env={"OPENAI_BASE_URL": "ftp://127.0.0.1:9/v1"})
    assert err.startswith("error: OPENAI_BASE_URL 'ftp://127.0.0.1:9/v1' is not an http")
    err = refused(tmp_path, "run", "-m", "openai/x", "--base-url", "http://me:SECRETKEY1@[::1", "-f", "stack_queue",
                  "--store", "s.db")
    assert "malformed" in err and "SECRETKEY1" not in err


@pytest.mark.parametrize("key", ["sk-te\x01st-key", "sk-test key", "sk-tést-key", "sk-test\nkey"])
def test_api_key_with_a_character_inside_that_no_header_takes_is_one_line(tmp_path, key):
    from fake_openai import FakeServer

    with FakeServer() as srv:  # a live server: the header is built (it was a ValueError traceback)
        err = refused(tmp_path, "run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", "stack_queue",
                      "--store", "s.db", env={"OPENAI_API_KEY": key})
    assert "OPENAI_API_KEY has a space, a control or a non-ASCII character at position" in err
    assert key not in err and "te" not in err.split("position")[1]


def test_api_key_surrounding_whitespace_is_dropped(tmp_path):
    from fake_openai import FakeServer

    with FakeServer(key="sk-test-key-123") as srv:
        r = runner.invoke(app, ["run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", "stack_queue",
                                "--n", "1", "--vary", "ops", "--store", str(tmp_path / "s.db"), "--json"],
                          env={"OPENAI_API_KEY": " sk-test-key-123\n"})
    assert r.exit_code == 0, r.output
    assert set(srv.seen_auth) == {"Bearer sk-test-key-123"}


def a_run(folder: Path, *extra: str) -> str:
    """A store s.db in ``folder`` with one small run; its id."""
    import json

    r = runner.invoke(app, ["run", "-m", "sim/oracle", "-f", "stack_queue", "--vary", "ops", "--n", "1",
                            "--store", str(folder / "s.db"), "--json", *extra])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["run_id"]


@pytest.mark.parametrize("command", ["shrink", "breaking-point"])
@pytest.mark.parametrize("n_max", ["0", "-3", "100001"])
def test_search_n_max_out_of_range_is_refused_before_any_model_call(tmp_path, command, n_max):
    where = ["-p", "ops=16"] if command == "shrink" else ["--var", "ops"]
    err = refused(tmp_path, command, "-m", "sim/oracle", "-f", "stack_queue", *where, "--n-max", n_max,
                  "--store", "s.db")
    assert err == f"error: --n-max {n_max} must be from 1 to 100,000 (attempts per decision)"


@pytest.mark.parametrize("args,msg", [
    (["shrink", "-m", "sim/oracle", "-f", "stack_queue", "--samples", "1001"], "--samples 1001 must be from 1 to"),
    (["breaking-point", "-m", "sim/oracle", "-f", "stack_queue", "--var", "skin"], "variable 'skin' of stack_queue "
                                                                                   "is unordered"),
    (["publish", "--out", "folder", "--seed", "7", "-f", "stack_queue"], "--out 'folder' is a folder; give a file"),
    (["publish", "--out", "folder/", "--seed", "7", "-f", "stack_queue"], "--out 'folder/' is a folder"),
    (["publish", "--out", "notes.txt/x.jsonl", "--seed", "7", "-f", "stack_queue"], "is a file, not a folder"),
    (["publish", "--out", "x.jsonl", "--seed", "-1", "-f", "stack_queue"], "--seed -1 must be between 0"),
    (["memo", "--published", "folder", "-m", "sim/oracle"], "published set 'folder' is a folder"),
    (["memo", "--published", "notes.txt", "-m", "sim/oracle"], "is not a published set"),
    (["memo", "--published", "notes.txt", "-m", "sim/oracle", "-c", "5000"], "--concurrency 5000 must be from 1"),
])
def test_search_publish_and_memo_refuse_before_writing(tmp_path, args, msg):
    (tmp_path / "folder").mkdir()
    (tmp_path / "notes.txt").write_text('{"unseen_published": 1}\n')
    store = [] if args[0] == "publish" else ["--store", "s.db"]  # publish has no store
    assert msg in refused(tmp_path, *args, *store)


def test_shrink_whose_start_passes_exits_1_and_keeps_its_run(tmp_path):
    import sqlite3

    r = runner.invoke(app, ["shrink", "-m", "sim/oracle", "-f", "stack_queue", "-p", "ops=16", "--n-max", "8",
                            "--store", str(tmp_path / "s.db")])
    err = r.stderr.strip()
    assert r.exit_code == 1 and len(err.splitlines()) == 1, r.output
    assert err.startswith("error: the start setting of stack_queue does not fail") and "kept as run" in err
    con = sqlite3.connect(tmp_path / "s.db")
    assert con.execute("SELECT status FROM runs").fetchall() == [("complete",)]
    assert con.execute("SELECT count(*) FROM attempts").fetchone()[0] == 8


@pytest.mark.parametrize("args", [["summary", "nosuch"], ["analyse", "nosuch"], ["compare", "a", "b"],
                                  ["review", "nosuch", "--json"], ["summary", "%"], ["summary", "_"],
                                  ["runs", "--json", "--store", "empty.db"], ["review"],
                                  ["review", "RUN", "--mark", "nosuch=ok"], ["run", "--resume", "nosuch"]])
def test_a_refused_read_of_a_store_leaves_no_file_behind(tmp_path, args):
    run_id = a_run(tmp_path)
    (tmp_path / "empty.db").write_bytes(b"")
    args = [run_id if a == "RUN" else a for a in args]
    refused(tmp_path, *args, *([] if "--store" in args else ["--store", "s.db"]))


@pytest.mark.parametrize("option,value,msg", [
    ("--sampling-seed", "-1", "--sampling-seed -1 must be from 0 to 2147483647"),
    ("--sampling-seed", "2147483648", "--sampling-seed 2147483648 must be from 0 to 2147483647"),
    ("--max-retries", "-1", "--max-retries -1 must be from 0 to 100"),
    ("--max-retries", "1000000", "--max-retries 1000000 must be from 0 to 100"),
    ("--top-p", "5", "--top-p 5.0 must be above 0 and at most 1"),
    ("--top-p", "-1", "--top-p -1.0 must be above 0 and at most 1"),
    ("--max-tokens", "0", "--max-tokens 0 must be at least 1"),
    ("--temperature", "-1", "--temperature -1.0 must be between 0 and 2"),
    ("--temperature", "nan", "--temperature nan must be between 0 and 2"),
    ("--timeout", "nan", "--timeout nan must be a number of seconds above 0"),
    ("--timeout", "inf", "--timeout inf must be a number of seconds above 0"),
])
def test_request_options_out_of_range(tmp_path, option, value, msg):
    err = refused(tmp_path, "run", "-m", "sim/oracle", "-f", "stack_queue", option, value, "--store", "s.db")
    assert err.startswith(f"error: {msg}")


@pytest.mark.parametrize("model,families,msg", [
    ("sim/threshold:var=ops,at=16,family=nosuch", ["stack_queue"], "family='nosuch' in model"),
    ("sim/threshold:var=ops+rule,at=16+geometric", ["stack_queue"], "never fails: no one family has ops=16 and "
                                                                     "rule=geometric"),
    ("sim/threshold:var=ops,at=16,family=arith_expr", ["arith_expr"], "never fails: family arith_expr has no ops=16"),
    ("sim/threshold:var=ops,at=16", ["arith_expr"], "never fails in this plan: no planned family (arith_expr) has "
                                                    "ops=16"),
    ("sim/threshold:var=ops,at=add_sub", ["stack_queue"], "no planned family (stack_queue) has ops=add_sub"),
])
def test_a_threshold_that_never_fires_in_the_plan_is_refused(tmp_path, model, families, msg):
    fams = [a for f in families for a in ("-f", f)]
    assert msg in refused(tmp_path, "run", "-m", model, *fams, "--n", "1", "--store", "s.db")


@pytest.mark.parametrize("command", [["shrink", "-p", "ops=add_sub"], ["breaking-point", "--var", "ops"]])
def test_a_search_with_a_threshold_its_family_cannot_show_is_refused(tmp_path, command):
    err = refused(tmp_path, command[0], "-m", "sim/threshold:var=ops,at=16", "-f", "arith_expr", *command[1:],
                  "--store", "s.db")
    assert "no planned family (arith_expr) has ops=16" in err


@pytest.mark.parametrize("args", [["unlock", "abc"], ["run", "--resume", "abc"], ["review", "abc", "--mark", "x=ok"]])
def test_a_writing_command_refuses_an_empty_store_file_without_making_it_a_store(tmp_path, args):
    (tmp_path / "empty.db").write_bytes(b"")
    assert "store 'empty.db' is empty; start a run" in refused(tmp_path, *args, "--store", "empty.db")


def test_a_family_named_twice_is_planned_once(tmp_path):
    r = runner.invoke(app, ["run", "-m", "sim/oracle", "-f", "stack_queue", "-f", "stack_queue", "--vary", "ops",
                            "--n", "1", "--store", str(tmp_path / "s.db"), "--json"])
    assert r.exit_code == 0, r.output
    import json

    assert json.loads(r.stdout)["plan"]["families"] == ["stack_queue"]


def test_a_memoriser_whose_set_is_a_folder_is_one_line(tmp_path):
    (tmp_path / "folder").mkdir()
    err = refused(tmp_path, "run", "-m", "sim/memoriser:set=folder", "-f", "stack_queue", "--store", "s.db")
    assert "published set 'folder' is a folder" in err
