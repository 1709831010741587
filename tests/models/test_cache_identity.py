"""The cache serves only what the same model at the same place answered, with the same
options, and only once the answer was scored and stored."""

import json
import sqlite3
from collections import defaultdict

from typer.testing import CliRunner

from fake_openai import FakeServer
from unseen.cli import app

runner = CliRunner()


def run(*args, env=None):
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


def _responses(db, run_id):
    con = sqlite3.connect(db)
    try:
        return [r for (r,) in con.execute("SELECT response FROM attempts WHERE run_id=?", (run_id,))]
    finally:
        con.close()


def _cache_rows(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM response_cache").fetchone()[0]
    finally:
        con.close()


def test_same_model_name_at_another_server_is_asked_not_served_from_cache(tmp_path):
    db = tmp_path / "c.db"
    with FakeServer(models=("hidden",), answer="Answer: 1") as a, \
            FakeServer(models=("hidden",), answer="Answer: 2") as b:
        common = ["-m", "openai/hidden", "-f", "stack_queue", "--n", "1", "--seed", "5", "--store", str(db),
                  "--json", "--no-progress"]
        first = json.loads(run("run", "--base-url", a.base_url, *common).stdout)
        second = json.loads(run("run", "--base-url", b.base_url, *common).stdout)
        assert a.requests == first["planned_attempts"]
        assert b.requests == second["planned_attempts"] > 0, "the second server must be asked"
        assert set(_responses(db, first["run_id"])) == {"Answer: 1"}
        assert set(_responses(db, second["run_id"])) == {"Answer: 2"}
        # the same server again is still served from the cache
        third = json.loads(run("run", "--base-url", a.base_url, *common).stdout)
        assert a.requests == first["planned_attempts"]
        assert set(_responses(db, third["run_id"])) == {"Answer: 1"}


def test_samples_get_different_derived_seeds(tmp_path):
    with FakeServer() as srv:
        r = run("run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", "stack_queue", "--n", "1",
                "--samples", "3", "--sampling-seed", "1", "--store", str(tmp_path / "s.db"), "--json")
        assert r.exit_code == 0, r.output
    seeds = defaultdict(list)
    for body in srv.bodies:
        seeds[body["messages"][-1]["content"]].append(body["seed"])
    assert seeds
    for got in seeds.values():
        assert len(got) == 3 and len(set(got)) == 3, got
        assert 1 in got  # sample 0 sends the seed as given
        assert all(isinstance(s, int) and 0 <= s < 2**31 for s in got)
    # the same derivation every time: a second run sends the same seeds (cache off)
    first = sorted(map(sorted, seeds.values()))
    with FakeServer() as srv2:
        run("run", "-m", "openai/fake-model", "--base-url", srv2.base_url, "-f", "stack_queue", "--n", "1",
            "--samples", "3", "--sampling-seed", "1", "--store", str(tmp_path / "s2.db"), "--no-cache")
    again = defaultdict(list)
    for body in srv2.bodies:
        again[body["messages"][-1]["content"]].append(body["seed"])
    assert sorted(map(sorted, again.values())) == first


def test_no_temperature_given_sends_greedy(tmp_path):
    db = tmp_path / "t.db"
    with FakeServer() as srv:
        r = run("run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", "stack_queue", "--n", "1",
                "--store", str(db), "--json")
        assert r.exit_code == 0, r.output
        assert srv.bodies and all(b.get("temperature") == 0 for b in srv.bodies)
        r = run("run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", "stack_queue", "--n", "1",
                "--store", str(db), "--json", "--temperature", "0.7", "--no-cache")
        assert r.exit_code == 0, r.output
        assert srv.bodies[-1]["temperature"] == 0.7
    con = sqlite3.connect(db)
    opts = [json.loads(o)["sampling"] for (o,) in con.execute("SELECT options_json FROM runs ORDER BY created_at")]
    assert [o["temperature"] for o in opts] == [0, 0.7]


def test_a_tagged_served_name_matches_the_bare_name(tmp_path):
    with FakeServer(models=("llama3:latest", "other:7b")) as srv:
        r = run("run", "-m", "openai/llama3", "--base-url", srv.base_url, "-f", "stack_queue", "--n", "1",
                "--store", str(tmp_path / "l.db"), "--json")
        assert r.exit_code == 0, r.output
        s = json.loads(r.stdout)
        assert s["errors"] == 0 and s["completed_attempts"] == s["planned_attempts"] > 0
        r = run("run", "-m", "openai/llama", "--base-url", srv.base_url, "-f", "stack_queue",
                "--store", str(tmp_path / "l2.db"))
        assert r.exit_code == 2 and "does not serve 'llama'" in r.stderr


def test_nothing_is_cached_until_scored(tmp_path, monkeypatch):
    from unseen import runner as unseen_runner

    def broken(p, c):
        raise RuntimeError("scorer bug")

    db = tmp_path / "n.db"
    with FakeServer() as srv:
        args = ["run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", "stack_queue", "--n", "1",
                "--seed", "3", "--store", str(db), "--json"]
        with monkeypatch.context() as m:
            m.setattr(unseen_runner, "_classify_and_score", broken)
            s = json.loads(run(*args).stdout)
        assert s["errors"] == s["planned_attempts"] > 0
        assert _cache_rows(db) == 0, "an answer that could not be scored must not be cached"
        asked = srv.requests
        s = json.loads(run(*args).stdout)
        assert srv.requests == 2 * asked and s["errors"] == 0
        assert _cache_rows(db) == s["planned_attempts"]


def test_a_cached_entry_that_fails_to_score_is_dropped_and_asked_again(tmp_path):
    db = tmp_path / "d.db"
    with FakeServer() as srv:
        args = ["run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", "stack_queue", "--n", "1",
                "--seed", "3", "--store", str(db), "--json"]
        first = json.loads(run(*args).stdout)
        asked = srv.requests
        con = sqlite3.connect(db)
        with con:  # a cached completion that cannot be scored
            con.execute("""UPDATE response_cache SET completion='{"text": 5}'""")
        con.close()
        second = json.loads(run(*args).stdout)
        assert srv.requests == 2 * asked, "every unscorable cached entry must be asked again"
        assert second["errors"] == 0 and second["overall"] == first["overall"]
        con = sqlite3.connect(db)
        bad = con.execute("""SELECT count(*) FROM response_cache WHERE completion='{"text": 5}'""").fetchone()[0]
        con.close()
        assert bad == 0
        third = json.loads(run(*args).stdout)
        assert srv.requests == 2 * asked and third["overall"] == first["overall"]
