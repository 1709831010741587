"""line_intersection: the lines read back from the prompt text alone (sympy's parser on each
written equation, our own Cramer's rule) give the reference meeting point."""

from __future__ import annotations

import random
import re
from fractions import Fraction

from sympy import Rational, Symbol, expand
from sympy.parsing.sympy_parser import implicit_multiplication_application, parse_expr, standard_transformations

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("line_intersection")
X, Y = Symbol("x"), Symbol("y")
_T = (*standard_transformations, implicit_multiplication_application)


def line_from_text(text: str) -> tuple[Fraction, Fraction, Fraction]:
    """(A, B, C) with A x + B y = C for one written line."""
    pts = re.fullmatch(r"passes through the points \$?\((-?\d+), (-?\d+)\)\$? and \$?\((-?\d+), (-?\d+)\)\$?", text)
    if pts:
        x1, y1, x2, y2 = (int(v) for v in pts.groups())
        return Fraction(y2 - y1), Fraction(x1 - x2), Fraction((y2 - y1) * x1 + (x1 - x2) * y1)
    eq = re.fullmatch(r"has the equation (.*)", text).group(1).strip("$")
    eq = re.sub(r"\\frac\{(\d+)\}\{(\d+)\}", r"(\1/\2)", eq)
    left, right = eq.split(" = ")
    e = expand(parse_expr(left, {"x": X, "y": Y}, transformations=_T, evaluate=True)
               - parse_expr(right, {"x": X, "y": Y}, transformations=_T, evaluate=True))
    a, b = e.coeff(X), e.coeff(Y)
    c = -e.subs({X: 0, Y: 0})
    assert expand(a * X + b * Y - c - e) == 0 and all(isinstance(v, Rational) for v in (a, b, c)), text
    return tuple(Fraction(int(v.p), int(v.q)) for v in (a, b, c))


def answer_from_prompt(prompt: str) -> str:
    written = dict(re.findall(r"^(?:Line|Road) (\w+) (.*)\.$", prompt, re.M))
    first, second = re.search(r"At which point do (?:line|road) (\w+) and (?:line|road) (\w+) meet\?", prompt).groups()
    (a1, b1, c1), (a2, b2, c2) = line_from_text(written[first]), line_from_text(written[second])
    det = a1 * b2 - a2 * b1
    if det == 0:
        assert a1 * c2 != a2 * c1 or b1 * c2 != b2 * c1, "the two asked lines are the same line"
        return "none"
    return f"{(c1 * b2 - c2 * b1) / det}, {(a1 * c2 - a2 * c1) / det}"


def test_the_prompt_alone_gives_the_reference_point():
    wide = lambda r: {"size": r.choice([3, 5, 10, 25, 60, 100])}  # noqa: E731
    forms, nones = set(), 0
    for params, seed, problem in random_instances(FAM, 300, 5, wide):
        got = answer_from_prompt(problem.prompt)
        assert got == render(problem.answer_type, FAM.solve(problem)), (seed, params, problem.prompt)
        assert verify(FAM, problem, seed).ok
        nones += got == "none"
        forms |= {ln["form"] for ln in problem.data["lines"]}
        assert len(re.findall(r"^(?:Line|Road) ", problem.prompt, re.M)) == 2 + params["distractors"]
    assert forms == {"slope_intercept", "point_slope", "general", "two_points", "rearranged"}
    assert 10 <= nones <= 60  # parallel pairs are rare but present


def test_the_variables_hold_for_the_asked_pair():
    for seed in range(120):
        params = {"near_parallel": seed % 2 == 0, "vertical": seed % 3 == 0,
                  "point": ("integer", "fraction")[seed % 4 // 2], "size": (3, 10, 40)[seed % 3]}
        problem = FAM.generate(params, random.Random(seed))
        i, j = problem.data["asked"]
        dirs = [(ln["q"][0] - ln["p"][0], ln["q"][1] - ln["p"][1]) for ln in (problem.data["lines"][k] for k in (i, j))]
        cross = dirs[0][0] * dirs[1][1] - dirs[0][1] * dirs[1][0]
        if FAM.solve(problem) == ["none"]:
            assert cross == 0
            continue
        sine = abs(cross) / (dirs[0][0] ** 2 + dirs[0][1] ** 2) ** 0.5 / (dirs[1][0] ** 2 + dirs[1][1] ** 2) ** 0.5
        assert (sine < 0.2079) == params["near_parallel"], (seed, sine)
        assert sum(dx == 0 for dx, _ in dirs) == (1 if params["vertical"] else 0)
        point = [Fraction(v) for v in FAM.solve(problem)]
        assert all(v.denominator == 1 for v in point) == (params["point"] == "integer")


def test_notation_and_names_leave_the_lines_unchanged():
    for seed in range(20):
        datas = set()
        for notation in ("plain", "star", "latex"):
            for names in ("letters", "numbers", "roads"):
                d = FAM.generate({"notation": notation, "names": names, "distractors": 2}, random.Random(seed)).data
                datas.add(str((d["lines"], d["asked"])))
        assert len(datas) == 1


def test_checker_reads_exact_values_and_rejects_near_misses():
    for seed in range(60):
        problem = FAM.generate({"point": "fraction"}, random.Random(seed))
        right = FAM.solve(problem)
        if right == ["none"]:
            assert FAM.judge_text(problem, "none") and not FAM.judge_text(problem, "0, 0")
        else:
            x, y = (Fraction(v) for v in right)
            assert FAM.judge_text(problem, f"({x}, {y})") and FAM.judge_text(problem, f"x = {x}, y = {y}")
            rounded = f"{float(x):.3f}, {float(y):.3f}"
            exact = Fraction(f"{float(x):.3f}") == x and Fraction(f"{float(y):.3f}") == y
            assert bool(FAM.judge_text(problem, rounded)) == exact
            assert not FAM.judge_text(problem, "none")
        for miss in FAM.near_misses(problem, random.Random(seed)):
            assert not FAM.judge_text(problem, miss), (seed, miss)
