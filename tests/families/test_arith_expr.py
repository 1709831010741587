"""arith_expr: an independent evaluation (Python's ast over the rendered texts) agrees with solve."""

from __future__ import annotations

import ast
import random
import re
from fractions import Fraction

from families import random_instances
from unseen import registry
from unseen.problem import Problem
from unseen.verify import verify

FAM = registry.get("arith_expr")
_BIN = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
        ast.Div: lambda a, b: a / b}
_CALL = {"add": lambda *x: sum(x), "mul": lambda *x: _prod(x), "div": lambda a, b: a / b,
         "sub": lambda a, *rest: a - sum(rest)}


def _prod(xs):
    out = Fraction(1)
    for x in xs:
        out *= x
    return out


def ast_eval(node, env=None) -> Fraction:
    """A whitelisted ast walk over Fractions (no eval)."""
    if isinstance(node, ast.Expression):
        return ast_eval(node.body, env)
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return Fraction(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -ast_eval(node.operand, env)
    if isinstance(node, ast.BinOp) and type(node.op) in _BIN:
        return _BIN[type(node.op)](ast_eval(node.left, env), ast_eval(node.right, env))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _CALL:
        return _CALL[node.func.id](*(ast_eval(a, env) for a in node.args))
    if isinstance(node, ast.Name) and env is not None:
        return env[node.id]
    raise ValueError(f"unexpected node {ast.dump(node)}")


def small_params(rng: random.Random) -> dict:
    return {"depth": rng.randint(1, 4), "width": rng.randint(2, 4), "digits": rng.randint(1, 3),
            "ops": rng.choice(["add", "add_sub", "add_sub_mul", "all"]), "negatives": rng.random() < 0.5,
            "parens": rng.choice(["full", "minimal"]),
            "notation": rng.choice(["symbols", "unicode", "words", "functions", "steps"]),
            "spacing": rng.choice(["spaced", "compact"])}


def from_prompt(problem: Problem) -> Fraction:
    """Read the expression back out of the prompt text itself, for the non-word notations."""
    text, notation = problem.prompt, problem.params["notation"]
    if notation == "steps":
        env: dict[str, Fraction] = {}
        for name, expr in re.findall(r"^(t\d+) = (.+)$", text, re.MULTILINE):
            env[name] = ast_eval(ast.parse(expr, mode="eval"), env)
        return env[re.search(r"What is the value of (t\d+)\?", text).group(1)]
    line = text.split("\n\n")[1]
    line = line.translate(str.maketrans({"−": "-", "×": "*", "÷": "/"}))
    return ast_eval(ast.parse(line, mode="eval"))


def test_independent_evaluation_agrees_with_solve():
    rng = random.Random(1234)
    for seed in range(300):
        params = small_params(rng)
        problem = FAM.generate(params, random.Random(seed))
        ref = FAM.solve(problem)
        expected = ast_eval(ast.parse(problem.data["expr"], mode="eval"))
        assert expected.denominator == 1 and int(expected) == ref, (params, problem.data)
        if params["notation"] != "words":
            assert from_prompt(problem) == ref, problem.prompt
        assert verify(FAM, problem, seed).ok


def test_notations_denote_the_same_tree():
    notations = ("symbols", "unicode", "words", "functions", "steps")
    for seed in range(30):
        problems = [FAM.generate({"notation": n, "ops": "all", "negatives": True}, random.Random(seed))
                    for n in notations]
        assert len({str(p.data) for p in problems}) == 1
        assert len({p.prompt for p in problems}) == len(notations)


def test_checker_precedence_and_near_misses():
    p = Problem("p", {"tree": ["+", 2, ["*", 3, 4]], "expr": "2 + 3 * 4"}, "integer")
    assert FAM.check(p, 14).correct
    assert not FAM.check(p, 20).correct  # left to right, ignoring precedence
    assert not FAM.check(p, -14).correct and not FAM.check(p, 15).correct
    misses = FAM.near_misses(p, random.Random(0))
    assert "20" in misses
    assert all(not FAM.judge_text(p, m).correct for m in misses)
    assert FAM.judge_text(p, "14").correct and not FAM.judge_text(p, "14 or 15").correct
    q = Problem("q", {"tree": ["/", ["-", 50, 8], -6], "expr": "(50 - 8) / (-6)"}, "integer")
    assert FAM.check(q, -7).correct and not FAM.check(q, 7).correct


def test_words_and_minimal_brackets():
    from unseen.families.arithmetic.arith_expr import in_words
    assert in_words(0) == "zero" and in_words(-42) == "negative forty-two"
    assert in_words(1_000_305) == "one million three hundred five"
    p = FAM.generate({"parens": "full", "depth": 2, "ops": "add"}, random.Random(3))
    assert p.data["expr"].count("(") >= 1


# ---- the answer from the prompt text alone, every notation ------------------------------

_WORD_VALUES = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_WORD_VALUES.update({w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety"
                                                      .split(), start=2)})
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
                "quadrillion": 10**15, "quintillion": 10**18}
_WORD_OPS = {"plus": "+", "minus": "-", "times": "*", "divided": "/"}


def words_to_ascii(text: str) -> str:
    """'negative forty-two times (three plus one)' -> '(-42) * (3 + 1)'."""
    out: list[str] = []
    number: list[str] = []

    def flush() -> None:
        if not number:
            return
        sign = -1 if number[0] == "negative" else 1
        total = group = 0
        for w in number[1:] if sign < 0 else number:
            if w == "hundred":
                group *= 100
            elif w in _SCALE_WORDS:
                total, group = total + group * _SCALE_WORDS[w], 0
            else:
                group += sum(_WORD_VALUES[part] for part in w.split("-"))
        out.append(f"({sign * (total + group)})")
        number.clear()

    for tok in re.findall(r"[()]|[a-z-]+", text):
        if tok in _WORD_OPS or tok in "()" or tok == "by":
            flush()
            if tok != "by":
                out.append(_WORD_OPS.get(tok, tok))
        else:
            number.append(tok)
    flush()
    return " ".join(out)


def _exact(node, env) -> Fraction:
    """Whitelisted ast walk over Fractions that also insists every division is exact."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        a, b = _exact(node.left, env), _exact(node.right, env)
        assert b != 0 and (a / b).denominator == 1, "a division in the text is not exact"
        return a / b
    if isinstance(node, ast.BinOp) and type(node.op) in _BIN:
        return _BIN[type(node.op)](_exact(node.left, env), _exact(node.right, env))
    if isinstance(node, ast.Call) and node.func.id == "div":
        a, b = (_exact(x, env) for x in node.args)
        assert len(node.args) == 2 and (a / b).denominator == 1, "a div() in the text is not exact"
        return a / b
    if isinstance(node, ast.Call):
        return _CALL[node.func.id](*(_exact(a, env) for a in node.args))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_exact(node.operand, env)
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return Fraction(node.value)
    if isinstance(node, ast.Name):
        return env[node.id]
    raise ValueError(f"unexpected node {ast.dump(node)}")


def answer_from_prompt(prompt: str) -> int:
    env: dict[str, Fraction] = {}
    if prompt.startswith("Compute step by step"):
        for name, expr in re.findall(r"^(t\d+) = (.+)$", prompt, re.MULTILINE):
            env[name] = _exact(ast.parse(expr, mode="eval").body, env)
        value = env[re.search(r"What is the value of (t\d+)\?", prompt)[1]]
    else:
        line = prompt.split("\n\n")[1]
        if "written in words" in prompt.split("\n\n")[0]:
            line = words_to_ascii(line)
        line = line.translate(str.maketrans({"−": "-", "×": "*", "÷": "/"}))
        value = _exact(ast.parse(line, mode="eval").body, env)
    assert value.denominator == 1
    return int(value)


def test_answer_from_prompt_text_alone():
    for params, seed, problem in random_instances(FAM, 300, 99):
        assert answer_from_prompt(problem.prompt) == FAM.solve(problem), (params, seed, problem.prompt)
