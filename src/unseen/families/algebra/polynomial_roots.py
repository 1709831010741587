"""polynomial_roots: the distinct rational roots of a polynomial given in expanded form.

Tests root finding by the rational root theorem, factoring and synthetic division. The
polynomial is built from linear factors ``(q x - p)`` (the roots), perhaps one repeated,
perhaps times a quadratic with no rational root, then expanded with integer coefficients.

Logic variables: ``degree`` (2..7), ``root_size`` (integer roots and numerators from
-r..r, widened when too few values for distinct roots), ``repeated`` (one root of
multiplicity 2 or 3, which the answer lists once), ``extra`` (a quadratic factor with
irrational or with non-real roots, taking two degrees), ``fractions`` (one or two roots
are fractions p/q with q from 2..5, so the leading coefficient is not 1) and ``scaled``
(every coefficient times a common factor from 2..6, which multiplies the candidates the
rational root theorem offers). Surface: ``letter`` (x, t, y, z), ``notation`` (x^2, x²,
x**2) and ``order`` (terms by falling or rising power).

Label: sympy ``roots(..., filter='Q')``. ``check`` evaluates the polynomial exactly at each
claimed root (Fractions), divides every claimed root out as often as it divides, and
proves by the rational root theorem that the quotient has no rational root left.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from random import Random

import sympy

from unseen.author import (
    AnswerType,
    Choice,
    Flag,
    IntRange,
    Params,
    Problem,
    Verdict,
    distinct,
    family,
    hedge,
    wrong,
)

_SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def times(a: list[int], b: list[int]) -> list[int]:
    """Product of two coefficient lists (index = power)."""
    out = [0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            out[i + j] += x * y
    return out


def draw_roots(rng: Random, k: int, r: int, fractions: bool) -> list[list[int]]:
    """k distinct rational roots as [p, q] (q > 0, reduced); one or two of them non-integers when asked."""
    n_frac = min(k, rng.randint(1, 2)) if fractions and k else 0
    roots: set[Fraction] = set()
    while len(roots) < n_frac:
        q = rng.randint(2, 5)
        p = rng.choice([v for v in range(-max(r, 2), max(r, 2) + 1) if math.gcd(v, q) == 1])
        roots.add(Fraction(p, q))
    span = max(r, (k - n_frac) // 2 + 1)  # enough integers for distinct roots
    while len(roots) < k:
        roots.add(Fraction(rng.randint(-span, span)))
    out = [[f.numerator, f.denominator] for f in roots]
    out.sort()
    rng.shuffle(out)
    return out


def draw_quadratic(rng: Random, kind: str) -> list[int]:
    """[c, b, 1] for x^2 + bx + c: irrational real roots (positive non-square discriminant) or non-real ones."""
    while True:
        b, c = rng.randint(-5, 5), rng.randint(-12, 12)
        disc = b * b - 4 * c
        if kind == "nonreal" and disc < 0:
            return [c, b, 1]
        if kind == "irrational" and disc > 0 and math.isqrt(disc) ** 2 != disc:
            return [c, b, 1]


def write(coeffs: list[int], letter: str, notation: str, ascending: bool) -> str:
    terms = []
    for power in (range(len(coeffs)) if ascending else range(len(coeffs) - 1, -1, -1)):
        c = coeffs[power]
        if c == 0:
            continue
        size = abs(c)
        if power == 0:
            body = str(size)
        else:
            var = letter if power == 1 else (f"{letter}^{power}" if notation == "caret" else
                                             f"{letter}**{power}" if notation == "python" else
                                             letter + str(power).translate(_SUPER))
            body = var if size == 1 else (f"{size}*{var}" if notation == "python" else f"{size}{var}")
        sign = ("-" if c < 0 else "") if not terms else (" - " if c < 0 else " + ")
        terms.append(sign + body)
    return "".join(terms)


def value_at(coeffs: list[int], x: Fraction) -> Fraction:
    total = Fraction(0)
    for c in reversed(coeffs):
        total = total * x + c
    return total


def divisors(n: int) -> list[int]:
    n, small, large, d = abs(n), [], [], 1
    while d * d <= n:
        if n % d == 0:
            small.append(d)
            if d * d != n:
                large.append(n // d)
        d += 1
    return small + large[::-1]


def rational_roots_left(coeffs: list[Fraction]) -> Fraction | None:
    """A rational root of the polynomial, by the rational root theorem, or None when it has none."""
    if len(coeffs) > 1 and coeffs[0] == 0:
        return Fraction(0)
    if len(coeffs) <= 1:
        return None
    scale = math.lcm(*(c.denominator for c in coeffs))
    ints = [int(c * scale) for c in coeffs]
    for p in divisors(ints[0]):
        for q in divisors(ints[-1]):
            for cand in (Fraction(p, q), Fraction(-p, q)):
                if value_at(ints, cand) == 0:
                    return cand
    return None


@family("polynomial_roots", version=1, domain="algebra", answer=AnswerType.SET,
        purpose="Find the distinct rational roots of a polynomial given in expanded form.")
class PolynomialRoots:
    degree = IntRange(2, 7, base=3, help="degree of the polynomial")
    root_size = IntRange(1, 20, base=12, levels=(1, 3, 6, 12, 20), help="roots and numerators from -r..r")
    repeated = Choice(("none", "double", "triple"), base="none", ordered=True,
                      help="one root of multiplicity 2 or 3 (capped by the degree)")
    extra = Choice(("none", "irrational", "nonreal"), base="none", ordered=True,
                   help="a quadratic factor without rational roots: real irrational or non-real roots")
    fractions = Flag(base=False, help="one or two roots are fractions p/q (q in 2..5)")
    scaled = Flag(base=False, help="every coefficient is multiplied by a common factor from 2..6")
    letter = Choice(("x", "t", "y", "z"), base="x", role="surface", help="the variable's letter")
    notation = Choice(("caret", "superscript", "python"), base="caret", role="surface", help="x^2, x² or x**2")
    order = Choice(("descending", "ascending"), base="descending", role="surface", help="order of the terms")

    def generate(self, p: Params, rng: Random) -> Problem:
        linear = p.degree - (2 if p.extra != "none" else 0)
        mult = min({"none": 1, "double": 2, "triple": 3}[p.repeated], max(linear, 1))
        roots = draw_roots(rng, max(linear - mult + 1, 0), p.root_size, p.fractions)
        coeffs = [rng.choice([-1, 1]) * (rng.randint(2, 6) if p.scaled else 1)]
        for i, (num, den) in enumerate(roots):
            for _ in range(mult if i == 0 else 1):
                coeffs = times(coeffs, [-num, den])
        if p.extra != "none":
            coeffs = times(coeffs, draw_quadratic(rng, p.extra))
        name = f"{p.letter}"
        poly = write(coeffs, name, p.notation, p.order == "ascending")
        prompt = (f"Find every distinct rational root of the polynomial\n\np({name}) = {poly}\n\n"
                  f"that is, every rational number r with p(r) = 0. List a repeated root only once, and write a "
                  f"root that is not a whole number as a reduced fraction such as 3/2 or -1/4.\n"
                  + AnswerType.SET.sentence("the roots", empty="the polynomial has no rational root"))
        return Problem(prompt, {"coefficients": coeffs, "letter": p.letter}, AnswerType.SET)

    def solve(self, problem: Problem) -> list[str]:
        x = sympy.Symbol("x")
        poly = sympy.Poly(list(reversed(problem.data["coefficients"])), x)
        found = sympy.roots(poly, filter="Q")
        return sorted((str(r) for r in found), key=lambda s: Fraction(s)) or ["none"]

    def check(self, problem: Problem, answer) -> Verdict:
        coeffs = problem.data["coefficients"]
        letter = problem.data["letter"]
        claimed: set[Fraction] = set()
        if [a.casefold() for a in answer] != ["none"]:
            for item in answer:
                m = re.fullmatch(rf"(?:{letter}\s*=\s*)?([-+]?\d+(?:\.\d+)?(?:\s*/\s*\d+)?)", item.strip())
                if not m:
                    return wrong(f"{item!r} is not a rational number")
                try:
                    value = Fraction(m.group(1).replace(" ", ""))
                except ZeroDivisionError:
                    return wrong(f"{item!r} divides by zero")
                if value in claimed:
                    return wrong(f"{item!r} is listed twice")
                claimed.add(value)
        left = [Fraction(c) for c in coeffs]
        for r in claimed:
            if value_at(coeffs, r) != 0:
                return wrong(f"{r} is not a root")
            while len(left) > 1 and value_at(left, r) == 0:  # synthetic division by (x - r)
                top = left[::-1]
                quotient = [top[0]]
                for c in top[1:-1]:
                    quotient.append(c + quotient[-1] * r)
                left = quotient[::-1]
        missed = rational_roots_left(left)
        if missed is not None:
            return wrong(f"the rational root {missed} is missing")
        return Verdict(True)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        right = self.solve(problem)
        if right == ["none"]:
            coeffs = problem.data["coefficients"]
            fake = next(str(v) for v in (1, -1, 2, -2, 3) if value_at(coeffs, Fraction(v)) != 0)
            return distinct("none", [fake, hedge("none", fake)])
        values = [Fraction(s) for s in right]
        text = ", ".join(right)
        cands = []
        if len(values) > 1:
            dropped = rng.randrange(len(right))
            cands.append(", ".join(s for i, s in enumerate(right) if i != dropped))
        else:
            cands.append("none")
        flipped = sorted({-v for v in values})
        cands.append(", ".join(str(v) for v in flipped))  # roots read off (x - r) with the wrong sign
        recip = [1 / v if v.denominator > 1 else v for v in values]
        cands.append(", ".join(str(v) for v in recip))  # p/q written as q/p
        extra = next(v for v in (values[0] + 1, values[0] - 1, values[0] + 2, values[0] - 2) if v not in values)
        cands.append(", ".join(str(v) for v in values + [extra]))
        cands.append(hedge(text, cands[0]))
        good = [c for c in distinct(text, cands) if sorted(c.split(", ")) != sorted(right)]
        return good
