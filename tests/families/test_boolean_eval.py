"""boolean_eval: parsing the printed formula with its stated precedence agrees with solve."""

from __future__ import annotations

import random
import re

from unseen import registry
from unseen.verify import verify

FAM = registry.get("boolean_eval")

_TOKEN = re.compile(r"<->|->|[()!&|^¬∧∨⊕→↔]|[A-Za-z]+")
_OP = {"!": "not", "NOT": "not", "¬": "not", "&": "and", "AND": "and", "∧": "and", "^": "xor", "XOR": "xor",
       "⊕": "xor", "|": "or", "OR": "or", "∨": "or", "->": "implies", "IMPLIES": "implies", "→": "implies",
       "<->": "iff", "IFF": "iff", "↔": "iff"}
_BIND = {"and": 4, "xor": 3, "or": 2, "implies": 1, "iff": 0}


def evaluate_text(formula: str, values: dict[str, bool]) -> bool:
    """Precedence climbing over the formula as printed; every binary operator left-associative."""
    tokens = _TOKEN.findall(formula)
    pos = 0

    def atom() -> bool:
        nonlocal pos
        tok = tokens[pos]
        pos += 1
        if _OP.get(tok) == "not":
            return not atom()
        if tok == "(":
            v = expr(0)
            assert tokens[pos] == ")"
            pos += 1
            return v
        return values[tok]

    def expr(min_bind: int) -> bool:
        nonlocal pos
        left = atom()
        while pos < len(tokens) and tokens[pos] in _OP and _BIND[_OP[tokens[pos]]] >= min_bind:
            op = _OP[tokens[pos]]
            pos += 1
            right = expr(_BIND[op] + 1)
            left = {"and": left and right, "or": left or right, "xor": left != right,
                    "implies": (not left) or right, "iff": left == right}[op]
        return left

    out = expr(0)
    assert pos == len(tokens)
    return out


def small_params(r: random.Random) -> dict:
    return {"variables": r.randint(1, 5), "depth": r.randint(1, 4),
            "operators": r.choice(["and_or", "implies", "xor_iff"]),
            "negations": r.choice(["none", "some", "many"]), "width": r.randint(2, 3),
            "parentheses": r.choice(["full", "minimal"]), "distractors": r.randint(0, 2),
            "notation": r.choice(["symbols", "words", "math"]), "naming": r.choice(["letters", "words"])}


def test_parsed_formula_agrees_with_solve():
    r = random.Random(3)
    answers = []
    for seed in range(300):
        params = small_params(r)
        problem = FAM.generate(params, random.Random(seed))
        formula = re.search(r"^Formula: (.*)$", problem.prompt, re.M).group(1)
        values = {k: v == "true" for k, v in re.findall(r"(\w+) = (true|false)", problem.prompt)}
        assert FAM.solve(problem) == evaluate_text(formula, values), (seed, params, formula)
        assert verify(FAM, problem, seed).ok
        answers.append(FAM.solve(problem))
    assert 0.3 < sum(answers) / len(answers) < 0.7


def test_minimal_parentheses_rely_on_precedence():
    deep = {"depth": 6, "operators": "xor_iff", "width": 3}
    problem = FAM.generate({**deep, "parentheses": "minimal"}, random.Random(1))
    formula = re.search(r"^Formula: (.*)$", problem.prompt, re.M).group(1)
    full = FAM.generate({**deep, "parentheses": "full"}, random.Random(1))
    assert formula.count("(") < re.search(r"^Formula: (.*)$", full.prompt, re.M).group(1).count("(")
    assert "Precedence" in problem.prompt and "Precedence" not in full.prompt


def test_checker_rejects_negation_and_hedge():
    problem = FAM.generate({}, random.Random(8))
    right = FAM.solve(problem)
    assert FAM.check(problem, right)
    assert not FAM.check(problem, not right)
    assert not FAM.check(problem, 1)
    assert not FAM.judge_text(problem, "true or false")
    assert FAM.judge_text(problem, "TRUE" if right else "False")
