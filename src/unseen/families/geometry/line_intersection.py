"""line_intersection: where two straight lines in the plane meet, as exact coordinates.

Each line is drawn through two lattice points and written in one of five forms (slope-
intercept, point-slope, general ``ax + by = c``, through two points, or rearranged with
terms on both sides). About one instance in ten asks about two parallel (never identical)
lines, whose answer is ``none``. Logic variables: ``forms``, ``size`` (coordinate scale),
``near_parallel`` (the two lines cross at under 12 degrees, else at 12 or more),
``vertical`` (one of the two lines is vertical), ``point`` (an integer or a fractional
meeting point) and ``distractors`` (other lines listed that the question does not ask
about). Surface: ``notation`` (plain, ``*`` for products, LaTeX) and ``names``.
The label comes from sympy's ``Line.intersection``; ``check`` substitutes the answer into
both lines' equations with Fractions (and, for ``none``, tests the determinant), without
solving anything.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from random import Random

from sympy import Line, Point

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

_FORMS = ("slope_intercept", "point_slope", "general", "two_points", "rearranged")
_NAMES = {"letters": lambda i: f"line {'PQRSTU'[i]}", "numbers": lambda i: f"line {i + 1}",
          "roads": lambda i: f"road {('Alder', 'Birch', 'Cedar', 'Dogwood', 'Elm', 'Fir')[i]}"}
_NEAR = 0.2079  # sin 12 degrees


def equation(line) -> tuple[int, int, int]:
    """(a, b, c) with a x + b y = c through the line's two points, reduced, first nonzero positive."""
    (x1, y1), (x2, y2) = line["p"], line["q"]
    a, b = y2 - y1, x1 - x2
    c = a * x1 + b * y1
    g = math.gcd(a, b, c)
    s = 1 if (a, b) > (0, 0) else -1
    return s * a // g, s * b // g, s * c // g


def _num(v: Fraction, style: str, lead: bool = False) -> str:
    if v.denominator == 1:
        return str(v.numerator)
    if style == "latex":
        return ("-" if v < 0 else "") + f"\\frac{{{abs(v.numerator)}}}{{{v.denominator}}}"
    return f"{v.numerator}/{v.denominator}" if lead else f"({v.numerator}/{v.denominator})"


def expr(terms: list[tuple[Fraction, str]], const: Fraction, style: str) -> str:
    """``terms`` (coefficient, variable) then a constant, e.g. '3x - (2/3)y + 5'."""
    out = []
    for coef, var in [t for t in terms if t[0]] + ([(const, "")] if const or not any(c for c, _ in terms) else []):
        sign = "-" if coef < 0 else "+"
        mag = abs(Fraction(coef))
        if var and mag == 1:
            body = var
        elif var:
            body = _num(mag, style) + ("*" if style == "star" else "") + var
        else:
            body = _num(mag, style, lead=True)
        out.append((sign, body))
    text = ("-" if out[0][0] == "-" else "") + out[0][1]
    return text + "".join(f" {s} {b}" for s, b in out[1:])


def render_line(line, style: str, rng: Random) -> str:
    a, b, c = equation(line)
    form = line["form"]
    wrap = (lambda s: f"${s}$") if style == "latex" else (lambda s: s)
    if form == "two_points":
        (x1, y1), (x2, y2) = line["p"], line["q"]
        return f"passes through the points {wrap(f'({x1}, {y1})')} and {wrap(f'({x2}, {y2})')}"
    if b == 0 and form != "rearranged":
        return wrap(f"x = {Fraction(c, a)}")
    if form == "slope_intercept":
        return wrap("y = " + expr([(Fraction(-a, b), "x")], Fraction(c, b), style))
    if form == "point_slope":
        x1, y1 = line["p"]
        inner = expr([(Fraction(1), "x")], Fraction(-x1), style)
        slope = Fraction(-a, b)
        mult = "" if slope == 1 else "-" if slope == -1 else _num(slope, style, lead=slope.denominator == 1)
        inner = inner if inner == "x" else f"({inner})"
        if slope in (0, 1):
            right = "0" if slope == 0 else inner.strip("()")
        else:
            right = mult + ("*" if style == "star" and mult != "-" else "") + inner
        return wrap(expr([(Fraction(1), "y")], Fraction(-y1), style) + " = " + right)
    if form == "general":
        return wrap(expr([(Fraction(a), "x"), (Fraction(b), "y")], Fraction(0), style) + f" = {c}")
    k = Fraction(rng.choice([v for v in range(-9, 10) if v]))  # rearranged: a term or two moved across
    xl, yl = rng.random() < 0.5, rng.random() < 0.5
    if xl == yl:
        yl = not xl
    left = [(Fraction(a), "x")] * xl + [(Fraction(b), "y")] * yl
    right = [(Fraction(-a), "x")] * (not xl) + [(Fraction(-b), "y")] * (not yl)
    return wrap(expr(left, k, style) + " = " + expr(right, c + k, style))


def meet(l1, l2) -> tuple[Fraction, Fraction] | None:
    a1, b1, c1 = equation(l1)
    a2, b2, c2 = equation(l2)
    det = a1 * b2 - a2 * b1
    if det == 0:
        return None
    return Fraction(c1 * b2 - c2 * b1, det), Fraction(a1 * c2 - a2 * c1, det)


def _draw_pair(rng: Random, p: Params, parallel: bool):
    s = max(p.size, 12) if p.near_parallel else p.size
    for _ in range(5000):
        if p.vertical:
            d1 = (0, rng.choice((1, -1)) * rng.randint(5 if p.near_parallel else 1, s))
        else:
            d1 = (rng.choice((1, -1)) * rng.randint(1, s), rng.randint(-s, s))
        if parallel:
            d2 = d1 if rng.random() < 0.5 else (-d1[0], -d1[1])
        elif p.near_parallel:
            e = (rng.randint(-2, 2), rng.randint(-2, 2))
            d2 = (d1[0] + e[0], d1[1] + e[1])
        else:
            d2 = (rng.choice((1, -1)) * rng.randint(1, s), rng.randint(-s, s))
        cross = d1[0] * d2[1] - d1[1] * d2[0]
        if not parallel and (d2[0] == 0 or cross == 0 or
                             (abs(cross) / math.hypot(*d1) / math.hypot(*d2) < _NEAR) != p.near_parallel):
            continue
        a, c = [rng.randint(-p.size, p.size) for _ in "xy"], [rng.randint(-p.size, p.size) for _ in "xy"]
        l1 = {"p": a, "q": [a[0] + d1[0], a[1] + d1[1]]}
        l2 = {"p": c, "q": [c[0] + d2[0], c[1] + d2[1]]}
        if equation(l1) == equation(l2):
            continue
        at = meet(l1, l2)
        if at is not None and all(v.denominator == 1 for v in at) != (p.point == "integer"):
            continue
        return [l1, l2] if rng.random() < 0.5 else [l2, l1]
    raise RuntimeError("no pair of lines drawn")


@family("line_intersection", version=1, domain="geometry", answer=AnswerType.SEQUENCE,
        purpose="Find the exact point where two lines given in various forms meet, or say they are parallel.")
class LineIntersection:
    forms = Choice(("slope_intercept", "point_slope", "general", "two_points", "rearranged", "mixed"),
                   base="mixed", help="how the lines are written (mixed: each line its own form)")
    size = IntRange(3, 100, base=10, levels=(3, 10, 30, 100), help="coordinates of the defining points")
    near_parallel = Flag(base=False, help="the two lines cross at under 12 degrees (else 12 or more)")
    vertical = Flag(base=False, help="one of the two lines is vertical (both when they are parallel; else neither is)")
    point = Choice(("integer", "fraction"), base="fraction", ordered=True,
                   help="whether the meeting point has integer coordinates")
    distractors = IntRange(0, 3, base=0, help="further lines listed that the question does not ask about")
    notation = Choice(("plain", "star", "latex"), base="plain", role="surface",
                      help="'2x', '2*x' or LaTeX with \\frac")
    names = Choice(tuple(_NAMES), base="letters", role="surface", help="what the lines are called")

    def generate(self, p: Params, rng: Random) -> Problem:
        parallel = rng.random() < 0.1
        lines = _draw_pair(rng, p, parallel)
        while len(lines) < 2 + p.distractors:
            a = [rng.randint(-p.size, p.size) for _ in "xy"]
            d = (rng.randint(-p.size, p.size), rng.randint(-p.size, p.size))
            extra = {"p": a, "q": [a[0] + d[0], a[1] + d[1]]}
            if d != (0, 0) and equation(extra) not in {equation(ln) for ln in lines}:
                lines.append(extra)
        for ln in lines:
            ln["form"] = rng.choice(_FORMS) if p.forms == "mixed" else p.forms
        order = list(range(len(lines)))
        rng.shuffle(order)
        lines = [lines[i] for i in order]
        asked = sorted([order.index(0), order.index(1)])
        written = [render_line(ln, p.notation, rng) for ln in lines]
        data = {"lines": lines, "asked": asked, "written": written}
        return Problem(self._prompt(p, data), data, AnswerType.SEQUENCE)

    def _prompt(self, p: Params, data: dict) -> str:
        name = _NAMES[p.names]
        rows = []
        for i, text in enumerate(data["written"]):
            verb = "" if text.startswith("passes") else "has the equation "
            rows.append(f"{name(i)[0].upper() + name(i)[1:]} {verb}{text}.")
        what = "A map is drawn on x-y coordinates; each road is a straight line." if p.names == "roads" else \
            "Straight lines in the x-y plane:"
        i, j = data["asked"]
        return (f"{what}\n" + "\n".join(rows) + f"\n\nAt which point do {name(i)} and {name(j)} meet? "
                + AnswerType.SEQUENCE.sentence(
                    "the x-coordinate and then the y-coordinate of that point, each exact (an integer or a "
                    "reduced fraction, not a rounded decimal)", example="-7/3, 4", example_of="the point (-7/3, 4)",
                    empty="the two lines are parallel and never meet"))

    def _pair(self, problem: Problem):
        i, j = problem.data["asked"]
        return problem.data["lines"][i], problem.data["lines"][j]

    def solve(self, problem: Problem) -> list[str]:
        l1, l2 = (Line(Point(*ln["p"]), Point(*ln["q"])) for ln in self._pair(problem))
        found = l1.intersection(l2)
        if not found:
            return ["none"]
        (pt,) = found
        return [str(pt.x), str(pt.y)]

    def check(self, problem: Problem, answer) -> Verdict:
        eqs = [equation(ln) for ln in self._pair(problem)]
        (a1, b1, _), (a2, b2, _) = eqs
        parallel = a1 * b2 == a2 * b1
        if [str(a).strip().lower() for a in answer] == ["none"]:
            return Verdict(parallel, "" if parallel else "the lines do meet")
        if len(answer) != 2:
            return wrong(f"expected two coordinates, got {len(answer)} items")
        try:
            x, y = (Fraction(re.sub(r"^[xy]\s*=\s*|\s+", "", str(v)).replace("−", "-")) for v in answer)
        except (ValueError, ZeroDivisionError):
            return wrong(f"{answer!r} is not two exact numbers")
        off = [a * x + b * y - c for a, b, c in eqs]
        if any(off):
            return wrong(f"({x}, {y}) is not on both lines")
        return Verdict(True)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        right = self.solve(problem)
        l1, l2 = self._pair(problem)
        a2, b2, c2 = equation(l2)
        bent = {"p": l2["p"], "q": [l2["q"][0] + 1, l2["q"][1]]}  # the second line's slope misread
        cands = []
        for wrong_line in (bent, {"p": [-v for v in l2["p"]], "q": [-v for v in l2["q"]]}):
            at = meet(l1, wrong_line) if wrong_line["p"] != wrong_line["q"] else None
            if at is not None:
                cands.append(f"{at[0]}, {at[1]}")
        if right == ["none"]:
            return distinct("none", cands + ["0, 0"])[:3] + [hedge("none", cands[0] if cands else "0, 0")]
        x, y = (Fraction(v) for v in right)
        cands += [f"{y}, {x}", f"{x}, {-y}", f"{-x}, {y}", "none", f"{x + 1}, {y}"]
        if x.denominator > 1 or y.denominator > 1:  # rounded to two decimals: not exact
            cands.append(f"{round(float(x), 2)}, {round(float(y), 2)}")
        good = f"{x}, {y}"
        differ = [c for c in cands if c == "none" or tuple(Fraction(v) for v in c.split(", ")) != (x, y)]
        return distinct(good, differ)[:5] + [hedge(good, f"{x + 1}, {y}")]
