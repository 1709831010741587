"""Every response is classified before it is scored (ok, truncated, no_answer, error,
scoring_error); a scoring exception becomes a stored attempt, never a dead run."""

import json
import sqlite3

import pytest
from typer.testing import CliRunner

import unseen.runner as runner_mod
from fake_openai import FakeServer
from unseen import registry
from unseen.analysis.summary import COUNTING_RULE
from unseen.cli import app
from unseen.models.base import Completion
from unseen.plan import build_plan
from unseen.runner import _attempt_row, new_run, prepare
from unseen.store import open_store

cli = CliRunner()


def run(*args):
    return cli.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def prepared(tmp_path):
    """A few verified arith_expr tasks (integer answers) in a fresh store."""
    st = open_store(tmp_path / "p.db", create=True)
    plan = build_plan(families=["arith_expr"], suite=None, design=None, n=2, samples=None, params=[],
                      vary=[], cells=None)
    rec = new_run(st, "sim/oracle", plan, 7, {})
    items = [p for p in prepare(st, rec) if p.usable][:4]
    yield rec, items
    st.close()


def test_truncated_is_wrong_even_with_the_right_answer_and_keeps_the_extraction(prepared):
    rec, items = prepared
    for p in items:
        text = f"Working.\nAnswer: {p.verification.reference}"
        ok = _attempt_row(rec, p, 0, Completion(text, finish_reason="stop"))
        assert (ok["response_class"], ok["status"], ok["pass_strict"], ok["pass_lenient"]) == ("ok", "ok", 1, 1)
        cut = _attempt_row(rec, p, 0, Completion(text, finish_reason="length"))
        assert (cut["response_class"], cut["status"]) == ("truncated", "ok")
        assert (cut["pass_strict"], cut["pass_lenient"]) == (0, 0)
        assert cut["answer_strict"] == p.verification.reference  # stored for inspection
        assert "max_tokens" in cut["reason"]


@pytest.mark.parametrize("text", ["", "I cannot work this out.", "   \n  "])
def test_nothing_extractable_is_no_answer_and_wrong(prepared, text):
    rec, items = prepared
    row = _attempt_row(rec, items[0], 0, Completion(text, finish_reason="stop"))
    assert (row["response_class"], row["status"], row["pass_strict"], row["pass_lenient"]) == \
        ("no_answer", "ok", 0, 0)
    assert row["answer_strict"] is None and row["answer_lenient"] is None


def test_reasoning_is_stored_but_never_scored(prepared):
    rec, items = prepared
    p = items[0]
    row = _attempt_row(rec, p, 0, Completion("", finish_reason="stop",
                                            reasoning=f"Answer: {p.verification.reference}"))
    assert row["response_class"] == "no_answer" and row["pass_strict"] == 0
    assert row["reasoning"] == f"Answer: {p.verification.reference}"


def test_transport_error_is_class_error(prepared):
    rec, items = prepared
    row = _attempt_row(rec, items[0], 0, Completion("", error="HTTP 400: bad"))
    assert (row["status"], row["response_class"], row["reason"]) == ("error", "error", "HTTP 400: bad")


def test_an_extraction_crash_is_a_scoring_error_with_a_bounded_reason(prepared, monkeypatch):
    rec, items = prepared

    def explode(text, answer_type="string"):
        raise ValueError("x" * 2000)

    monkeypatch.setattr(runner_mod, "read", explode)
    row = _attempt_row(rec, items[0], 0, Completion("Answer: 3", finish_reason="stop"))
    assert (row["status"], row["response_class"]) == ("error", "scoring_error")
    assert row["reason"].startswith("ValueError: xxx") and len(row["reason"]) == 500
    assert row["pass_strict"] is None and row["response"] == "Answer: 3"


def test_a_checker_that_raises_does_not_stop_the_run(store_path, monkeypatch):
    fam = registry.get("stack_queue")
    original, real_score = fam.judge_text, runner_mod.score
    calls = {"n": 0, "scoring": False}

    def flaky(problem, text):  # breaks on every other response scored; verification is left alone
        if calls["scoring"]:
            calls["n"] += 1
            if calls["n"] % 2:
                raise RuntimeError("checker blew up on " + "y" * 1000)
        return original(problem, text)

    def scoring(*args):
        calls["scoring"] = True
        try:
            return real_score(*args)
        finally:
            calls["scoring"] = False

    monkeypatch.setattr(fam, "judge_text", flaky)
    monkeypatch.setattr(runner_mod, "score", scoring)
    r = run("run", "-m", "sim/oracle", "-f", "stack_queue", "--n", "2", "--seed", "3", "-c", "1",
            "--store", str(store_path), "--json", "--no-progress")
    assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    assert "scoring errors" in r.stderr and "--resume" in r.stderr
    con = sqlite3.connect(store_path)
    rows = con.execute("SELECT status, response_class, reason, pass_strict FROM attempts").fetchall()
    bad = [row for row in rows if row[1] == "scoring_error"]
    raised = (calls["n"] + 1) // 2
    assert len(rows) == s["planned_attempts"] and raised >= 1 and len(bad) == raised
    for status, _cls, reason, passed in bad:
        assert status == "error" and passed is None
        assert reason.startswith("RuntimeError: checker blew up on yyy") and len(reason) == 500
    good = [row for row in rows if row[1] != "scoring_error"]
    assert good and all(row[:2] == ("ok", "ok") and row[3] == 1 for row in good)
    # the summary counts them apart from accuracy
    o = s["overall"]
    assert o["classes"]["scoring_error"]["count"] == len(bad) == o["errors"]
    assert o["classes"]["scoring_error"]["share"] == pytest.approx(len(bad) / len(rows))
    assert o["classes"]["error"]["count"] == 0 and o["strict"]["n"] == len(good) and o["strict"]["k"] == len(good)
    assert s["families"][0]["classes"]["scoring_error"]["count"] == len(bad)
    assert sum(s["scoring_error_reasons"].values()) == len(bad) and not s["error_reasons"]
    assert s["completed_attempts"] == len(good)
    # fixed checker: resume scores exactly the scoring errors again, and nothing else
    monkeypatch.setattr(fam, "judge_text", original)
    before = dict(((i, smp), c) for i, smp, c in con.execute("SELECT instance_id, sample, created_at FROM attempts "
                                                             "WHERE status='ok'"))
    r = run("run", "--resume", s["run_id"], "--store", str(store_path), "--json")
    assert r.exit_code == 0, r.output
    s2 = json.loads(r.stdout)
    assert s2["overall"]["classes"]["scoring_error"]["count"] == 0
    assert s2["completed_attempts"] == s2["planned_attempts"] == s2["overall"]["strict"]["k"]
    after = dict(((i, smp), c) for i, smp, c in con.execute("SELECT instance_id, sample, created_at FROM attempts"))
    assert all(after[k] == v for k, v in before.items()) and len(after) == len(rows)


def test_summary_counts_classes_per_family_level_and_run(store_path):
    with FakeServer(finish_reason="length") as srv:
        r = run("run", "-m", "openai/fake-model", "--base-url", srv.base_url, "-f", "arith_expr", "--n", "1",
                "--store", str(store_path), "--json", "--no-progress")
        assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    assert s["counting_rule"] == COUNTING_RULE and "scored wrong" in COUNTING_RULE
    o = s["overall"]
    assert o["classes"]["truncated"] == {"count": s["planned_attempts"], "share": 1.0}
    assert o["strict"]["k"] == o["lenient"]["k"] == 0 and o["strict"]["n"] == s["planned_attempts"]
    assert o["classes"]["no_answer"]["count"] == o["classes"]["ok"]["count"] == 0
    levels = [lv for var in s["families"][0]["variables"].values() for lv in var]
    assert len(levels) > 5
    for lv in levels:
        assert lv["classes"]["truncated"]["count"] == lv["attempts"] >= 1
        assert lv["classes"]["truncated"]["share"] == 1.0
    view = run("summary", "--store", str(store_path))
    assert view.exit_code == 0
    text = " ".join(view.stdout.split())
    assert "counting rule: truncated (hit max_tokens)" in text
    assert f"{s['planned_attempts']} truncated" in text


def test_an_old_store_opens_and_reports_its_attempts_as_unclassified(store_path):
    r = run("run", "-m", "sim/noisy:p=0.5", "-f", "stack_queue", "--n", "2", "--seed", "4",
            "--store", str(store_path), "--json")
    assert r.exit_code == 0, r.output
    con = sqlite3.connect(store_path)
    n = con.execute("SELECT count(*) FROM attempts").fetchone()[0]
    iid = con.execute("SELECT instance_id FROM attempts LIMIT 1").fetchone()[0]
    with con:  # make it a store from before 0005, with one transport error
        con.execute("UPDATE attempts SET status='error', pass_strict=NULL, pass_lenient=NULL, reason='HTTP 500' "
                    "WHERE instance_id=?", (iid,))
        con.execute("ALTER TABLE attempts DROP COLUMN reasoning")
        con.execute("ALTER TABLE attempts DROP COLUMN response_class")
        con.execute("DELETE FROM migrations WHERE name='0005_response_class'")
    con.close()
    r = run("summary", "--store", str(store_path), "--json")
    assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    assert s["overall"]["classes"]["unclassified"]["count"] == n - 1
    assert s["overall"]["classes"]["error"]["count"] == 1 == s["errors"]
    con = sqlite3.connect(store_path)
    assert con.execute("SELECT response_class FROM attempts WHERE instance_id=?", (iid,)).fetchone()[0] == "error"
    assert "0005_response_class" in {m for (m,) in con.execute("SELECT name FROM migrations")}
