"""boolean_eval: parsing the printed formula with its stated precedence agrees with solve."""

from __future__ import annotations

import random
import re

from unseen import registry
from unseen.answers import render
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


def read_formula(prompt: str) -> tuple[list[str], dict[str, bool], dict[str, int] | None]:
    """Tokens, values and the stated precedence (None when the prompt states none), from the prompt alone."""
    formula = re.search(r"^Formula: (.*)$", prompt, re.M).group(1)
    values = {k: v == "true" for k, v in re.findall(r"(\w+) = (true|false)", prompt)}
    stated = re.search(r"Precedence, from tightest to loosest: (.*?)\. ", prompt)
    bind = None
    if stated:
        order = [_OP[s] for s in stated.group(1).split(", ")]
        bind = {op: len(order) - i for i, op in enumerate(order) if op != "not"}
    return _TOKEN.findall(formula), values, bind


def parse_tree(tokens: list[str], bind: dict[str, int] | None, not_reach: str = "operand"):
    """A tree of nested tuples. Without a stated precedence every operator in one group must be
    the same, an implies/iff has exactly two sides, and a NOT may not stand bare beside a binary
    operator (so NOT's reach is never in doubt). not_reach='rest' lets NOT reach to the end of
    its group instead of over one operand; an unambiguous formula parses the same either way."""
    pos = 0

    def unary():
        nonlocal pos
        tok = tokens[pos]
        pos += 1
        if _OP.get(tok) == "not":
            return ("not", unary() if not_reach == "operand" else group(0))
        if tok == "(":
            inner = group(0)
            assert tokens[pos] == ")"
            pos += 1
            return inner
        assert re.fullmatch(r"[A-Za-z]+", tok) and tok not in _OP, tok
        return ("var", tok)

    def group(min_bind: int):
        nonlocal pos
        start = pos
        left = unary()
        ops = []
        while pos < len(tokens) and tokens[pos] in _OP and (bind is None or bind[_OP[tokens[pos]]] >= min_bind):
            op = _OP[tokens[pos]]
            assert op not in ops or op not in ("implies", "iff"), "an unbracketed chain of implies/iff"
            if bind is None:
                assert _OP.get(tokens[start]) != "not", "a bare NOT beside a binary operator"
                assert not ops or ops[-1] == op, "mixed operators in one group"
                assert _OP.get(tokens[pos + 1]) != "not", "a bare NOT beside a binary operator"
            ops.append(op)
            pos += 1
            left = (op, left, unary() if bind is None else group(bind[op] + 1))
        return left

    tree = group(0)
    assert pos == len(tokens), "tokens left over"
    return tree


def truth(tree, values: dict[str, bool]) -> bool:
    op, *kids = tree
    if op == "var":
        return values[kids[0]]
    xs = [truth(k, values) for k in kids]
    return {"not": lambda: not xs[0], "and": lambda: xs[0] and xs[1], "or": lambda: xs[0] or xs[1],
            "xor": lambda: xs[0] != xs[1], "implies": lambda: not xs[0] or xs[1],
            "iff": lambda: xs[0] == xs[1]}[op]()


def test_the_prompt_alone_gives_the_reference_answer():
    """Full parentheses: a strict parser that knows no precedence; minimal: the precedence the prompt states."""
    r = random.Random(21)
    domains = {name: var.domain for name, var in FAM.variables.items()}
    for seed in range(400):
        params = {name: r.choice(list(dom)) for name, dom in domains.items() if name not in ("depth", "variables")}
        params.update(depth=r.randint(1, 5), variables=r.randint(1, 6), distractors=r.randint(0, 3))
        problem = FAM.generate(params, random.Random(seed))
        tokens, values, bind = read_formula(problem.prompt)
        assert (bind is None) == (params["parentheses"] == "full")
        got = "true" if truth(parse_tree(tokens, bind), values) else "false"
        assert got == render(problem.answer_type, FAM.solve(problem)), (seed, params, problem.prompt)


def test_full_parentheses_leave_no_doubt_how_far_not_reaches():
    """Regression: `NOT rain OR rain` was printed with full parentheses and no rule for NOT's reach."""
    bind = {"and": 4, "xor": 3, "or": 2, "implies": 1, "iff": 0}
    negated = 0
    for seed in range(300):
        params = {"parentheses": "full", "negations": "many", "depth": 1 + seed % 5, "width": 2 + seed % 3,
                  "operators": ("and_or", "implies", "xor_iff")[seed % 3],
                  "notation": ("symbols", "words", "math")[seed // 3 % 3], "naming": ("letters", "words")[seed % 2]}
        tokens, _, _ = read_formula(FAM.generate(params, random.Random(seed)).prompt)
        negated += any(_OP.get(t) == "not" for t in tokens)
        assert parse_tree(tokens, bind, "operand") == parse_tree(tokens, bind, "rest"), " ".join(tokens)
    assert negated > 250
