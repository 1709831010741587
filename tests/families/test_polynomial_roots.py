"""polynomial_roots: the polynomial read back from the prompt text, its roots found numerically (mpmath) and
confirmed exactly, gives the reference set."""

from __future__ import annotations

import random
import re
from fractions import Fraction

import mpmath

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("polynomial_roots")
_SUPER = {c: str(i) for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}


def read_polynomial(prompt: str) -> tuple[str, dict[int, int]]:
    """(letter, {power: coefficient}) from the ``p(x) = ...`` line, in any of the three notations."""
    letter, body = re.search(r"^p\((\w)\) = (.+)$", prompt, re.M).groups()
    coeffs: dict[int, int] = {}
    pattern = rf"\s*([-+])?\s*(\d+)?\*?(?:({letter})(?:\^(\d+)|\*\*(\d+)|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))?)?"
    pos = 0
    while pos < len(body):
        m = re.compile(pattern).match(body, pos)
        assert m and m.end() > pos, body[pos:]
        sign, num, var, caret, star, sup = m.groups()
        assert num or var, body
        power = 0 if not var else int(caret or star or "".join(_SUPER[c] for c in sup or "") or 1)
        assert power not in coeffs, body
        coeffs[power] = (-1 if sign == "-" else 1) * int(num or 1)
        pos = m.end()
    return letter, coeffs


def _rem(a: list[Fraction], b: list[Fraction]) -> list[Fraction]:
    """Remainder of a / b; lists from the highest power down."""
    a = list(a)
    while len(a) >= len(b) and any(a):
        f = a[0] / b[0]
        a = [x - f * y for x, y in zip(a, b + [0] * (len(a) - len(b)), strict=True)][1:]
    while a and a[0] == 0:
        a = a[1:]
    return a


def square_free(dense: list[Fraction]) -> list[Fraction]:
    """p / gcd(p, p'): the same roots, each once (Mpmath's iteration stalls on repeated roots)."""
    n = len(dense) - 1
    a, b = dense, [c * (n - i) for i, c in enumerate(dense[:-1])]
    while b:
        a, b = b, _rem(a, b)
    quotient, rest = [], list(dense)
    while len(rest) >= len(a):  # exact long division by the gcd a
        f = rest[0] / a[0]
        quotient.append(f)
        rest = [x - f * y for x, y in zip(rest, a + [0] * (len(rest) - len(a)), strict=True)][1:]
    assert not any(rest)
    return quotient


def rational_roots(coeffs: dict[int, int]) -> list[Fraction]:
    degree = max(coeffs)
    dense = square_free([Fraction(coeffs.get(k, 0)) for k in range(degree, -1, -1)])
    if len(dense) == 1:
        return []
    with mpmath.workdps(30):
        found = mpmath.polyroots([mpmath.mpf(c.numerator) / c.denominator for c in dense], maxsteps=400,
                                 extraprec=60)
    roots = set()
    for z in found:
        if abs(mpmath.im(z)) > 1e-6:
            continue
        guess = Fraction(str(mpmath.nstr(mpmath.re(z), 30))).limit_denominator(1000)
        if sum(c * guess ** k for k, c in coeffs.items()) == 0:
            roots.add(guess)
    return sorted(roots)


def test_the_prompt_alone_gives_the_reference_answer():
    seen = set()
    for params, seed, problem in random_instances(FAM, 260, 3):
        _, coeffs = read_polynomial(problem.prompt)
        assert max(coeffs) == params["degree"]
        roots = rational_roots(coeffs)
        got = ", ".join(sorted(str(r) for r in roots)) or "none"
        assert got == render(problem.answer_type, FAM.solve(problem)), (seed, params, problem.prompt)
        seen.add((params["notation"], params["extra"], params["repeated"]))
    assert len(seen) == 27


def test_verification_passes_and_near_misses_are_rejected():
    for params, seed, problem in random_instances(FAM, 150, 8):
        result = verify(FAM, problem, seed)
        assert result.ok, (params, result.reason)
        assert len(result.near_misses) >= 2
        for miss in result.near_misses:
            assert not FAM.judge_text(problem, miss).correct


def test_repeated_roots_are_really_repeated_and_extra_factors_add_no_rational_root():
    for seed in range(80):
        problem = FAM.generate({"degree": 6, "repeated": "triple", "extra": "irrational", "fractions": seed % 2 == 0},
                               random.Random(seed))
        _, coeffs = read_polynomial(problem.prompt)
        roots = rational_roots(coeffs)
        assert len(roots) == 2  # 6 = 2 (quadratic) + 3 (a triple root) + 1
        triple = [r for r in roots if sum(c * k * (k - 1) * r ** (k - 2) for k, c in coeffs.items() if k >= 2) == 0]
        assert len(triple) == 1, roots


def test_check_accepts_any_order_and_equivalent_forms_but_not_a_repeat_listed_twice():
    problem = FAM.generate({"fractions": True, "repeated": "double"}, random.Random(2))
    right = FAM.solve(problem)
    assert FAM.judge_text(problem, ", ".join(reversed(right))).correct
    assert FAM.judge_text(problem, ", ".join(f"x = {r}" for r in right)).correct
    halves = [r for r in right if r.endswith("/2")]
    if halves:
        decimal = str(float(Fraction(halves[0])))
        assert FAM.judge_text(problem, ", ".join(decimal if r == halves[0] else r for r in right)).correct
    assert not FAM.judge_text(problem, ", ".join(right[:-1])).correct
    assert not FAM.judge_text(problem, "none").correct


def test_a_degree_two_irreducible_quadratic_has_no_rational_root():
    for seed in range(20):
        problem = FAM.generate({"degree": 2, "extra": "nonreal"}, random.Random(seed))
        assert FAM.solve(problem) == ["none"]
        assert FAM.judge_text(problem, "none").correct
        assert rational_roots(read_polynomial(problem.prompt)[1]) == []
