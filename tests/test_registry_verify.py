"""The registry (duplicates, did-you-mean, entry-point plugins) and verification before
asking (generation errors and checker false passes are counted and never asked)."""

from __future__ import annotations

from random import Random

import pytest

from unseen import registry
from unseen.analysis.summary import load_summary
from unseen.answers import match_integer
from unseen.author import AnswerType
from unseen.errors import UsageError
from unseen.family import Family, Params, Problem, Verdict
from unseen.models import resolve_model
from unseen.plan import Plan
from unseen.runner import execute, new_run
from unseen.store import open_store
from unseen.variables import Choice, IntRange


class _Sum:
    """A tiny family for these tests; ``flaw`` chooses a planted defect."""

    a = IntRange(1, 9, base=3)
    b = IntRange(1, 9, base=4)
    c = IntRange(0, 3, base=0)
    skin = Choice(("plain", "story"), base="plain", role="surface")

    def __init__(self, flaw: str = ""):
        self.flaw = flaw

    def generate(self, p: Params, rng: Random) -> Problem:
        x = rng.randint(1, 50)
        return Problem(f"What is {p.a} + {p.b} + {x}? End with `Answer: N`.", {"n": p.a + p.b + x, "x": x},
                       "integer")

    def solve(self, problem: Problem) -> int:
        wrong_label = self.flaw == "bad_label" and problem.data["x"] % 4 == 0
        return problem.data["n"] + (1 if wrong_label else 0)

    def check(self, problem: Problem, answer) -> Verdict:
        if self.flaw == "lax_checker" and problem.data["x"] % 5 == 0:
            return Verdict(True)
        return match_integer(answer, problem.data["n"])

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        return [str(problem.data["n"] + 1), f"{problem.data['n']} or {problem.data['n'] - 1}"]


@pytest.fixture
def planted():
    made = []

    def make(name: str, flaw: str = "") -> Family:
        fam = Family(_Sum(flaw), name, 1, "test", "a test family", AnswerType.INTEGER)
        registry.register(fam)
        made.append(name)
        return fam

    yield make
    for name in made:
        registry.unregister(name)


def test_duplicate_names_are_refused(planted):
    planted("t_sum")
    other = type("Other", (_Sum,), {})
    with pytest.raises(registry.DuplicateFamilyError, match="already registered"):
        registry.register(Family(other(), "t_sum", 1, "test", "x", AnswerType.INTEGER))


def test_did_you_mean():
    with pytest.raises(UsageError, match="did you mean 'shortest_path'"):
        registry.get("shortest_pth")


def test_entry_point_plugins_register_through_the_same_hook(monkeypatch):
    class FakeEntryPoint:
        name, value = "demo", "demo_plugin:register"

        def load(self):
            def hook(register):
                register(Family(_Sum(), "t_plugin", 1, "plugins", "a plugin family", AnswerType.INTEGER))
            return hook

    monkeypatch.setattr(registry, "entry_points", lambda group: [FakeEntryPoint()] if group ==
                        registry.ENTRY_POINT_GROUP else [])
    monkeypatch.setattr(registry, "_loaded", False)
    monkeypatch.delenv("UNSEEN_NO_PLUGINS", raising=False)
    try:
        registry.load_all()
        assert registry.get("t_plugin").domain == "plugins"
    finally:
        registry.unregister("t_plugin")


def test_a_broken_plugin_is_one_warning_line(monkeypatch, capsys):
    class Broken:
        name, value = "bad", "bad_plugin:x"

        def load(self):
            raise ImportError("no module named bad_plugin")

    monkeypatch.setattr(registry, "entry_points", lambda group: [Broken()])
    monkeypatch.setattr(registry, "_loaded", False)
    monkeypatch.delenv("UNSEEN_NO_PLUGINS", raising=False)
    registry.load_all()  # skipped, not raised: see tests/test_plugins.py
    assert capsys.readouterr().err == ("warning: plugin 'bad' (bad_plugin:x) skipped, its families are not loaded: "
                                       "ImportError: no module named bad_plugin; fix the plugin or uninstall it\n")


@pytest.mark.parametrize("flaw,column", [("bad_label", "generation_errors"), ("lax_checker", "checker_false_passes")])
def test_flawed_instances_are_counted_and_never_asked(planted, tmp_path, flaw, column):
    planted("t_flawed", flaw)
    plan = Plan(families=("t_flawed",), design="random", cells=4, n=50)
    with open_store(tmp_path / "v.db", create=True) as st:
        run = new_run(st, "sim/oracle", plan, 5, {"sampling": {}})
        execute(st, run, resolve_model("sim/oracle"))
        s = load_summary(st, run.run_id).to_json()
        bad = st.query("SELECT count(*) FROM run_items WHERE verified=0")[0][0]
        asked_bad = st.query("SELECT count(*) FROM attempts a JOIN run_items r USING (run_id, instance_id) "
                             "WHERE r.verified=0")[0][0]
    assert 0 < bad < 200 and asked_bad == 0
    assert s["planned_attempts"] == s["completed_attempts"] == 200 - bad
    if column == "generation_errors":
        assert s["generation_errors"] == bad
    else:
        assert s["checker_false_passes"] == bad and s["generation_errors"] == bad
    assert s["overall"]["strict"]["rate"] == 1.0  # what was asked was right
