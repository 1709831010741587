"""``unseen check`` and ``check_family``: a sound family passes every row, and each planted
defect fails exactly the row that names it."""

from __future__ import annotations

import json
import re
import time
from random import Random

import pytest
from typer.testing import CliRunner

from unseen import checking, registry
from unseen.author import (
    RIGHT,
    AnswerType,
    Choice,
    IntRange,
    Params,
    Problem,
    Verdict,
    check_family,
    distinct,
    hedge,
    match_integer,
)
from unseen.cli import app
from unseen.family import Family


class Sums:
    """A sound family: add four numbers; 3 logic variables and 1 surface, 1.5 million settings."""

    a = IntRange(1, 99, base=20)
    b = IntRange(1, 99, base=30)
    c = IntRange(0, 50, base=5)
    skin = Choice(("plain", "shop", "trail"), base="plain", role="surface")

    def draw(self, p: Params, rng: Random) -> int:
        return rng.randint(1, 10**6)

    def generate(self, p: Params, rng: Random) -> Problem:
        x = self.draw(p, rng)
        told = {"plain": "What is {} + {} + {} + {}?", "shop": "A shop sells {}, {}, {} and {} apples. How many?",
                "trail": "A trail has legs of {}, {}, {} and {} metres. How long is it?"}[p.skin]
        prompt = told.format(p.a, p.b, p.c, x) + " " + self.sentence()
        return Problem(prompt, self.data(p, x), AnswerType.INTEGER)

    def sentence(self) -> str:
        return AnswerType.INTEGER.sentence("the total")

    def data(self, p: Params, x: int) -> dict:
        return {"terms": [p.a, p.b, p.c, x]}

    def solve(self, problem: Problem) -> int:
        return sum(problem.data["terms"])

    def check(self, problem: Problem, answer) -> Verdict:
        return match_integer(answer, sum(problem.data["terms"]))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        right = sum(problem.data["terms"])
        return distinct(str(right), [str(right + 1), str(right - problem.data["terms"][-1]), hedge(str(right), "0")])

    def rederive(self, prompt: str) -> str:
        question = prompt.split(" End with")[0]
        return str(sum(int(t) for t in re.findall(r"\d+", question)))


class HashSeeded(Sums):  # depends on the process's hash seed
    def draw(self, p: Params, rng: Random) -> int:
        return rng.randint(1, 10**6) + hash("salt") % 1000


class LaxCheck(Sums):
    def check(self, problem: Problem, answer) -> Verdict:
        return RIGHT


class WrongSolve(Sums):
    def solve(self, problem: Problem) -> int:
        return sum(problem.data["terms"]) + 1


class NoNearMisses(Sums):
    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        return []


class TupleData(Sums):  # a tuple comes back from JSON as a list
    def data(self, p: Params, x: int) -> dict:
        return {"terms": (p.a, p.b, p.c, x)}


class FewInstances(Sums):
    def draw(self, p: Params, rng: Random) -> int:
        return rng.randint(1, 5) * 100_000


class OneAnswer(Sums):
    def solve(self, problem: Problem) -> int:
        return sum(problem.data["terms"][:3])

    def check(self, problem: Problem, answer) -> Verdict:
        return match_integer(answer, sum(problem.data["terms"][:3]))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        return [str(self.solve(problem) + 1)]

    def rederive(self, prompt: str) -> str:
        return str(sum(int(t) for t in re.findall(r"\d+", prompt.split(" End with")[0])[:3]))


class OwnSentence(Sums):
    def sentence(self) -> str:
        return "End with `Answer: N`."


class WrongRederive(Sums):
    def rederive(self, prompt: str) -> str:
        return str(int(super().rederive(prompt)) + 1)


class Raises(Sums):
    def draw(self, p: Params, rng: Random) -> int:
        x = rng.randint(1, 10**6)
        if x % 3 == 0:
            raise ValueError("planted")
        return x


class Jumpy(Sums):  # not drawn from the given rng: differs here and in another process
    def draw(self, p: Params, rng: Random) -> int:
        import random as global_random

        return global_random.randint(1, 10**6)


class NearMissesRaise(Sums):
    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        raise RuntimeError("planted")


class Small(Sums):
    a = IntRange(1, 9, base=2)
    b = IntRange(1, 9, base=3)


class Hangs(Sums):
    def draw(self, p: Params, rng: Random) -> int:
        if p.skin == "trail":
            time.sleep(30)
        return rng.randint(1, 10**6)


def fam(cls: type, answer=AnswerType.INTEGER) -> Family:
    return Family(cls(), f"t_{cls.__name__.lower()}", 1, "test", "adds numbers", answer)


def failing(report) -> set[str]:
    return {r.check for r in report.failures}


def test_a_sound_family_passes_every_check_and_rederives():
    report = check_family(fam(Sums), n=12, seed=1)
    assert report.ok, report
    assert [r.check for r in report.rows] == list(checking.CHECKS)
    assert report.row("re-derivation").status == "pass" and "213 instances" in report.row("re-derivation").detail
    assert report.row("determinism").detail == "13 settings, here and in another process"
    assert str(report) == "family t_sums: all 12 checks passed (n=12, seed=1)"


@pytest.mark.parametrize("cls,row", [
    (HashSeeded, "determinism"), (LaxCheck, "near misses rejected"), (WrongSolve, "check accepts solve"),
    (NoNearMisses, "near misses offered"), (TupleData, "JSON round trip"), (FewInstances, "distinct instances"),
    (OneAnswer, "answer spread"), (OwnSentence, "answer sentence"), (WrongRederive, "re-derivation"),
    (Raises, "generates"), (Small, "declaration"),
])
def test_each_planted_defect_fails_its_own_row(cls, row):
    report = check_family(fam(cls), n=8, seed=2)
    assert failing(report) == {row}, report
    assert f"  {row}: " in str(report)


def test_near_misses_that_raise_fail_offered_and_rejected_not_check_accepts_solve():
    """Found by a fresh user: the raise was filed under 'check accepts solve', and 'near misses
    offered' and 'near misses rejected' passed though no near miss existed."""
    report = check_family(fam(NearMissesRaise), n=4, seed=2)
    assert failing(report) == {"near misses offered", "near misses rejected"}, report
    assert "near_misses raised RuntimeError: planted" in report.row("near misses offered").detail


def test_a_nondeterministic_instance_is_counted_once():
    """Found by a fresh user: 'determinism: fail: 12 of 6' counted each instance here and elsewhere."""
    detail = check_family(fam(Jumpy), n=5, seed=2).row("determinism").detail
    seen, of = (int(x) for x in re.match(r"(\d+) of (\d+):", detail).groups())
    assert 0 < seen <= of, detail


def test_the_failure_names_the_instance_and_the_reason():
    detail = check_family(fam(WrongSolve), n=4, seed=2).row("check accepts solve").detail
    assert detail.startswith("5 of 205: base {a=20, b=30, c=5, skin=plain} seed ")
    assert "check rejects the reference" in detail and detail.endswith("(and 3 more)")


def test_generation_time_fails_above_the_limit(monkeypatch):
    monkeypatch.setattr(checking, "MAX_SECONDS", 0.0)
    report = check_family(fam(Sums), n=2, seed=2)
    assert failing(report) == {"generation time"}
    assert "no instance may take over 0 s" in report.row("generation time").detail


def test_a_hanging_family_is_stopped_and_fails(monkeypatch):
    monkeypatch.setattr(checking, "GUARD_SECONDS", 0.3)
    start = time.monotonic()
    report = check_family(fam(Hangs), n=6, seed=5)
    assert "generates" in failing(report) and "CallTimeout: stopped after 0.3 s" in report.row("generates").detail
    assert time.monotonic() - start < 25


class Coin(Sums):
    def generate(self, p: Params, rng: Random) -> Problem:
        x = rng.randint(1, 10**6)
        return Problem(f"Is {x} even? " + AnswerType.BOOLEAN.sentence(), {"x": x}, AnswerType.BOOLEAN)

    def solve(self, problem: Problem) -> bool:
        return problem.data["x"] % 2 == 0

    def check(self, problem: Problem, answer) -> Verdict:
        return Verdict(answer == (problem.data["x"] % 2 == 0))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        return [str(problem.data["x"] % 2 != 0).lower()]

    rederive = None


class YesNo(Coin):  # a binary answer that is not a boolean, documented
    binary_answer = "the answer is even or odd"

    def generate(self, p: Params, rng: Random) -> Problem:
        x = rng.randint(1, 10**6)
        return Problem(f"Is {x} even or odd? " + AnswerType.STRING.sentence("even or odd"), {"x": x},
                       AnswerType.STRING)

    def solve(self, problem: Problem) -> str:
        return "even" if problem.data["x"] % 2 == 0 else "odd"

    def check(self, problem: Problem, answer) -> Verdict:
        return Verdict(answer == self.solve(problem))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        return ["odd" if self.solve(problem) == "even" else "even"]


def test_a_binary_answer_may_exceed_a_third_but_not_three_quarters():
    coin = check_family(fam(Coin, AnswerType.BOOLEAN), n=4, seed=3)
    assert coin.ok, coin
    assert "(a binary answer)" in coin.row("answer spread").detail
    assert coin.row("re-derivation").status == "skip"
    assert check_family(fam(YesNo, AnswerType.STRING), n=4, seed=3).ok
    assert failing(check_family(fam(Undocumented, AnswerType.STRING), n=4, seed=3)) == {"answer spread"}


class Undocumented(YesNo):
    binary_answer = ""


def test_a_family_the_other_process_cannot_load_fails_determinism_with_the_fix():
    local = type("Local", (Sums,), {})  # defined in a function: neither picklable nor registered
    detail = check_family(fam(local), n=2, seed=3).row("determinism").detail
    assert "could not be loaded in another process" in detail and "define its class at module level" in detail


def test_every_built_in_family_has_a_report_of_every_row():
    report = check_family("stack_queue", n=3, seed=0)
    assert report.family == "stack_queue" and len(report.rows) == len(checking.CHECKS)
    assert report.to_json()["checks"][0] == {"check": "declaration", "status": "pass",
                                             "detail": report.row("declaration").detail}


@pytest.fixture
def planted():
    names = []

    def add(cls: type) -> str:
        f = fam(cls)
        registry.register(f)
        names.append(f.name)
        return f.name

    yield add
    for name in names:
        registry.unregister(name)


def test_the_command_prints_a_table_and_exits_1_on_a_failure(planted):
    good, bad = planted(Sums), planted(LaxCheck)
    runner = CliRunner()
    ok = runner.invoke(app, ["check", good, "--n", "3"], env={"COLUMNS": "200"})
    assert ok.exit_code == 0, ok.output
    assert "all 1 families passed" in ok.stdout and "re-derivation" in ok.stdout
    both = runner.invoke(app, ["check", good, bad, "--n", "3", "--json"])
    assert both.exit_code == 1
    reports = json.loads(both.stdout)
    assert [r["ok"] for r in reports] == [True, False]
    assert [c["check"] for c in reports[1]["checks"] if c["status"] == "fail"] == ["near misses rejected"]
    table = runner.invoke(app, ["check", bad, "--n", "3"], env={"COLUMNS": "200"})
    assert table.exit_code == 1 and "1 of 1 families failed: t_laxcheck" in table.stdout


@pytest.mark.parametrize("args,message", [
    (["check", "arith_exp"], "error: family 'arith_exp' is not registered; did you mean 'arith_expr'?"),
    (["check", "arith_expr", "--n", "0"], "error: --n 0 is outside 1..10,000"),
    (["check", "--skip", "nope"], "error: family 'nope' is not registered"),
])
def test_bad_input_is_one_line_and_exit_2(args, message):
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 2 and r.stderr.startswith(message) and r.stderr.count("\n") == 1, r.output
