"""The OpenAI-compatible adapter against a loopback server that misbehaves on purpose."""

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from fake_openai import FakeServer
from unseen.cli import app

runner = CliRunner()


def run(*args, env=None):
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


def test_thirty_percent_faults_complete_and_resume_asks_only_errors(store_path):
    with FakeServer(fault_rate=0.3, seed=1, hang_seconds=1.5) as srv:
        r = run("run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", "arith_expr", "-f",
                "stack_queue", "--n", "3", "--timeout", "0.4", "--max-retries", "1", "-c", "16",
                "--store", str(store_path), "--json", "--no-progress")
        assert r.exit_code == 0, r.output
        s = json.loads(r.stdout)
        assert all(srv.faults[f] > 0 for f in srv.faults), srv.faults
        con = sqlite3.connect(store_path)
        rows = con.execute("SELECT status, response, pass_strict, reason FROM attempts").fetchall()
        assert len(rows) == s["planned_attempts"]
        errors = [r for r in rows if r[0] == "error"]
        assert errors and s["errors"] == len(errors)
        for status, response, passed, reason in rows:
            assert status in ("ok", "error")
            if status == "error":
                assert passed is None and reason and "gave up after 2 tries" in reason
            elif passed:
                assert "Answer:" in response
        kinds = " ".join(r[3] for r in errors)
        assert any(k in kinds for k in ("HTTP 429", "HTTP 500", "timed out", "malformed", "connection error"))
        ok_before = con.execute("SELECT instance_id, sample, response FROM attempts WHERE status='ok'").fetchall()
        run_id = s["run_id"]
        srv.fault_rate = 0.0
        before = srv.requests
        r = run("run", "--resume", run_id, "--store", str(store_path), "--json", "--base-url", srv.base_url)
        assert r.exit_code == 0, r.output
        assert srv.requests - before == len(errors), "resume must ask again only the errored attempts"
        s2 = json.loads(r.stdout)
        assert s2["errors"] == 0 and s2["completed_attempts"] == s2["planned_attempts"]
        ok_after = con.execute("SELECT instance_id, sample, response FROM attempts").fetchall()
        assert set(ok_before) <= set(ok_after) and len(ok_after) == len(rows)


def test_retry_after_and_backoff_recover_everything(store_path):
    with FakeServer(fault_rate=0.3, seed=2, hang_seconds=1.0) as srv:
        r = run("run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", "stack_queue", "--n", "2",
                "--timeout", "0.3", "--max-retries", "8", "--store", str(store_path), "--json")
        s = json.loads(r.stdout)
        assert s["errors"] == 0 and s["completed_attempts"] == s["planned_attempts"]


def test_key_never_reaches_store_or_output(store_path, monkeypatch):
    secret = "sk-test-DO-NOT-LEAK-4242"
    with FakeServer(key=secret) as srv:
        r = run("run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", "stack_queue", "--n", "1",
                "--store", str(store_path), "--json", env={"OPENAI_API_KEY": secret})
        assert r.exit_code == 0, r.output
        assert f"Bearer {secret}" in srv.seen_auth  # the key was really used
        assert secret not in r.output
        r2 = run("summary", "--store", str(store_path), "--json")
        assert secret not in r2.output
    blob = b"".join(p.read_bytes() for p in store_path.parent.glob("unseen.db*"))
    assert secret.encode() not in blob


@pytest.mark.parametrize("case,msg", [
    ("refused", "cannot connect"), ("badkey", "refused the key (401)"), ("nomodel", "does not serve 'nope'"),
])
def test_bad_servers_give_one_line(case, msg, store_path):
    with FakeServer(key="right") as srv:
        url = "http://127.0.0.1:9/v1" if case == "refused" else srv.base_url
        model = "openai/nope" if case == "nomodel" else "openai/fake-model"
        env = {"OPENAI_API_KEY": "wrong" if case == "badkey" else "right"}
        r = run("run", "-m", model, "--base-url", url, "-f", "stack_queue", "--store", str(store_path), env=env)
    assert r.exit_code == 2
    assert msg in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not store_path.exists()


def test_key_revoked_mid_run_stops_cleanly_and_resumes(store_path):
    with FakeServer(key="k1") as srv:
        env = {"OPENAI_API_KEY": "k1"}
        args = ("run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", "stack_queue", "--n", "3",
                "--store", str(store_path), "-c", "1")
        srv.revoke_after = 5
        r = run(*args, env=env)
        assert r.exit_code == 2 and "refused the key" in r.stderr and "--resume" in r.stderr
        con = sqlite3.connect(store_path)
        assert con.execute("SELECT status FROM runs").fetchone()[0] == "interrupted"
        run_id = con.execute("SELECT run_id FROM runs").fetchone()[0]
        srv.revoke_after = None
        r = run("run", "--resume", run_id, "--store", str(store_path), "--json", env=env)
        assert r.exit_code == 0, r.output
        s = json.loads(r.stdout)
        assert s["completed_attempts"] == s["planned_attempts"]


def test_cache_means_a_rerun_never_pays_twice(tmp_path):
    db = tmp_path / "c.db"
    with FakeServer() as srv:
        args = ["run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", "stack_queue", "--n", "2",
                "--samples", "2", "--seed", "5", "--store", str(db), "--json"]
        first = json.loads(run(*args).stdout)
        asked = srv.requests
        assert asked == first["planned_attempts"] and first["plan"]["samples"] == 2
        second = json.loads(run(*args).stdout)
        assert srv.requests == asked, "an identical ask must come from the cache"
        assert second["run_id"] != first["run_id"] and second["overall"] == first["overall"]
        run(*args, "--no-cache")
        assert srv.requests == 2 * asked


def test_litellm_without_the_extra_gives_an_install_hint(store_path):
    try:
        import litellm  # noqa: F401
        pytest.skip("litellm is installed here")
    except ImportError:
        pass
    r = run("run", "-m", "litellm/openai/gpt-4o-mini", "-f", "stack_queue", "--store", str(store_path))
    assert r.exit_code == 2 and 'pip install -e ".[litellm]"' in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and not store_path.exists()


def test_search_commands_reach_an_http_model(tmp_path):
    # the pre-run check must not leave the model holding connections of a closed event loop
    with FakeServer() as srv:
        r = run("breaking-point", "-m", "openai/fake-model", "-f", "arith_expr",
                "--var", "digits", "--n-max", "8", "--store", str(tmp_path / "b.db"), "--json",
                env={"OPENAI_BASE_URL": srv.base_url})
        assert r.exit_code == 0, r.output
        con = sqlite3.connect(tmp_path / "b.db")
        statuses = [s for (s,) in con.execute("SELECT status FROM attempts")]
        assert statuses and set(statuses) == {"ok"}


def _attempts(db):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute("SELECT * FROM attempts")]
    finally:
        con.close()


def test_content_as_a_list_of_parts_joins_the_text_parts(store_path):
    with FakeServer(shape="parts") as srv:
        r = run("run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", "arith_expr", "--n", "1",
                "--store", str(store_path), "--json", "--no-progress")
    assert r.exit_code == 0, r.output
    rows = _attempts(store_path)
    assert rows and len(rows) == json.loads(r.stdout)["planned_attempts"]
    for a in rows:
        assert (a["status"], a["response_class"]) == ("ok", "ok")
        assert a["response"].startswith("Thinking.\nAnswer: ") and "999999" not in a["response"]
        assert a["answer_strict"] == a["response"].rsplit(" ", 1)[1]
        assert a["reasoning"] is None


def run_against(store_path, family: str, **server) -> tuple[dict, list]:
    """One run of ``family`` (n=1) against a fake server shaped by ``server``: (summary, attempts)."""
    with FakeServer(**server) as srv:
        r = run("run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", family, "--n", "1",
                "--store", str(store_path), "--json", "--no-progress")
    assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    rows = _attempts(store_path)
    assert rows and len(rows) == s["planned_attempts"]
    return s, rows


@pytest.mark.parametrize("key", ["reasoning_content", "reasoning"])
def test_null_content_with_reasoning_is_stored_as_no_answer(store_path, key):
    s, rows = run_against(store_path, "arith_expr", shape="reasoning_only", reasoning_key=key)
    for a in rows:
        assert (a["status"], a["response_class"], a["response"]) == ("ok", "no_answer", "")
        assert a["reasoning"].startswith("Thinking.\nAnswer: ")
        assert (a["pass_strict"], a["pass_lenient"], a["answer_strict"]) == (0, 0, None)
    assert s["overall"]["classes"]["no_answer"] == {"count": len(rows), "share": 1.0}
    assert s["overall"]["strict"]["n"] == len(rows) and s["errors"] == 0


def test_reasoning_beside_content_is_stored_not_scored(store_path):
    _, rows = run_against(store_path, "arith_expr", shape="string+reasoning")
    for a in rows:
        assert a["reasoning"] == "Let me think. Answer: 999999"
        assert a["response_class"] == "ok" and a["answer_strict"] != "999999"


def test_finish_reason_length_is_truncated_and_scored_wrong(store_path):
    s, rows = run_against(store_path, "stack_queue", finish_reason="length")
    for a in rows:
        assert (a["status"], a["response_class"], a["finish_reason"]) == ("ok", "truncated", "length")
        assert (a["pass_strict"], a["pass_lenient"]) == (0, 0)
        assert a["answer_strict"] is not None  # the cut-off text's answer is kept for inspection
    assert s["overall"]["classes"]["truncated"]["count"] == len(rows)
    assert s["overall"]["strict"]["k"] == s["overall"]["lenient"]["k"] == 0


def test_the_cache_round_trips_reasoning(tmp_path):
    db = tmp_path / "r.db"
    with FakeServer(shape="reasoning_only") as srv:
        args = ["run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", "stack_queue", "--n", "2",
                "--seed", "5", "--store", str(db), "--json"]
        first = json.loads(run(*args).stdout)
        asked = srv.requests
        second = json.loads(run(*args).stdout)
        assert srv.requests == asked, "the second run must come from the cache"
    con = sqlite3.connect(db)
    got = {rid: sorted(con.execute("SELECT instance_id, sample, reasoning, response_class FROM attempts "
                                   "WHERE run_id=?", (rid,)).fetchall())
           for rid in (first["run_id"], second["run_id"])}
    assert got[first["run_id"]] == got[second["run_id"]]
    assert all(row[2] and row[2].startswith("Thinking.") and row[3] == "no_answer" for row in got[second["run_id"]])


def test_litellm_adapter_reads_parts_and_reasoning(monkeypatch):
    import asyncio
    import sys
    import types

    from unseen.models.base import Request
    from unseen.models.litellm_adapter import LiteLLMModel

    class Obj(types.SimpleNamespace):
        pass

    replies = [
        Obj(content=[{"type": "text", "text": "Hm. "}, {"type": "image_url"}, {"type": "text", "text": "Answer: 5"}],
            reasoning_content=None),
        Obj(content=None, reasoning_content="Answer: 5"),
        Obj(content="Answer: 4", reasoning="thought"),
    ]

    async def acompletion(**kwargs):
        msg = replies.pop(0)
        return Obj(choices=[Obj(message=msg, finish_reason="stop")], usage=Obj(prompt_tokens=1, completion_tokens=2))

    fake = types.ModuleType("litellm")
    fake.acompletion = acompletion
    for name in ("RateLimitError", "ServiceUnavailableError", "Timeout", "APIConnectionError",
                 "InternalServerError", "AuthenticationError"):
        setattr(fake, name, type(name, (Exception,), {}))
    monkeypatch.setitem(sys.modules, "litellm", fake)
    m = LiteLLMModel("litellm/x/y", "x/y")
    req = Request([{"role": "user", "content": "q"}])
    got = [asyncio.run(m.complete(req)) for _ in range(3)]
    assert (got[0].text, got[0].reasoning) == ("Hm. Answer: 5", None)
    assert (got[1].text, got[1].reasoning) == ("", "Answer: 5")
    assert (got[2].text, got[2].reasoning, got[2].completion_tokens) == ("Answer: 4", "thought", 2)
