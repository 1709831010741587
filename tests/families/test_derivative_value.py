"""derivative_value: the expression read back from the prompt text, differentiated by sympy, gives the reference."""

from __future__ import annotations

import random
import re
from fractions import Fraction

import sympy

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("derivative_value")
_SUPER = {c: str(i) for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}


def read_prompt(prompt: str) -> tuple[str, str, Fraction]:
    """(letter, expression text, point), for each of the three notations."""
    m = (re.search(r"^Let f\((\w)\) = (.+)\.\n\nFind f'\((\S+)\), the derivative of f at \w = \S+\.$", prompt, re.M)
         or re.search(r"^Let y = (.+)\.\n\nFind the value of dy/d(\w) at \w = (\S+)\.$", prompt, re.M)
         or re.search(r"^Find the value of d/d(\w) \[(.+)\] at \w = (\S+)\.$", prompt, re.M))
    groups = m.groups()
    if groups[0].startswith("Let") or len(groups[0]) > 1:  # leibniz: the expression comes first
        expr, letter, point = groups
    else:
        letter, expr, point = groups
    return letter, expr, Fraction(point)


def to_python(expr: str, letter: str) -> str:
    text = expr.replace("·", "*").replace("^", "**")
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: "**" + "".join(_SUPER[c] for c in m.group(0)), text)
    text = re.sub(rf"(\d)({letter}|\()", r"\1*\2", text)  # 3x -> 3*x, 2(...) -> 2*(...)
    assert re.fullmatch(rf"[\d{letter}+\-*/() ]+", text), text
    return text


def derivative_from_prompt(prompt: str) -> Fraction:
    letter, expr, point = read_prompt(prompt)
    x = sympy.Symbol(letter)
    f = sympy.parse_expr(to_python(expr, letter), local_dict={letter: x}, evaluate=True)
    at = sympy.Rational(point.numerator, point.denominator)
    assert f.subs(x, at).is_Rational  # every denominator is nonzero at the point
    value = sympy.diff(f, x).subs(x, at)
    assert value.is_Rational
    return Fraction(int(value.p), int(value.q))


def small(r: random.Random) -> dict:  # depth 4 with big powers makes sympy slow; the other tests reach it
    return {"depth": r.randint(1, 3)}


def test_the_prompt_alone_gives_the_reference_answer():
    seen = set()
    for params, seed, problem in random_instances(FAM, 220, 9, small):
        got = derivative_from_prompt(problem.prompt)
        assert render("fraction", got) == render(problem.answer_type, FAM.solve(problem)), (seed, params)
        seen.add((params["notation"], params["style"], params["rules"]))
    assert len(seen) == 36


def test_verification_passes_and_near_misses_are_rejected():
    for params, seed, problem in random_instances(FAM, 120, 4):
        result = verify(FAM, problem, seed)
        assert result.ok, (params, result.reason)
        assert len(result.near_misses) >= 2
        for miss in result.near_misses:
            assert not FAM.judge_text(problem, miss).correct


def _exponent_paths(tree: list, product: int = 1) -> list[int]:
    if tree[0] == "p":
        return [product]
    if tree[0] == "pow":
        return _exponent_paths(tree[1], product * tree[2])
    return _exponent_paths(tree[1], product) + _exponent_paths(tree[2], product)


def test_the_hardest_settings_stay_printable_and_keep_every_denominator_nonzero():
    for rules in ("chain", "mixed", "quotient"):
        for seed in range(25):
            params = {"depth": 4, "rules": rules, "exponent": 5, "degree": 4, "coefficients": 9, "point": "fraction"}
            problem = FAM.generate(params, random.Random(seed))
            value = FAM.solve(problem)
            assert abs(value.numerator) < 10**40 and value.denominator < 10**40
            assert max(_exponent_paths(problem.data["tree"])) <= 16
            if rules == "chain":
                assert problem.prompt.count(")^") == 4  # four nested powers of brackets
            assert FAM.judge_text(problem, render("fraction", value)).correct


def test_surface_leaves_the_answer_unchanged():
    for seed in range(25):
        base = FAM.generate({"depth": 2, "point": "fraction"}, random.Random(seed))
        for notation in ("leibniz", "operator"):
            for style in ("unicode", "python"):
                other = FAM.generate({"depth": 2, "point": "fraction", "notation": notation, "style": style,
                                      "letter": "t"}, random.Random(seed))
                assert other.data == base.data
                assert derivative_from_prompt(other.prompt) == derivative_from_prompt(base.prompt)


def test_check_accepts_equal_values_in_any_form_and_rejects_the_function_value():
    problem = FAM.generate({"depth": 1, "rules": "product", "point": "fraction"}, random.Random(6))
    right = FAM.solve(problem)
    assert FAM.judge_text(problem, f"{right.numerator * 3}/{right.denominator * 3}").correct
    letter, expr, point = read_prompt(problem.prompt)
    x = sympy.Symbol(letter)
    at = sympy.Rational(point.numerator, point.denominator)
    value = sympy.parse_expr(to_python(expr, letter), local_dict={letter: x}).subs(x, at)
    if Fraction(int(value.p), int(value.q)) != right:
        assert not FAM.judge_text(problem, str(Fraction(int(value.p), int(value.q)))).correct
