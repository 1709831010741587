"""arith_expr: an independent evaluation (Python's ast over the rendered texts) agrees with solve."""

from __future__ import annotations

import ast
import random
import re
from fractions import Fraction

from unseen import registry
from unseen.problem import Problem
from unseen.verify import verify

FAM = registry.get("arith_expr")
_BIN = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
        ast.Div: lambda a, b: a / b}
_CALL = {"add": lambda *x: sum(x), "mul": lambda *x: _prod(x), "div": lambda a, b: a / b,
         "sub": lambda a, *rest: a - sum(rest)}


def _prod(xs):
    out = Fraction(1)
    for x in xs:
        out *= x
    return out


def ast_eval(node, env=None) -> Fraction:
    """A whitelisted ast walk over Fractions (no eval)."""
    if isinstance(node, ast.Expression):
        return ast_eval(node.body, env)
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return Fraction(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -ast_eval(node.operand, env)
    if isinstance(node, ast.BinOp) and type(node.op) in _BIN:
        return _BIN[type(node.op)](ast_eval(node.left, env), ast_eval(node.right, env))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _CALL:
        return _CALL[node.func.id](*(ast_eval(a, env) for a in node.args))
    if isinstance(node, ast.Name) and env is not None:
        return env[node.id]
    raise ValueError(f"unexpected node {ast.dump(node)}")


def small_params(rng: random.Random) -> dict:
    return {"depth": rng.randint(1, 4), "width": rng.randint(2, 4), "digits": rng.randint(1, 3),
            "ops": rng.choice(["add", "add_sub", "add_sub_mul", "all"]), "negatives": rng.random() < 0.5,
            "parens": rng.choice(["full", "minimal"]),
            "notation": rng.choice(["symbols", "unicode", "words", "functions", "steps"]),
            "spacing": rng.choice(["spaced", "compact"])}


def from_prompt(problem: Problem) -> Fraction:
    """Read the expression back out of the prompt text itself, for the non-word notations."""
    text, notation = problem.prompt, problem.params["notation"]
    if notation == "steps":
        env: dict[str, Fraction] = {}
        for name, expr in re.findall(r"^(t\d+) = (.+)$", text, re.MULTILINE):
            env[name] = ast_eval(ast.parse(expr, mode="eval"), env)
        return env[re.search(r"What is the value of (t\d+)\?", text).group(1)]
    line = text.split("\n\n")[1]
    line = line.translate(str.maketrans({"−": "-", "×": "*", "÷": "/"}))
    return ast_eval(ast.parse(line, mode="eval"))


def test_independent_evaluation_agrees_with_solve():
    rng = random.Random(1234)
    for seed in range(300):
        params = small_params(rng)
        problem = FAM.generate(params, random.Random(seed))
        ref = FAM.solve(problem)
        expected = ast_eval(ast.parse(problem.data["expr"], mode="eval"))
        assert expected.denominator == 1 and int(expected) == ref, (params, problem.data)
        if params["notation"] != "words":
            assert from_prompt(problem) == ref, problem.prompt
        assert verify(FAM, problem, seed).ok


def test_notations_denote_the_same_tree():
    notations = ("symbols", "unicode", "words", "functions", "steps")
    for seed in range(30):
        problems = [FAM.generate({"notation": n, "ops": "all", "negatives": True}, random.Random(seed))
                    for n in notations]
        assert len({str(p.data) for p in problems}) == 1
        assert len({p.prompt for p in problems}) == len(notations)


def test_checker_precedence_and_near_misses():
    p = Problem("p", {"tree": ["+", 2, ["*", 3, 4]], "expr": "2 + 3 * 4"}, "integer")
    assert FAM.check(p, 14).correct
    assert not FAM.check(p, 20).correct  # left to right, ignoring precedence
    assert not FAM.check(p, -14).correct and not FAM.check(p, 15).correct
    misses = FAM.near_misses(p, random.Random(0))
    assert "20" in misses
    assert all(not FAM.judge_text(p, m).correct for m in misses)
    assert FAM.judge_text(p, "14").correct and not FAM.judge_text(p, "14 or 15").correct
    q = Problem("q", {"tree": ["/", ["-", 50, 8], -6], "expr": "(50 - 8) / (-6)"}, "integer")
    assert FAM.check(q, -7).correct and not FAM.check(q, 7).correct


def test_words_and_minimal_brackets():
    from unseen.families.arithmetic.arith_expr import in_words
    assert in_words(0) == "zero" and in_words(-42) == "negative forty-two"
    assert in_words(1_000_305) == "one million three hundred five"
    p = FAM.generate({"parens": "full", "depth": 2, "ops": "add"}, random.Random(3))
    assert p.data["expr"].count("(") >= 1
