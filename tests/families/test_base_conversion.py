"""base_conversion: the numbers and bases read back from the prompt text (every language and notation),
converted by the test's own arithmetic, give the reference."""

from __future__ import annotations

import random
import re

from families import random_instances
from unseen import registry
from unseen.verify import verify

FAM = registry.get("base_conversion")
_SUB = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_OPERANDS = re.compile(
    r"(?:number|nombre|número|Zahl|Dezimalzahl) (?:décimal |decimal )?(\S+?),? (?:to|in|écrit|en|escrito|aus|im) "
    r"|(?:numbers|nombres|números|Zahlen) (\S+) (?:and|et|y|und) (\S+?),? (?:écrits|escritos|zur|and give)")


def strip(token: str, base: int) -> str:
    """The digits of a numeral written 1A3₁₆, (1A3)_16 or 1A3; its marker must name ``base``."""
    m = re.fullmatch(r"\(([0-9a-fA-F]+)\)_(\d+)|([0-9a-fA-F]+?)([₀-₉]+)|([0-9a-fA-F]+)", token)
    assert m, token
    if m.group(1):
        assert int(m.group(2)) == base, token
        return m.group(1)
    if m.group(3):
        assert int(m.group(4).translate(_SUB)) == base, token
        return m.group(3)
    return m.group(5)


def value_of(digits: str, base: int) -> int:
    table = {c: i for i, c in enumerate("0123456789abcdef")}
    total = 0
    for c in digits.lower():
        assert table[c] < base, (digits, base)
        total = total * base + table[c]
    return total


def digits_of(n: int, base: int) -> str:
    out = []
    while n:
        out.append("0123456789ABCDEF"[n % base])
        n //= base
    return "".join(reversed(out)) or "0"


def answer_from_prompt(prompt: str) -> str:
    body, sentence = prompt.split("\nEnd with")
    target = int(re.search(r"giving the result in base (\d+)", sentence).group(1))
    decimal_in = re.search(r"decimal number|nombre décimal|número decimal|Dezimalzahl", body)
    source = 10 if decimal_in else int(re.search(r"base[- ](\d+)|Basis (\d+)", body).group(0).split()[-1]
                                       .split("-")[-1])
    m = _OPERANDS.search(body)
    tokens = [t for t in m.groups() if t]
    values = [value_of(strip(t, source), source) for t in tokens]
    if re.match(r"Add|Additionnez|Suma|Addiere", body):
        total = values[0] + values[1]
    elif re.match(r"Multipl", body):
        total = values[0] * values[1]
    else:
        (total,) = values
    return digits_of(total, target)


def test_the_prompt_alone_gives_the_reference_answer():
    seen = set()
    for params, seed, problem in random_instances(FAM, 400, 31):
        assert answer_from_prompt(problem.prompt) == FAM.solve(problem), (seed, params, problem.prompt)
        seen.add((params["task"], params["language"], params["notation"]))
    assert len(seen) == 60


def test_verification_passes_and_near_misses_are_rejected():
    for params, seed, problem in random_instances(FAM, 200, 3):
        result = verify(FAM, problem, seed)
        assert result.ok, (params, result.reason)
        assert len(result.near_misses) >= 2
        for miss in result.near_misses:
            assert not FAM.judge_text(problem, miss).correct


def test_check_reads_case_markers_and_spaces_but_not_other_bases():
    problem = FAM.generate({"task": "between", "base": 7, "digits": 8}, random.Random(2))
    right, target = FAM.solve(problem), problem.data["target"]
    sub = str(target).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
    for ok in (right.lower(), f"{right}{sub}", f"({right})_{target}", f"({right})_{{{target}}}", f"{right}_{target}",
               f"**{right}**", f"{right[:2]} {right[2:]}"):
        assert FAM.judge_text(problem, ok).correct, ok
    other = 10 if target != 10 else 2
    assert not FAM.judge_text(problem, f"({right})_{other}").correct
    assert not FAM.judge_text(problem, right + "G").correct
    assert not FAM.judge_text(problem, "-" + right).correct


def test_digits_and_high_digits_shape_the_numbers():
    for seed in range(60):
        b = FAM.variable("base").domain[seed % 14]
        n = 1 + seed % 12
        problem = FAM.generate({"task": "from_decimal", "base": b, "digits": n}, random.Random(seed))
        assert len(FAM.solve(problem)) == n  # the answer has ``digits`` digits in base b
        high = FAM.generate({"task": "add", "base": b, "digits": n, "high_digits": True}, random.Random(seed))
        for x in (high.data["x"], high.data["y"]):
            assert len(x) == n and all(int(c, 16) >= (b + 1) // 2 for c in x), (b, x)


def test_surface_leaves_the_answer_unchanged():
    for task in FAM.variable("task").domain:
        for seed in range(8):
            base = FAM.generate({"task": task, "base": 13}, random.Random(seed))
            for language in ("fr", "es", "de"):
                for notation in ("parenthesised", "words"):
                    other = FAM.generate({"task": task, "base": 13, "language": language, "notation": notation,
                                          "case": "lower"}, random.Random(seed))
                    assert other.data == base.data
                    assert answer_from_prompt(other.prompt) == FAM.solve(base)
