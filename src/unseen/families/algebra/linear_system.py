"""linear_system: solve a system of linear equations with a unique integer solution.

Tests exact elimination over 2 to 5 unknowns. The solution is drawn first, then the
coefficients; a draw is kept only when the coefficient matrix has a nonzero determinant
(sympy ``Matrix.det``), which proves the solution is the only one.

Logic variables: ``unknowns`` (2..5, as many equations), ``coefficients`` (coefficients
are drawn from -c..c), ``magnitude`` (the solution's entries from -v..v), ``sparsity``
(about half / a quarter / none of the coefficients are zero) and ``form`` (each equation
as ``ax + by = c``; with terms and constants on both sides; or also with a bracketed group
such as ``-2(x - 3y)`` to expand). Surface: ``names`` (x, y, z / a, b, c / fruit words)
and ``language`` (en, fr, es, de; the answer sentence stays English).

Label: sympy ``linsolve`` on the collected coefficients. ``check`` substitutes the
candidate into every equation as stated (both sides, brackets unexpanded) with integer
arithmetic; with a nonzero determinant, only the solution satisfies them all.
"""

from __future__ import annotations

import re
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
    wrong,
)

_LETTERS = {2: "xy", 3: "xyz", 4: "wxyz", 5: "vwxyz"}
_FRUIT = {"en": ("apple", "pear", "plum", "lemon", "mango"),
          "fr": ("pomme", "poire", "prune", "citron", "mangue"),
          "es": ("manzana", "pera", "ciruela", "limón", "mango"),
          "de": ("Apfel", "Birne", "Pflaume", "Zitrone", "Mango")}
_ZEROS = {"sparse": 0.5, "some_zeros": 0.25, "dense": 0.0}
# language -> (intro, fruit note, question)
_TEXT = {
    "en": ("Solve this system of {n} linear equations in the unknowns {names}{note}. It has exactly one solution, "
           "and in it every unknown is a whole number.", " (each name stands for one number)",
           "Give the values of {names}, in that order."),
    "fr": ("Résolvez ce système de {n} équations linéaires d'inconnues {names}{note}. Il admet exactement une "
           "solution, et chaque inconnue y prend une valeur entière.", " (chaque nom désigne un nombre)",
           "Donnez les valeurs de {names}, dans cet ordre."),
    "es": ("Resuelve este sistema de {n} ecuaciones lineales con las incógnitas {names}{note}. Tiene exactamente "
           "una solución, y en ella cada incógnita toma un valor entero.", " (cada nombre representa un número)",
           "Da los valores de {names}, en ese orden."),
    "de": ("Löse dieses lineare Gleichungssystem aus {n} Gleichungen mit den Unbekannten {names}{note}. Es hat "
           "genau eine Lösung, und darin ist jede Unbekannte eine ganze Zahl.", " (jeder Name steht für eine Zahl)",
           "Gib die Werte von {names} in dieser Reihenfolge an."),
}


def draw_matrix(rng: Random, n: int, c: int, sparsity: str) -> list[list[int]]:
    """An n x n integer matrix with entries in -c..c and a nonzero determinant (sympy)."""
    for _ in range(200):
        rows = []
        for _ in range(n):
            row = [0 if rng.random() < _ZEROS[sparsity] else rng.choice([k for k in range(-c, c + 1) if k])
                   for _ in range(n)]
            if not any(row):
                row[rng.randrange(n)] = rng.choice([k for k in range(-c, c + 1) if k])
            rows.append(row)
        if sympy.Matrix(rows).det() != 0:
            return rows
    # an upper-triangular matrix with a nonzero diagonal, rows shuffled: det = +-(product of the diagonal)
    rows = [[0] * i + [rng.choice([k for k in range(-c, c + 1) if k]) for _ in range(n - i)] for i in range(n)]
    rng.shuffle(rows)
    assert sympy.Matrix(rows).det() != 0
    return rows


def state_equation(rng: Random, row: list[int], rhs: int, form: str) -> dict:
    """The equation row . x = rhs told as {"left": terms, "right": terms}; a term is ["v", coef, index],
    ["k", constant] or ["g", factor, [[coef, index], ...]] (factor times a bracketed sum)."""
    terms: list[list] = []
    if form == "brackets":
        inside = [i for i, a in enumerate(row) if a]
        if len(inside) < 2:  # a group of one unknown would be trivial: add one whose total stays as drawn
            inside.append(rng.choice([i for i in range(len(row)) if i not in inside]))
        inside = sorted(rng.sample(inside, rng.randint(2, min(3, len(inside)))))
        k = rng.choice([-3, -2, 2, 3])
        group = [[rng.choice([-2, -1, 1, 2]), i] for i in inside]
        terms.append(["g", k, group])
        row = list(row)
        for a, i in group:
            row[i] -= k * a
    terms += [["v", a, i] for i, a in enumerate(row) if a]
    if form == "standard":
        return {"left": terms, "right": [["k", rhs]]}
    left: list[list] = []
    right: list[list] = []
    for t in terms + [["k", -rhs]]:
        (left if rng.random() < 0.5 else right).append(t)
    right = [negate(t) for t in right]
    rng.shuffle(left)
    rng.shuffle(right)
    return {"left": left or [["k", 0]], "right": right or [["k", 0]]}


def negate(term: list) -> list:
    if term[0] == "v":
        return ["v", -term[1], term[2]]
    if term[0] == "k":
        return ["k", -term[1]]
    return ["g", -term[1], term[2]]


def _mono(coef: int, name: str, first: bool, word: bool) -> str:
    sign = ("-" if coef < 0 else "") if first else (" - " if coef < 0 else " + ")
    size = abs(coef)
    return sign + ("" if size == 1 else f"{size}·" if word else str(size)) + name


def render_side(terms: list[list], names: list[str], word: bool) -> str:
    out = ""
    for t in terms:
        first = not out
        if t[0] == "v":
            out += _mono(t[1], names[t[2]], first, word)
        elif t[0] == "k":
            out += (str(t[1]) if first else (" - " if t[1] < 0 else " + ") + str(abs(t[1])))
        else:
            inner = "".join(_mono(a, names[i], j == 0, word) for j, (a, i) in enumerate(t[2]))
            k = t[1]
            out += (("-" if k < 0 else "") if first else (" - " if k < 0 else " + ")) + f"{abs(k)}({inner})"
    return out


def side_value(terms: list[list], values: list[int]) -> int:
    total = 0
    for t in terms:
        if t[0] == "v":
            total += t[1] * values[t[2]]
        elif t[0] == "k":
            total += t[1]
        else:
            total += t[1] * sum(a * values[i] for a, i in t[2])
    return total


@family("linear_system", version=1, domain="algebra", answer=AnswerType.SEQUENCE,
        purpose="Solve a system of linear equations with a unique integer solution.")
class LinearSystem:
    unknowns = IntRange(2, 5, base=3, help="number of unknowns and of equations")
    coefficients = IntRange(1, 12, base=5, levels=(1, 3, 5, 8, 12), help="coefficients are drawn from -c..c")
    magnitude = IntRange(1, 20, base=6, levels=(1, 3, 6, 12, 20), help="the solution's entries are drawn from -v..v")
    sparsity = Choice(("sparse", "some_zeros", "dense"), base="some_zeros", ordered=True,
                      help="share of zero coefficients: about a half, a quarter, none")
    form = Choice(("standard", "both_sides", "brackets"), base="standard", ordered=True,
                  help="ax + by = c; terms and constants on both sides; also a bracketed group to expand")
    names = Choice(("xyz", "abc", "fruit"), base="xyz", role="surface", help="what the unknowns are called")
    language = Choice(("en", "fr", "es", "de"), base="en", role="surface", help="the language of the prompt")

    def generate(self, p: Params, rng: Random) -> Problem:
        n = p.unknowns
        solution = [rng.randint(-p.magnitude, p.magnitude) for _ in range(n)]
        rows = draw_matrix(rng, n, p.coefficients, p.sparsity)
        equations = [state_equation(rng, row, sum(a * x for a, x in zip(row, solution, strict=True)), p.form)
                     for row in rows]
        word = p.names == "fruit"
        names = (list(_FRUIT[p.language][:n]) if word else list(_LETTERS[n]) if p.names == "xyz"
                 else list("abcde"[:n]))
        intro, note, question = _TEXT[p.language]
        listed = ", ".join(names)
        lines = [f"({i}) {render_side(e['left'], names, word)} = {render_side(e['right'], names, word)}"
                 for i, e in enumerate(equations, 1)]
        prompt = (intro.format(n=n, names=listed, note=note if word else "") + "\n\n" + "\n".join(lines) + "\n\n"
                  + question.format(names=listed) + "\n"
                  + AnswerType.SEQUENCE.sentence(f"the values of {listed}"))
        return Problem(prompt, {"names": names, "equations": equations}, AnswerType.SEQUENCE)

    def solve(self, problem: Problem) -> list[int]:
        names = problem.data["names"]
        syms = sympy.symbols(f"u0:{len(names)}")
        eqs = []
        for e in problem.data["equations"]:
            diff = [0] * (len(names) + 1)  # collected coefficients of left - right, constant last
            for sign, side in ((1, e["left"]), (-1, e["right"])):
                for t in side:
                    if t[0] == "v":
                        diff[t[2]] += sign * t[1]
                    elif t[0] == "k":
                        diff[-1] += sign * t[1]
                    else:
                        for a, i in t[2]:
                            diff[i] += sign * t[1] * a
            eqs.append(sum(c * s for c, s in zip(diff[:-1], syms, strict=True)) + diff[-1])
        (sol,) = sympy.linsolve(eqs, syms)
        assert all(v.is_integer for v in sol), sol
        return [int(v) for v in sol]

    def check(self, problem: Problem, answer) -> Verdict:
        names = problem.data["names"]
        if len(answer) != len(names):
            return wrong(f"got {len(answer)} values, expected {len(names)}")
        values = []
        for item, name in zip(answer, names, strict=True):
            m = re.fullmatch(rf"(?:{re.escape(name.casefold())}\s*=\s*)?([-+]?\d+)", item.strip().casefold())
            if not m:
                return wrong(f"{item!r} is not a whole number for {name}")
            values.append(int(m.group(1)))
        for i, e in enumerate(problem.data["equations"], 1):
            if side_value(e["left"], values) != side_value(e["right"], values):
                return wrong(f"equation ({i}) does not hold")
        return Verdict(True)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        right = self.solve(problem)
        text = ", ".join(map(str, right))
        i = rng.randrange(len(right))
        off = list(right)
        off[i] += rng.choice([-1, 1])
        cands = [", ".join(map(str, off))]
        pairs = [j for j in range(len(right) - 1) if right[j] != right[j + 1]]
        if pairs:
            j = rng.choice(pairs)
            swapped = list(right)
            swapped[j], swapped[j + 1] = swapped[j + 1], swapped[j]
            cands.append(", ".join(map(str, swapped)))
        signs = [j for j, v in enumerate(right) if v]
        if signs:
            flipped = list(right)
            flipped[rng.choice(signs)] *= -1
            cands.append(", ".join(map(str, flipped)))
        cands.append(hedge(text, cands[0]))
        return distinct(text, cands)
