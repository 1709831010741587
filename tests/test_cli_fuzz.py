"""Random command lines against the real CLI: every command, good, edge and bad values.

For every drawn argument list: no traceback and no uncaught exception, an answer within a
time bound, and when the answer is a refusal (exit 2), one line on stderr and no file in
the working folder created or changed. Models are simulated (``sim/...``) or an
OpenAI-compatible endpoint at an unroutable address, so nothing leaves the machine.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from unseen.cli import app

DEAD_URL = "http://127.0.0.1:9/v1"  # nothing listens on port 9: refused at once
ENV = {"OPENAI_BASE_URL": DEAD_URL, "OPENAI_API_KEY": None, "COLUMNS": "120"}
BOUND_S = 30.0
EXIT_1 = ("ended in an error", "does not fail", "every instance was a generation error")

BAD_NUMBERS = ["0", "-1", "nan", "inf", "-inf", "1e9", "99999999999999999999999", "", "abc", "１", "1.5"]
GOOD_FAMILIES = ["stack_queue", "number_sequence"]
BAD_FAMILIES = ["nosuch", "", "stack_queue,arith_expr", "ünïcode", "../x", "-1"]
PARAMS = ["ops=4", "rule=geometric", "ops=999", "ops=", "=4", "ops", "ops=4,,peeks=1", "nosuch=1",
          "stack_queue:ops=4", "nosuch:ops=4", "ops=nan", "ops=1e400", ",", "", "ops=４", "skin=warehouse"]
GOOD_MODELS = ["sim/oracle", "sim/noisy:p=0.5", "sim/random", "sim/threshold:var=ops,at=8",
               "sim/threshold:var=ops+peeks,at=8+2,family=stack_queue", "sim/memoriser:set=set.jsonl"]
BAD_MODELS = ["sim/threshold:var=ops,at=999", "sim/threshold:var=nosuch,at=1", "sim/threshold:var=ops",
              "sim/threshold:var=ops+peeks,at=8", "sim/threshold:var=ops,at=8,family=nosuch",
              "sim/threshold:var=ops+,at=8+", "sim/threshold:var=ops,at=8,family=arith_expr",
              "sim/noisy:p=2", "sim/noisy:p=nan", "sim/oracle:delay=inf", "sim/oracle:delay=-1",
              "sim/oracle:delay=nan", "sim/oracle:nosuch=1", "sim/oracle:p",
              "sim/memoriser:set=missing.jsonl", "sim/memoriser:set=folder", "sim/memoriser:set=garbage.txt",
              "sim/nosuch", "sim", "sim/", "", "nosuch/x", "openai/x", "openai/", "ünï/x"]
URLS = [DEAD_URL, "127.0.0.1:9/v1", "http://[::1", "ftp://127.0.0.1:9", "http://127.0.0.1:9 /v1",
        "http://127.0.0.1:99999/v1", "http://127.0.0.1:0/v1", "http://", "http:///v1", "http://a:b:c/v1",
        "", " ", "x", "http://127.0.0.1:abc/v1", "http://u:p@127.0.0.1:9/v1", "http://127.0.0.1:9/v1\n"]
KEYS = [None, "sk-test", "sk-test\n", " sk-test ", "sk-\x01test", "sk-té\nst", "\t", "sk-€"]
STORES = ["s.db", "new.db", "missing/x.db", "folder", "garbage.txt", "empty.db", "set.jsonl", ""]
PLANS = ["good.toml", "good.json", "missing.toml", "folder", "garbage.txt", "bad_n.toml", "bad_families.toml",
         "bad_params.toml", "bad_vary.toml", "bad_samples.toml", "unknown.toml", "invalid.toml", "list.json",
         "null.json", "bytes.toml", "families_str.toml", "nested_vary.toml", "bad_suite.toml"]
RUN_IDS = ["RUN", "RUN_PREFIX", "nosuch", "", "%", "_", "'", "ünï"]


def _files(tmp: Path) -> None:
    """What a user's folder may hold: a store with one run, a published set, plan files good
    and bad, a folder, garbage."""
    (tmp / "folder").mkdir()
    (tmp / "garbage.txt").write_bytes(b"\x00\xffnot a store, not a plan\n" * 20)
    (tmp / "empty.db").write_bytes(b"")
    plans = {
        "good.toml": 'families = ["stack_queue"]\nn = 1\nvary = ["ops"]\n',
        "good.json": '{"families": ["stack_queue"], "n": 1, "vary": "ops"}',
        "bad_n.toml": 'families = ["stack_queue"]\nn = "ten"\n',
        "bad_families.toml": "families = 3\n",
        "bad_params.toml": 'families = ["stack_queue"]\nparams = [1]\n',
        "bad_vary.toml": 'families = ["stack_queue"]\nvary = "x"\n',
        "bad_samples.toml": 'families = ["stack_queue"]\nsamples = 1.5\n',
        "unknown.toml": 'families = ["stack_queue"]\nfoo = 1\n',
        "invalid.toml": 'families = ["stack_queue"\n',
        "list.json": "[1, 2]",
        "null.json": '{"families": null}',
        "families_str.toml": 'families = "stack_queue"\nn = 1\nvary = "ops"\n',
        "nested_vary.toml": 'families = ["stack_queue"]\nvary = ["ops", ["x"]]\n',
        "bad_suite.toml": 'families = ["stack_queue"]\nsuite = 3\n',
    }
    for name, text in plans.items():
        (tmp / name).write_text(text)
    (tmp / "bytes.toml").write_bytes(b"\xff\xfe\x00families")


@pytest.fixture(scope="module")
def template():
    """A folder built once: the files above plus a store with one run and a published set."""
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        _files(tmp)
        runner = CliRunner()
        r = runner.invoke(app, ["run", "-m", "sim/noisy:p=0.5", "-f", "stack_queue", "--vary", "ops", "--n", "2",
                                "--seed", "3", "--store", str(tmp / "s.db"), "--json", "--no-progress"])
        assert r.exit_code == 0, r.output
        r = runner.invoke(app, ["publish", "--seed", "7", "--out", str(tmp / "set.jsonl"), "-f", "stack_queue",
                                "--vary", "ops", "--n", "2"])
        assert r.exit_code == 0, r.output
        con = sqlite3.connect(tmp / "s.db")
        run_id = con.execute("SELECT run_id FROM runs").fetchone()[0]
        instance = con.execute("SELECT instance_id FROM run_items WHERE run_id=? LIMIT 1", (run_id,)).fetchone()[0]
        con.close()
        yield tmp, run_id, instance


def some(table: list[tuple[str, list[str]]], most: int = 3) -> st.SearchStrategy[list[str]]:
    """Up to ``most`` of a command's options, each with one of its values (good ones
    listed first) or a bad number; a flag's values are ``[]``."""
    def values(name: str, good: list[str]) -> st.SearchStrategy[list[str]]:
        if not good:
            return st.just([name])
        return st.sampled_from(good + BAD_NUMBERS[:3]).map(lambda v: [name, v])

    chosen = st.lists(st.sampled_from(table), max_size=most, unique_by=lambda o: o[0])
    return chosen.flatmap(lambda opts: st.tuples(*(values(n, g) for n, g in opts))).map(lambda t: sum(t, []))


def pick(name: str | None, good: list[str], bad: list[str]) -> st.SearchStrategy[list[str]]:
    """A value that is good two times in three."""
    values = st.one_of(st.sampled_from(good), st.sampled_from(good), st.sampled_from(bad))
    return values.map(lambda v: [v] if name is None else [name, v])


def command() -> st.SearchStrategy[list[list[str]]]:
    model = pick("-m", GOOD_MODELS, BAD_MODELS)
    one_family = pick("-f", GOOD_FAMILIES, BAD_FAMILIES)
    fams = st.lists(one_family, min_size=1, max_size=2).map(lambda x: sum(x, []))
    params = st.sampled_from([[], [], *(["-p", p] for p in PARAMS)])
    small_n = pick("--n", ["1", "2"], BAD_NUMBERS)
    store = pick("--store", ["s.db", "new.db"], [s for s in STORES if s not in ("s.db", "new.db")])
    run_ref = pick(None, ["RUN", "RUN_PREFIX"], [r for r in RUN_IDS if not r.startswith("RUN")])
    json_flag = st.sampled_from([[], ["--json"]])
    asking = [("--concurrency", ["1", "2", "1025", "1000000"]), ("--base-url", URLS), ("--timeout", ["5", "86401"]),
              ("--max-retries", ["0", "2"]), ("--temperature", ["0", "0.7", "2.5"]), ("--max-tokens", ["1", "64"]),
              ("--top-p", ["0.9", "1", "5"]), ("--sampling-seed", ["1", "4294967296"]),
              ("--stop", ["\n", "Answer", ""]), ("--extra-body", ['{"top_k": 1}', "[1]", "{", "null", ""]),
              ("--no-cache", [])]
    planning = [("--samples", ["1", "2", "1001"]), ("--design", ["oat", "random", "nosuch", ""]),
                ("--suite", ["smoke", "standard", "nosuch", ""]), ("--vary", ["ops", "ahead", "rule", "nosuch", ""]),
                ("--cells", ["1", "3", "20001"]), ("--probes", ["0.05", "0.5", "0.9"]), ("--plan", PLANS),
                ("--seed", ["1", "9223372036854775808"]), ("--resume", RUN_IDS)]
    run = st.tuples(st.just(["run"]), model, fams, small_n, params, some(planning), some(asking), json_flag,
                    st.just(["--no-progress"]), store)
    resume = st.tuples(st.just(["run"]), pick("--resume", ["RUN", "RUN_PREFIX"], RUN_IDS[2:]), some(asking),
                       st.sampled_from([[], [], ["-m", "sim/oracle"], ["--n", "1"], ["--plan", "good.toml"]]),
                       json_flag, st.just(["--no-progress"]), store)
    summary = st.tuples(st.just(["summary"]), run_ref, json_flag, store)
    analyse = st.tuples(st.just(["analyse"]), run_ref, some([("--mode", ["strict", "lenient", "x"]),
                                                             ("--alpha", ["0.05", "1"]), ("--min-effect", ["0.1", "2"]),
                                                             ("--min-per-level", ["2", "1"])]), json_flag, store)
    publish = st.tuples(st.just(["publish"]),
                        pick("--out", ["out.jsonl", "sub/../out.jsonl"],
                             ["folder", "missing/x.jsonl", "", "garbage.txt", "folder/", "ünï.jsonl", "."]),
                        pick("--seed", ["7"], ["-1", "x", ""]), fams, small_n, params,
                        some([("--vary", ["ops", "ahead", "nosuch"])]))
    memo = st.tuples(st.just(["memo"]),
                     pick("--published", ["set.jsonl"], ["missing.jsonl", "folder", "garbage.txt", "good.toml",
                                                         "empty.db", ""]),
                     st.one_of(model, model, st.just([])), some([("--concurrency", ["1", "2000"])]), json_flag, store)
    shrink = st.tuples(st.just(["shrink"]), st.one_of(model, model, st.just([])), one_family, params,
                       some([("--threshold", ["0.5", "1"]), ("--n-max", ["4", "8", "1", "-3"]),
                             ("--samples", ["1", "2", "1001"])]), json_flag, store)
    breaking = st.tuples(st.just(["breaking-point"]), st.one_of(model, model, st.just([])), one_family,
                         pick("--var", ["ops", "ahead", "peeks"], ["skin", "nosuch", ""]), params,
                         some([("--target", ["0.5", "1"]), ("--n-max", ["4", "8", "1", "-3"])]), json_flag, store)
    show = st.tuples(st.just(["show"]), pick(None, GOOD_FAMILIES, BAD_FAMILIES), some([("--seed", ["3", "2" * 40])]),
                     params, json_flag)
    families = st.tuples(st.just(["families"]), some([("--domain", ["algorithms", "nosuch", ""])]), json_flag)
    runs = st.tuples(st.just(["runs"]), json_flag, store)
    review = st.tuples(st.just(["review"]), run_ref, some([("--sample", ["3", "1000000000"]), ("--seed", ["1"])]),
                       st.sampled_from([[], ["--mark", "INSTANCE=ok"], ["--mark", "INSTANCE=bad"],
                                        ["--mark", "x=ok"], ["--mark", "=ok"], ["--mark", "garbage"]]),
                       json_flag, store)
    compare = st.tuples(st.just(["compare"]), run_ref, run_ref, some([("--mode", ["strict", "lenient", "x"])]),
                        json_flag, store)
    unlock = st.tuples(st.just(["unlock"]), run_ref, store)
    return st.one_of(run, resume, summary, analyse, publish, memo, shrink, breaking, show, families, runs, review,
                     compare, unlock)


def listing(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            s = p.lstat()
            out[str(p.relative_to(root))] = (s.st_size, s.st_mtime_ns)
    return out


# derandomized: the same 150 command lines every run, so a failure here is a regression,
# never a new draw; explore with more examples by raising max_examples and dropping it
@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(parts=command(), key=st.sampled_from(KEYS))
def test_random_command_lines_never_crash_hang_or_write_on_refusal(template, parts, key):
    src, run_id, instance = template
    args = [a.replace("RUN_PREFIX", run_id[:6]).replace("RUN", run_id).replace("INSTANCE", instance)
            for part in parts for a in part]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d) / "w"
        shutil.copytree(src, tmp)
        before = listing(tmp)
        cwd = os.getcwd()
        os.chdir(tmp)  # relative paths (and a default store, were one left out) land here
        try:
            began = time.monotonic()
            result = CliRunner().invoke(app, args, env={**ENV, "OPENAI_API_KEY": key})
            took = time.monotonic() - began
        finally:
            os.chdir(cwd)
        after = listing(tmp)
    shown = f"unseen {' '.join(map(repr, args))}\nexit {result.exit_code}\n{result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{shown}\n{result.exception!r}"
    assert "Traceback" not in result.output, shown
    assert took < BOUND_S, f"{shown}\ntook {took:.1f} s"
    assert result.exit_code in (0, 1, 2), shown
    if result.exit_code == 1:  # a finding, not bad input: nothing asked answered, or nothing to shrink
        assert any(m in result.stderr for m in EXIT_1), shown
    if result.exit_code == 2:
        err = result.stderr.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("error: "), shown
        changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        assert not changed, f"{shown}\nwritten on refusal: {sorted(changed)}"
