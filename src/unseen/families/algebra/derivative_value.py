"""derivative_value: the exact value of a derivative at a rational point.

Tests the product, quotient and chain rules on nested expressions built from polynomials:
a tree of products, quotients and integer powers (a power of a compound expression is a
chain rule), its leaves polynomials with integer coefficients. Every denominator is
nonzero at the point; the exponents along any path multiply to at most 16 and the
answer's numerator and denominator stay below 10^40 (a larger draw is drawn again).

Logic variables: ``depth`` (rules nested, 1..4), ``rules`` (products only, quotients only,
powers only, or a mix), ``degree`` (leaves have degree 1..d), ``coefficients`` (leaf
coefficients from -c..c), ``exponent`` (powers from 2..e, within the budget) and ``point`` (0, a nonzero
integer from -3..3, or a fraction with denominator 2 or 3). Surface: ``notation``
(f'(a), dy/dx at x = a, d/dx [...] at x = a), ``style`` (x^2 and ·, x² and ·, x**2 and *)
and ``letter`` (x, t, u).

Label: sympy ``diff`` then ``subs`` on the expression built from the tree. ``check``
evaluates the tree once with dual numbers over Fractions (value and derivative carried
together through every operation), which shares nothing with sympy.
"""

from __future__ import annotations

from fractions import Fraction
from random import Random

import sympy

from unseen.author import (
    AnswerType,
    Choice,
    IntRange,
    Params,
    Problem,
    Verdict,
    distinct,
    family,
    hedge,
    match_fraction,
)

_SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_OPS = {"product": ("mul",), "quotient": ("div",), "chain": ("pow",), "mixed": ("mul", "div", "pow")}
LIMIT = 10**40  # the answer's numerator and denominator stay below this
BUDGET = 16  # the exponents on any path from the root multiply to at most this (2^4 for four nested powers)


def draw_leaf(rng: Random, degree: int, c: int) -> list:
    """["p", [c0, c1, ...]]: a polynomial of degree 1..degree with at least two terms when it can have them."""
    k = rng.randint(1, degree)
    nonzero = [v for v in range(-c, c + 1) if v]
    while True:
        coeffs = [rng.randint(-c, c) for _ in range(k)] + [rng.choice(nonzero)]
        if sum(1 for v in coeffs if v) >= 2:
            return ["p", coeffs]


def draw_tree(rng: Random, depth: int, ops: tuple[str, ...], degree: int, c: int, e: int) -> list:
    """A spine of ``depth`` rules from the root down, each with a leaf beside it; powers are drawn from 2..e
    top-down so that they multiply to at most BUDGET (nested powers stay printable)."""
    spine = [rng.choice(ops) for _ in range(depth)]  # outermost first
    exponents, left, pows = [], BUDGET, spine.count("pow")
    for op in spine:
        if op == "pow":
            pows -= 1
            n = rng.randint(2, max(2, min(e, left // 2 ** pows)))
            exponents.append(n)
            left //= n
    tree = draw_leaf(rng, degree, c)
    for op in reversed(spine):
        if op == "pow":
            if tree[0] == "pow":  # (u^2)^3 is one power: add a polynomial inside so the chain has two links
                tree = ["add", tree, draw_leaf(rng, degree, c)]
            tree = ["pow", tree, exponents.pop()]
        else:
            leaf = draw_leaf(rng, degree, c)
            tree = [op, tree, leaf] if rng.random() < 0.5 else [op, leaf, tree]
    return tree


def dual(tree: list, x: Fraction) -> tuple[Fraction, Fraction]:
    """(f(x), f'(x)) by forward-mode differentiation over Fractions; raises ZeroDivisionError at a pole."""
    kind = tree[0]
    if kind == "p":
        value = slope = Fraction(0)
        for c in reversed(tree[1]):
            value, slope = value * x + c, slope * x + value
        return value, slope
    if kind == "pow":
        u, du = dual(tree[1], x)
        n = tree[2]
        return u ** n, n * u ** (n - 1) * du
    (u, du), (v, dv) = dual(tree[1], x), dual(tree[2], x)
    if kind == "add":
        return u + v, du + dv
    if kind == "mul":
        return u * v, du * v + u * dv
    return u / v, (du * v - u * dv) / (v * v)


def write_poly(coeffs: list[int], letter: str, style: str) -> str:
    out = ""
    for power in range(len(coeffs) - 1, -1, -1):
        c = coeffs[power]
        if c == 0:
            continue
        var = "" if power == 0 else letter if power == 1 else (
            f"{letter}^{power}" if style == "caret" else f"{letter}**{power}" if style == "python"
            else letter + str(power).translate(_SUPER))
        size = abs(c)
        body = str(size) if not var else var if size == 1 else (f"{size}*{var}" if style == "python" else
                                                                  f"{size}{var}")
        out += (("-" if c < 0 else "") if not out else (" - " if c < 0 else " + ")) + body
    return out


def write(tree: list, letter: str, style: str) -> str:
    """Infix text; every operand is bracketed (leaves have two terms or more), except a power in a product."""
    kind = tree[0]
    if kind == "p":
        return write_poly(tree[1], letter, style)

    def part(t: list, strict: bool = False) -> str:
        text = write(t, letter, style)
        if t[0] == "pow" and not strict:
            return text  # a power binds tighter than a product: (x + 1)^2 · (x - 3)
        return f"({text})"

    if kind == "pow":
        sup = str(tree[2]).translate(_SUPER) if style == "unicode" else ("**" if style == "python" else "^") + str(
            tree[2])
        return part(tree[1], strict=True) + sup
    if kind == "add":
        tail = write(tree[2], letter, style)
        return write(tree[1], letter, style) + (f" - {tail[1:]}" if tail.startswith("-") else f" + {tail}")
    op = " / " if kind == "div" else (" * " if style == "python" else " · ")
    return part(tree[1], strict=kind == "div") + op + part(tree[2], strict=kind == "div")


def to_sympy(tree: list, x: sympy.Symbol):
    kind = tree[0]
    if kind == "p":
        return sum(sympy.Integer(c) * x ** k for k, c in enumerate(tree[1]))
    if kind == "pow":
        return to_sympy(tree[1], x) ** tree[2]
    a, b = to_sympy(tree[1], x), to_sympy(tree[2], x)
    return a + b if kind == "add" else a * b if kind == "mul" else a / b


def denominators_nonzero(tree: list, x: Fraction) -> bool:
    if tree[0] == "p":
        return True
    if not all(denominators_nonzero(t, x) for t in tree[1:] if isinstance(t, list)):
        return False
    return tree[0] != "div" or dual(tree[2], x)[0] != 0


@family("derivative_value", version=1, domain="algebra", answer=AnswerType.FRACTION,
        purpose="Evaluate the derivative of a nested product, quotient or power of polynomials at a point.")
class DerivativeValue:
    depth = IntRange(1, 4, base=2, help="how many rules are nested")
    rules = Choice(("product", "quotient", "chain", "mixed"), base="mixed", help="which rules the tree uses")
    degree = IntRange(1, 4, base=2, help="leaf polynomials have degree 1..d")
    coefficients = IntRange(1, 9, base=4, levels=(1, 2, 4, 6, 9), help="leaf coefficients from -c..c")
    exponent = IntRange(2, 5, base=3, simplest=2, help="powers are drawn from 2..e")
    point = Choice(("zero", "integer", "fraction"), base="integer", ordered=True,
                   help="the point: 0, a nonzero integer from -3..3, or a fraction with denominator 2 or 3")
    notation = Choice(("prime", "leibniz", "operator"), base="prime", role="surface",
                      help="f'(a), dy/dx at x = a, or d/dx [...] at x = a")
    style = Choice(("caret", "unicode", "python"), base="caret", role="surface", help="x^2, x² or x**2")
    letter = Choice(("x", "t", "u"), base="x", role="surface", help="the variable's letter")

    def generate(self, p: Params, rng: Random) -> Problem:
        for _ in range(200):
            tree = draw_tree(rng, p.depth, _OPS[p.rules], p.degree, p.coefficients, p.exponent)
            if p.point == "zero":
                x = Fraction(0)
            elif p.point == "integer":
                x = Fraction(rng.choice([-3, -2, -1, 1, 2, 3]))
            else:
                x = Fraction(rng.choice([-5, -4, -2, -1, 1, 2, 4, 5]), rng.choice([2, 3]))
                x = x if x.denominator > 1 else x / 3
            if not denominators_nonzero(tree, x):
                continue
            slope = dual(tree, x)[1]
            if abs(slope.numerator) < LIMIT and slope.denominator < LIMIT:
                break
        else:
            raise RuntimeError("no derivative of a printable size in 200 draws")  # never seen; see the tests
        v, s = p.letter, write(tree, p.letter, p.style)
        if p.notation == "prime":
            ask = f"Let f({v}) = {s}.\n\nFind f'({x}), the derivative of f at {v} = {x}."
        elif p.notation == "leibniz":
            ask = f"Let y = {s}.\n\nFind the value of dy/d{v} at {v} = {x}."
        else:
            ask = f"Find the value of d/d{v} [{s}] at {v} = {x}."
        prompt = ask + "\n" + AnswerType.FRACTION.sentence("that value")
        return Problem(prompt, {"tree": tree, "point": [x.numerator, x.denominator]}, AnswerType.FRACTION)

    def solve(self, problem: Problem) -> Fraction:
        x = sympy.Symbol("x")
        num, den = problem.data["point"]
        value = sympy.diff(to_sympy(problem.data["tree"], x), x).subs(x, sympy.Rational(num, den))
        return Fraction(int(value.p), int(value.q))

    def check(self, problem: Problem, answer) -> Verdict:
        return match_fraction(answer, dual(problem.data["tree"], Fraction(*problem.data["point"]))[1])

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        tree, x = problem.data["tree"], Fraction(*problem.data["point"])
        value, right = dual(tree, x)
        cands = [str(value)]  # f(a) instead of f'(a)
        if tree[0] in ("mul", "div"):  # (uv)' = u'v' and (u/v)' = u'/v', or the quotient rule's sign flipped
            (u, du), (w, dw) = dual(tree[1], x), dual(tree[2], x)
            cands.append(str(du * dw if tree[0] == "mul" else du / dw if dw else du * w))
            if tree[0] == "div":
                cands.append(str((du * w + u * dw) / (w * w)))
        if tree[0] == "pow":  # the chain rule's inner derivative forgotten
            u, _ = dual(tree[1], x)
            cands.append(str(tree[2] * u ** (tree[2] - 1)))
        cands += [str(-right), str(right + 1), hedge(str(right), str(right + 1))]
        return distinct(str(right), cands)
