"""linear_system: the equations read back from the prompt text and eliminated over fractions give the reference."""

from __future__ import annotations

import random
import re
from fractions import Fraction

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("linear_system")

_NAMES = re.compile(r"(?:in the unknowns|d'inconnues|con las incógnitas|mit den Unbekannten) ([^.(]+?)(?: \(|\.)")
_TOKEN = re.compile(r"\s*(\d+|[^\W\d_]+|[-+·()])")


def linear_form(text: str) -> dict[str, Fraction]:
    """Parse a side such as ``-2(x - 3y) + 4 + 5·apple`` into {name: coefficient, "": constant}."""
    tokens = _TOKEN.findall(text)
    assert "".join(tokens) == text.replace(" ", ""), text
    pos = 0

    def expr() -> dict[str, Fraction]:
        nonlocal pos
        total: dict[str, Fraction] = {}
        sign = 1
        if tokens[pos] in "+-":
            sign = -1 if tokens[pos] == "-" else 1
            pos += 1
        while True:
            for k, v in term().items():
                total[k] = total.get(k, 0) + sign * v
            if pos < len(tokens) and tokens[pos] in "+-":
                sign = -1 if tokens[pos] == "-" else 1
                pos += 1
            else:
                return total

    def term() -> dict[str, Fraction]:
        nonlocal pos
        factor = Fraction(1)
        if tokens[pos].isdigit():
            factor = Fraction(int(tokens[pos]))
            pos += 1
            if pos >= len(tokens) or tokens[pos] in "+-)":
                return {"": factor}
            if tokens[pos] == "·":
                pos += 1
        if tokens[pos] == "(":
            pos += 1
            inner = expr()
            assert tokens[pos] == ")"
            pos += 1
            return {k: factor * v for k, v in inner.items()}
        name = tokens[pos]
        pos += 1
        return {name: factor}

    out = expr()
    assert pos == len(tokens), text
    return out


def solve_text(prompt: str) -> list[int]:
    names = _NAMES.search(prompt).group(1).split(", ")
    rows = []
    for left, right in re.findall(r"^\(\d+\) (.*) = (.*)$", prompt, re.M):
        a, b = linear_form(left), linear_form(right)
        assert set(a) | set(b) <= set(names) | {""}, (left, right)
        rows.append([a.get(x, 0) - b.get(x, 0) for x in names] + [b.get("", 0) - a.get("", 0)])
    n = len(names)
    assert len(rows) == n
    for col in range(n):  # Gauss-Jordan over fractions; a missing pivot means no unique solution
        pivot = next(r for r in range(col, n) if rows[r][col] != 0)
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(n):
            if r != col and rows[r][col]:
                f = rows[r][col] / rows[col][col]
                rows[r] = [x - f * y for x, y in zip(rows[r], rows[col], strict=True)]
    sol = [rows[i][n] / rows[i][i] for i in range(n)]
    assert all(v.denominator == 1 for v in sol), sol
    return [int(v) for v in sol]


def test_the_prompt_alone_gives_the_reference_answer():
    seen = set()
    for params, seed, problem in random_instances(FAM, 300, 5):
        got = ", ".join(map(str, solve_text(problem.prompt)))
        assert got == render(problem.answer_type, FAM.solve(problem)), (seed, params, problem.prompt)
        seen.add((params["language"], params["names"], params["form"]))
    assert len(seen) == 36


def test_verification_passes_and_near_misses_are_rejected():
    for params, seed, problem in random_instances(FAM, 120, 11):
        result = verify(FAM, problem, seed)
        assert result.ok, (params, result.reason)
        assert len(result.near_misses) >= 2
        for miss in result.near_misses:
            assert not FAM.judge_text(problem, miss).correct


def test_every_system_has_one_solution_even_when_sparse_and_small():
    """Tiny coefficients and many zeros make singular draws common: none may reach a prompt."""
    for seed in range(150):
        params = {"unknowns": 2 + seed % 4, "coefficients": 1, "sparsity": "sparse", "form": "brackets"}
        problem = FAM.generate(params, random.Random(seed))
        solve_text(problem.prompt)  # raises StopIteration on a missing pivot


def test_surface_leaves_the_system_and_answer_unchanged():
    for seed in range(30):
        base = FAM.generate({"unknowns": 4, "form": "both_sides"}, random.Random(seed))
        for names in ("abc", "fruit"):
            for language in ("fr", "es", "de"):
                other = FAM.generate({"unknowns": 4, "form": "both_sides", "names": names, "language": language},
                                     random.Random(seed))
                assert other.data["equations"] == base.data["equations"]
                assert FAM.solve(other) == FAM.solve(base)
                assert solve_text(other.prompt) == solve_text(base.prompt)


def test_check_reads_named_values_and_rejects_wrong_counts():
    problem = FAM.generate({"unknowns": 3}, random.Random(4))
    right = FAM.solve(problem)
    named = ", ".join(f"{n} = {v}" for n, v in zip(problem.data["names"], right, strict=True))
    assert FAM.judge_text(problem, named).correct
    assert not FAM.judge_text(problem, ", ".join(map(str, right[:-1]))).correct
    assert not FAM.judge_text(problem, ", ".join(map(str, right + [0]))).correct
    shifted = ", ".join(f"{n} = {v}" for n, v in zip(problem.data["names"][1:] + problem.data["names"][:1], right,
                                                      strict=True))
    assert not FAM.judge_text(problem, shifted).correct
