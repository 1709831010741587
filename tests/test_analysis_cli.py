"""The analysis commands end to end on simulated models, and their bad-input errors."""

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from unseen.cli import app

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def threshold_run(tmp_path_factory):
    db = tmp_path_factory.mktemp("a") / "a.db"
    r = invoke("run", "-m", "sim/threshold:var=ops,at=16,below=0.9,above=0.3,family=stack_queue",
               "-f", "stack_queue", "-f", "list_transform", "--n", "30", "--probes", "0.1", "--seed", "3",
               "--store", str(db), "--json")
    assert r.exit_code == 0, r.output
    return db, json.loads(r.stdout)["run_id"]


def test_analyse_finds_the_planted_variable(threshold_run):
    db, run_id = threshold_run
    d = json.loads(invoke("analyse", run_id, "--store", str(db), "--json").stdout)
    assert "stack_queue.ops" in d["effective"]
    assert all(name.startswith("stack_queue.ops") for name in d["effective"]), d["effective"]
    ops = next(e for e in d["effects"] if e["family"] == "stack_queue" and e["variable"] == "ops")
    assert ops["p_adjusted"] < 0.05 and ops["effect"] >= 0.4 and ops["test"] == "step"
    assert d["checker_false_passes"] == 0
    fam = next(f for f in d["families"] if f["family"] == "stack_queue")["corrected"]
    assert fam["q_n"] > 0, "probes were asked and scored apart"
    assert fam["low"] <= fam["corrected"] <= fam["high"]
    text = invoke("analyse", run_id, "--store", str(db)).stdout
    assert "corrected score" in text and "checker false passes on near misses: 0" in text


def test_probes_never_count_toward_accuracy(threshold_run):
    db, run_id = threshold_run
    s = json.loads(invoke("summary", run_id, "--store", str(db), "--json").stdout)
    con = sqlite3.connect(db)
    tasks = con.execute("SELECT count(*) FROM attempts a JOIN run_items r USING (run_id, instance_id) "
                        "WHERE r.kind='task' AND a.status='ok'").fetchone()[0]
    probes = con.execute("SELECT count(*) FROM run_items WHERE kind!='task'").fetchone()[0]
    assert probes > 0 and s["completed_attempts"] == tasks


def test_analyse_with_too_few_samples_explains_what_is_missing(tmp_path):
    db = tmp_path / "few.db"
    invoke("run", "-m", "sim/noisy", "-f", "stack_queue", "--n", "2", "--store", str(db))
    d = json.loads(invoke("analyse", "--store", str(db), "--json").stdout)
    assert all(e["p_value"] is None for e in d["effects"])
    assert all("too few instances" in e["note"] and "--n 5" in e["note"] for e in d["effects"])
    assert d["effective"] == []


def test_analyse_with_no_variation(tmp_path):
    db = tmp_path / "nv.db"
    invoke("run", "-m", "sim/noisy", "-f", "stack_queue", "--n", "6", "--vary", "ops", "--store", str(db))
    d = json.loads(invoke("analyse", "--store", str(db), "--json").stdout)
    notes = {e["variable"]: e["note"] for e in d["effects"]}
    assert notes["skin"].startswith("no variation") and notes["ops"] == ""


def test_analyse_bad_input(tmp_path, threshold_run):
    db, _ = threshold_run
    r = invoke("analyse", "nope", "--store", str(db))
    assert r.exit_code == 2 and "'nope' is not in store" in r.stderr
    r = invoke("analyse", "--store", str(db), "--mode", "fuzzy")
    assert r.exit_code == 2 and "--mode 'fuzzy'" in r.stderr
    running = tmp_path / "running.db"
    invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--store", str(running))
    con = sqlite3.connect(running)
    con.execute("UPDATE runs SET status='running'")
    con.commit()
    r = invoke("analyse", "--store", str(running))
    assert r.exit_code == 2 and "still in progress" in r.stderr


def test_publish_and_memo_flag_the_memoriser(tmp_path):
    pub = tmp_path / "published.jsonl"
    r = invoke("publish", "--out", str(pub), "--seed", "777", "-f", "arith_expr", "--n", "4")
    assert r.exit_code == 0, r.output
    lines = pub.read_text().splitlines()
    assert json.loads(lines[0])["seed"] == 777 and len(lines) > 40
    db = tmp_path / "m.db"
    d = json.loads(invoke("memo", "--published", str(pub), "-m", f"sim/memoriser:set={pub},p=0.3",
                          "--store", str(db), "--json").stdout)
    assert d["published"] == 1.0 and d["fresh"] < 0.6 and d["suspected"]
    d = json.loads(invoke("memo", "--published", str(pub), "-m", "sim/noisy:p=0.6", "--store", str(db),
                          "--json").stdout)
    assert not d["suspected"]
    r = invoke("memo", "--published", str(tmp_path / "none.jsonl"), "-m", "sim/oracle", "--store", str(db))
    assert r.exit_code == 2 and "does not exist" in r.stderr


def test_shrink_finds_the_planted_minimal_setting(tmp_path):
    db = tmp_path / "s.db"
    model = "sim/threshold:var=ops+peeks,at=16+3,below=0.9,above=0.1"
    r = invoke("shrink", "-m", model, "-f", "stack_queue", "-p", "ops=40,peeks=8,pool=4,structure=deque,ask=final",
               "--store", str(db), "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["smallest"]["ops"] == 16 and d["smallest"]["peeks"] == 3
    assert d["smallest"]["structure"] == "stack" and d["smallest"]["pool"] == 30  # pool's simplest is 30
    assert d["example_prompt"] and "Answer:" in d["example_response"]
    r = invoke("shrink", "-m", model, "-f", "stack_queue", "-p", "ops=4", "--store", str(db))
    assert r.exit_code == 1 and "does not fail" in r.stderr  # a finding, its attempts kept: not bad input (2)
    statuses = [row[0] for row in sqlite3.connect(db).execute("SELECT status FROM runs")]
    assert "running" not in statuses, "a search that found nothing leaves no run marked running"


def test_breaking_point_is_adaptive(tmp_path):
    db = tmp_path / "b.db"
    r = invoke("breaking-point", "-m", "sim/threshold:var=ops,at=20,below=0.95,above=0.05", "-f", "stack_queue",
               "--var", "ops", "--store", str(db), "--json")
    d = json.loads(r.stdout)
    assert abs(d["level"] - 20) <= 1 and d["calls"] < 59 * 8
    r = invoke("breaking-point", "-m", "sim/oracle", "-f", "stack_queue", "--var", "skin", "--store", str(db))
    assert r.exit_code == 2 and "unordered" in r.stderr


def test_reviews_feed_epsilon_and_unsolvable_probes_are_reported(tmp_path):
    db = tmp_path / "r.db"
    r = invoke("run", "-m", "sim/noisy:p=0.8", "-f", "word_problem", "--n", "6", "--probes", "0.2",
               "--store", str(db), "--json")
    run_id = json.loads(r.stdout)["run_id"]
    shown = json.loads(invoke("review", "--store", str(db), "--sample", "3", "--json").stdout)
    assert len(shown) == 3 and all(s["prompt"] and s["reference"] for s in shown)
    marks = [f"{shown[0]['instance_id']}=flawed", f"{shown[1]['instance_id']}=ok"]
    r = invoke("review", "--store", str(db), "--mark", marks[0], "--mark", marks[1])
    assert r.exit_code == 0
    d = json.loads(invoke("analyse", run_id, "--store", str(db), "--json").stdout)
    fam = d["families"][0]
    assert fam["reviews"] == {"reviewed": 2, "flawed": 1}
    gen_errors = sqlite3.connect(db).execute(
        "SELECT count(*) FROM run_items WHERE kind='task' AND verified=0").fetchone()[0]
    assert fam["corrected"]["eps_k"] == 1 + gen_errors
    u = fam["unsolvable_probes"]
    assert u and u["asked"] > 0 and u["answered"] <= u["asked"]
    con = sqlite3.connect(db)
    prompts = con.execute("SELECT i.problem_json FROM run_items r JOIN instances i USING (instance_id) "
                          "WHERE r.kind='probe_unsolvable'").fetchall()
    assert prompts and all(json.loads(p[0])["data"]["unsolvable"] for p in prompts)
    r = invoke("review", "--store", str(db), "--sample", "2")  # no terminal: the input ends at once
    assert r.exit_code == 2 and "input ended" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = invoke("review", "--store", str(db), "--mark", "abc=maybe")
    assert r.exit_code == 2 and "malformed" in r.stderr
    r = invoke("review", "--store", str(db), "--mark", "abc=ok")
    assert r.exit_code == 2 and "not an asked task" in r.stderr


def test_shrink_names_inconsistent_instances(tmp_path):
    # a noisy model answers the same instance differently across samples
    r = invoke("shrink", "-m", "sim/noisy:p=0.3", "-f", "stack_queue", "-p", "ops=6", "--samples", "3",
               "--store", str(tmp_path / "i.db"), "--json")
    d = json.loads(r.stdout)
    assert d["inconsistent"], "a p=0.3 model over 3 samples must pass and fail some instance"
    con = sqlite3.connect(tmp_path / "i.db")
    for iid in d["inconsistent"][:3]:
        passes = [p for (p,) in con.execute("SELECT pass_strict FROM attempts WHERE instance_id=?", (iid,))]
        assert 0 < sum(passes) < len(passes)


def test_compare_two_models_on_the_same_instances(tmp_path):
    db = tmp_path / "c.db"
    ids = []
    for model in ("sim/oracle", "sim/noisy:p=0.5"):
        r = invoke("run", "-m", model, "-f", "stack_queue", "-f", "grid_walk", "--n", "6", "--seed", "21",
                   "--store", str(db), "--json")
        ids.append(json.loads(r.stdout)["run_id"])
    d = json.loads(invoke("compare", *ids, "--store", str(db), "--json").stdout)
    o = d["overall"]
    assert o["a"] == 1.0 and 0.3 < o["b"] < 0.7 and o["only_b"] == 0 and o["only_a"] > 20
    assert o["diff_low"] > 0 and o["p_value"] < 1e-6
    assert {f["family"] for f in d["families"]} == {"stack_queue", "grid_walk"}
    other = json.loads(invoke("run", "-m", "sim/oracle", "-f", "stack_queue", "--seed", "22", "--store", str(db),
                              "--json").stdout)["run_id"]
    r = invoke("compare", ids[0], other, "--store", str(db))
    assert r.exit_code == 2 and "share no scored instances" in r.stderr
