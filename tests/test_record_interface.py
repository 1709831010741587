"""The run record is the one interface between stages: summary and analyse read each
family's declaration from the run (not the installed family), one definition of accuracy
at a level is shared, and every interval counts instances, not samples."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from random import Random

import pytest
from typer.testing import CliRunner

from unseen import registry
from unseen.answers import match_integer
from unseen.author import AnswerType
from unseen.cli import app
from unseen.family import Family, Params, Problem, Verdict
from unseen.variables import Choice, IntRange

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "200"})


def json_of(*args: str) -> dict:
    r = invoke(*args, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


class _Plugin:
    """A third-party family: accuracy is planted through sim/threshold on ``size``."""

    size = IntRange(1, 8, base=2)
    style = Choice(("plain", "story"), base="plain", role="surface")

    def generate(self, p: Params, rng: Random) -> Problem:
        xs = [rng.randint(1, 99) for _ in range(p.size)]
        told = " + ".join(map(str, xs)) if p.style == "plain" else ", then ".join(map(str, xs))
        return Problem(f"Add up: {told}. End with `Answer: N`.", {"xs": xs}, "integer")

    def solve(self, problem: Problem) -> int:
        return sum(problem.data["xs"])

    def check(self, problem: Problem, answer) -> Verdict:
        return match_integer(answer, sum(problem.data["xs"]))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        return [str(sum(problem.data["xs"]) + 1)]


@pytest.fixture
def plugin():
    fam = Family(_Plugin(), "t_plugin_sum", 1, "plugins", "adds numbers", AnswerType.INTEGER)
    registry.register(fam)
    yield fam
    registry.unregister(fam.name)


def _plugin_run(db, extra=()) -> str:
    return json_of("run", "-m", "sim/threshold:var=size,at=5,below=1,above=0", "-f", "t_plugin_sum",
                   "--n", "8", "--seed", "4", "--store", str(db), *extra)["run_id"]


def test_an_uninstalled_plugins_runs_still_read(tmp_path, plugin):
    db = tmp_path / "p.db"
    run_id = _plugin_run(db)
    summary, analysis = (json_of(c, run_id, "--store", str(db)) for c in ("summary", "analyse"))
    registry.unregister(plugin.name)
    assert json_of("summary", run_id, "--store", str(db)) == summary
    assert json_of("analyse", run_id, "--store", str(db)) == analysis
    assert "t_plugin_sum.size" in analysis["effective"]
    text = invoke("summary", run_id, "--store", str(db)).stdout
    assert "t_plugin_sum" in text and "size" in text


def test_a_changed_declaration_does_not_change_an_old_runs_analysis(tmp_path, plugin, monkeypatch):
    db = tmp_path / "d.db"
    run_id = _plugin_run(db)
    summary, analysis = (json_of(c, run_id, "--store", str(db)) for c in ("summary", "analyse"))
    # the author moves every base (no instance changes, so no version bump is needed)
    monkeypatch.setitem(plugin.variables, "size", dataclasses.replace(plugin.variables["size"], base=7))
    monkeypatch.setitem(plugin.variables, "style", dataclasses.replace(plugin.variables["style"], base="story"))
    assert json_of("summary", run_id, "--store", str(db)) == summary
    after = json_of("analyse", run_id, "--store", str(db))
    assert after == analysis and "t_plugin_sum.size" in after["effective"]
    assert not any(e["note"].startswith("no variation") for e in after["effects"])


def test_a_run_stored_before_declarations_reads_the_installed_family_or_says_why_not(tmp_path, plugin):
    db = tmp_path / "old.db"
    run_id = _plugin_run(db)
    analysis = json_of("analyse", run_id, "--store", str(db))
    with sqlite3.connect(db) as con:  # as a run stored before schema 6 has it
        con.execute("DELETE FROM declarations")
    assert json_of("analyse", run_id, "--store", str(db)) == analysis
    registry.unregister(plugin.name)
    r = invoke("summary", run_id, "--store", str(db))
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "t_plugin_sum (version 1) is not installed; install that version" in r.output


def test_the_record_holds_every_declared_variable(tmp_path, plugin):
    db = tmp_path / "r.db"
    run_id = _plugin_run(db)
    with sqlite3.connect(db) as con:
        (decl,) = con.execute("SELECT declaration_json FROM declarations WHERE run_id=?", (run_id,)).fetchone()
    d = json.loads(decl)
    size = next(v for v in d["variables"] if v["name"] == "size")
    assert d["version"] == 1 and size["domain"] == [1, 8] and size["base"] == 2 and size["role"] == "logic"
    assert size["levels"] == list(plugin.variables["size"].levels)


def _levels(summary: dict, family: str) -> dict[tuple[str, str], tuple[int, int, float, float]]:
    fam = next(f for f in summary["families"] if f["family"] == family)
    return {(var, json.dumps(lv["level"])): (lv["strict"]["k"], lv["strict"]["n"], lv["strict"]["low"],
                                              lv["strict"]["high"])
            for var, levels in fam["variables"].items() for lv in levels}


def _analysed_levels(analysis: dict, family: str) -> dict[tuple[str, str], tuple[int, int, float, float]]:
    return {(e["variable"], json.dumps(lv["level"])): (lv["k"], lv["n"], lv["low"], lv["high"])
            for e in analysis["effects"] if e["family"] == family for lv in e["levels"]}


@pytest.mark.parametrize("design", ["oat", "grid"])
def test_summary_and_analyse_report_the_same_accuracy_at_every_level(tmp_path, design):
    db = tmp_path / f"{design}.db"
    run_id = json_of("run", "-m", "sim/noisy:p=0.6", "-f", "stack_queue", "--design", design, "--vary", "ops",
                     "--vary", "peeks", "--n", "5", "--seed", "2", "--store", str(db))["run_id"]
    summary = json_of("summary", run_id, "--store", str(db))
    analysis = json_of("analyse", run_id, "--store", str(db))
    got, want = _analysed_levels(analysis, "stack_queue"), _levels(summary, "stack_queue")
    assert got == want
    ops_levels = [k for k in got if k[0] == "ops"]
    # the grid's marginal counts every cell at the level, not the one-at-a-time slice
    n_at_level = got[ops_levels[0]][1]
    peeks = len([k for k in got if k[0] == "peeks"])
    assert n_at_level == (5 * peeks if design == "grid" else 5)
    assert summary["accuracy_at_level"].startswith("marginal" if design == "grid" else "one at a time")


def test_repeated_samples_do_not_narrow_any_interval(tmp_path):
    """A planted model right on every sample of the easy levels: 10 samples of 10
    instances are 10 instances' evidence, in summary, analyse and the corrected score."""
    spec = "sim/threshold:var=ops,at=16,below=1,above=0"
    runs = {}
    for samples in ("1", "10"):
        db = tmp_path / f"s{samples}.db"
        run_id = json_of("run", "-m", spec, "-f", "stack_queue", "--vary", "ops", "--n", "10", "--samples",
                         samples, "--seed", "9", "--store", str(db))["run_id"]
        runs[samples] = (json_of("summary", run_id, "--store", str(db)), json_of("analyse", run_id, "--store", str(db)))
    summary10, analysis10 = runs["10"]
    low_level = next(lv for e in analysis10["effects"] if e["variable"] == "ops" for lv in e["levels"]
                     if lv["n"] == 100 and lv["k"] == 100)
    assert low_level["instances"] == 10
    assert low_level["low"] == pytest.approx(0.7225, abs=1e-3) and low_level["high"] == pytest.approx(1.0)
    assert _analysed_levels(analysis10, "stack_queue") == _levels(summary10, "stack_queue")
    one, ten = runs["1"][1]["overall_corrected"], analysis10["overall_corrected"]
    assert one["raw"] == pytest.approx(ten["raw"])
    width1, width10 = one["high"] - one["low"], ten["high"] - ten["low"]
    assert width10 == pytest.approx(width1, rel=0.15), (one, ten)


class _Prober:
    """Every instance of the cell is right on all of its ``samples`` samples."""

    def __init__(self, samples: int):
        self.samples = samples
        self.last_groups: list[list[int]] = []

    def ask(self, family, params, n):
        self.last_groups = [[1] * self.samples for _ in range(n)]
        return [p for g in self.last_groups for p in g]


def test_the_search_stopping_rule_counts_instances_not_samples():
    """8 instances right on 10 samples each are 8 instances' evidence: [68%, 100%] does not
    exclude 0.9, so the cell is not settled above 0.9 (plain Wilson over 80 attempts did)."""
    from unseen.search.probe import decide

    one = decide(_Prober(1), "f", {}, 0.9, batch=8, n_max=8)
    ten = decide(_Prober(10), "f", {}, 0.9, batch=8, n_max=80)
    assert not one.settled and not ten.settled, (one, ten)
    settled = decide(_Prober(10), "f", {}, 0.6, batch=8, n_max=80)
    assert settled.settled and settled.above and settled.n == 80
