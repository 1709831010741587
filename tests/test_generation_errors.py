"""A family's own bug while generating or solving is a counted generation error with its
reason: the run goes on, the summary counts it, nothing is a traceback, and no run is
left 'running'."""

from __future__ import annotations

import json
import sqlite3
from random import Random

import pytest
from typer.testing import CliRunner

from unseen import registry
from unseen.author import AnswerType, Choice, IntRange, Params, Problem, Verdict, match_integer
from unseen.cli import app
from unseen.family import Family

runner = CliRunner()


class Flaky:
    """Generation raises when the drawn x is a multiple of 4; solve when it is one of 7."""

    a = IntRange(1, 9, base=3)
    b = IntRange(1, 9, base=4)
    c = IntRange(0, 3, base=0)
    skin = Choice(("plain", "story"), base="plain", role="surface")
    always = False

    def generate(self, p: Params, rng: Random) -> Problem:
        x = rng.randint(1, 99)
        if self.always or x % 4 == 0:
            raise RuntimeError(f"planted: x={x} is a multiple of 4")
        return Problem(f"What is {p.a} + {x}? End with `Answer: N`.", {"n": p.a + x, "x": x}, AnswerType.INTEGER)

    def solve(self, problem: Problem) -> int:
        if problem.data["x"] % 7 == 0:
            raise ZeroDivisionError("planted: x is a multiple of 7")
        return problem.data["n"]

    def check(self, problem: Problem, answer) -> Verdict:
        return match_integer(answer, problem.data["n"])

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        return [str(problem.data["n"] + 1)]


class Broken(Flaky):
    always = True


@pytest.fixture
def flaky():
    made = []

    def make(name: str, cls: type = Flaky) -> Family:
        fam = Family(cls(), name, 1, "test", "planted generation errors", AnswerType.INTEGER)
        registry.register(fam)
        made.append(name)
        return fam

    yield make
    for name in made:
        registry.unregister(name)


def _run(db, *args: str):
    model = [] if "--resume" in args else ["-m", "sim/oracle"]
    return runner.invoke(app, ["run", *model, "--store", str(db), "--no-progress", *args], env={"COLUMNS": "200"})


def test_a_raising_generate_or_solve_is_a_counted_generation_error(flaky, tmp_path):
    flaky("t_flaky")
    db = tmp_path / "g.db"
    r = _run(db, "-f", "t_flaky", "--design", "random", "--cells", "6", "--n", "20", "--seed", "3", "--json")
    assert r.exit_code == 0, r.output
    assert r.exception is None and "Traceback" not in r.output
    summary = json.loads(r.stdout)
    con = sqlite3.connect(db)
    reasons = [row[0] for row in con.execute("SELECT reason FROM run_items WHERE verified=0")]
    by_generate = [x for x in reasons if x.startswith("generate raised RuntimeError: planted: x=")]
    by_solve = [x for x in reasons if x.startswith("solve raised ZeroDivisionError: planted")]
    assert by_generate and by_solve and len(by_generate) + len(by_solve) == len(reasons)
    assert summary["generation_errors"] == len(reasons) < 120
    assert summary["planned_attempts"] == summary["completed_attempts"] == 120 - len(reasons)
    assert con.execute("SELECT status FROM runs").fetchone()[0] == "complete"
    assert f"{len(reasons)} instances were generation errors, never asked (e.g. t_flaky: " in r.stderr
    # the stand-ins rebuild identically: a resume asks nothing again and finds nothing changed
    run_id = summary["run_id"]
    again = _run(db, "--resume", run_id, "--json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["generation_errors"] == len(reasons)
    assert con.execute("SELECT count(*) FROM attempts").fetchone()[0] == 120 - len(reasons)


def test_a_family_that_never_generates_ends_the_run_with_one_line(flaky, tmp_path):
    flaky("t_broken", Broken)
    db = tmp_path / "b.db"
    r = _run(db, "-f", "t_broken", "--n", "3", "--seed", "1")
    assert r.exit_code == 1 and r.exception is None or isinstance(r.exception, SystemExit), r.output
    assert "every instance was a generation error; nothing was asked" in r.stderr
    assert "Traceback" not in r.output
    con = sqlite3.connect(db)
    assert con.execute("SELECT status FROM runs").fetchone()[0] == "complete"
    assert con.execute("SELECT count(*) FROM attempts").fetchone()[0] == 0
    assert all(reason.startswith("generate raised RuntimeError: planted")
               for (reason,) in con.execute("SELECT reason FROM run_items"))


def test_a_failure_while_preparing_leaves_the_run_interrupted_not_running(flaky, tmp_path, monkeypatch):
    from unseen import runner as runner_mod
    from unseen.errors import StoreError

    flaky("t_flaky2")

    def refuse(*args, **kwargs):
        raise StoreError("planted store failure")

    monkeypatch.setattr(runner_mod, "prepare_items", refuse)
    db = tmp_path / "i.db"
    r = _run(db, "-f", "t_flaky2", "--n", "2", "--seed", "1")
    assert r.exit_code == 2 and "error: planted store failure" in r.stderr
    assert sqlite3.connect(db).execute("SELECT status FROM runs").fetchone()[0] == "interrupted"
