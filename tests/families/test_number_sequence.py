"""number_sequence: a brute-force search over every rule of the named family agrees with solve."""

from __future__ import annotations

import itertools
import random
import re
from fractions import Fraction

from families import random_instances
from unseen import registry
from unseen.problem import Problem
from unseen.verify import verify

FAM = registry.get("number_sequence")
RULES = ["arithmetic", "geometric", "quadratic", "interleaved", "alternating", "fibonacci"]
STEPS = range(-30, 31)
MULTS = range(-12, 13)


def _run(rule: str, first: list[int], c: tuple[int, int], n: int) -> list[int]:
    """The n-term sequence of ``rule`` with constants ``c``, written from the prompt's wording."""
    seq = list(first)
    while len(seq) < n:
        pos = len(seq) + 1  # 1-based position of the term being made
        if rule == "arithmetic":
            seq.append(seq[-1] + c[0])
        elif rule == "geometric":
            seq.append(seq[-1] * c[0])
        elif rule == "quadratic":  # c = (first difference, second difference)
            seq.append(seq[-1] + c[0] + (pos - 2) * c[1])
        elif rule == "interleaved":  # c = (odd-position step, even-position step)
            seq.append(seq[-2] + (c[0] if pos % 2 else c[1]))
        elif rule == "alternating":
            seq.append(seq[-1] + c[0] if pos % 2 == 0 else seq[-1] * c[1])
        else:
            seq.append(c[0] * seq[-1] + c[1] * seq[-2])
    return seq


def _candidates(rule: str, terms: list[int]) -> tuple[list[int], itertools.product]:
    first = terms[:2] if rule in ("interleaved", "fibonacci") else terms[:1]
    spaces = {"arithmetic": [STEPS], "geometric": [MULTS], "quadratic": [STEPS, STEPS],
              "interleaved": [STEPS, STEPS], "alternating": [STEPS, MULTS], "fibonacci": [MULTS, MULTS]}
    return first, itertools.product(*spaces[rule])


def test_every_fitting_rule_gives_the_reference_answer():
    rng = random.Random(5)
    for seed in range(240):
        rule = RULES[seed % len(RULES)]
        params = {"rule": rule, "shown": rng.randint(3, 6), "ahead": rng.randint(1, 3),
                  "magnitude": rng.randint(5, 40), "presentation": rng.choice(["list", "ordinal", "story"])}
        problem = FAM.generate(params, random.Random(seed))
        terms, target = problem.data["terms"], problem.data["target"]
        first, space = _candidates(rule, terms)
        answers = set()
        for c in space:
            c = tuple(c) + (0,) * (2 - len(c))
            seq = _run(rule, first, c, target)
            if seq[:len(terms)] == terms:
                answers.add(seq[target - 1])
        assert answers == {FAM.solve(problem)}, (problem.prompt, answers)
        assert verify(FAM, problem, seed).ok


def test_shown_is_raised_to_the_rules_minimum():
    for rule, least in [("arithmetic", 3), ("quadratic", 4), ("interleaved", 4), ("fibonacci", 5)]:
        problem = FAM.generate({"rule": rule, "shown": 3}, random.Random(1))
        assert len(problem.data["terms"]) == least


def test_checker_rejects_specific_wrong_answers():
    fib = Problem("", {"rule": "fibonacci", "consts": {"a": 1, "b": 1, "p": 1, "q": 1},
                       "terms": [1, 1, 2, 3, 5], "target": 8}, "integer")
    assert FAM.solve(fib) == 21
    assert FAM.check(fib, 21).correct
    assert not FAM.check(fib, 8).correct  # the next term, not the 8th
    assert not FAM.check(fib, 13).correct
    assert not FAM.judge_text(fib, "21 or 13").correct
    alt = Problem("", {"rule": "alternating", "consts": {"a": 2, "d": 3, "r": 2},
                       "terms": [2, 5, 10, 13], "target": 6}, "integer")
    assert FAM.solve(alt) == 29 and FAM.check(alt, 29).correct
    assert not FAM.check(alt, 16).correct  # as if arithmetic from the last difference
    inter = Problem("", {"rule": "interleaved", "consts": {"a": 1, "d": 2, "b": 10, "e": -1},
                         "terms": [1, 10, 3, 9], "target": 7}, "integer")
    assert FAM.solve(inter) == 7 and FAM.check(inter, 7).correct and not FAM.check(inter, 8).correct


# ---- the answer from the prompt text alone ---------------------------------------------

_FORMS = {  # a phrase of the stated rule -> the rule family it names
    "equals the previous term plus a fixed integer": "arithmetic",
    "equals the previous reading plus a fixed integer": "arithmetic",
    "multiplied by a fixed integer": "geometric",
    "(the second differences are constant)": "quadratic",
    "form one arithmetic sequence and": "interleaved",
    "two fixed integers A and B are used in turn": "alternating",
    "times the previous": "fibonacci",
}
_SCAN = range(-60, 61)  # constants the shown terms leave open are tried over this range


def read_prompt(prompt: str) -> tuple[list[int], str, int]:
    head, rule_line, ask = prompt.split("\n")[:3]
    if head.startswith("The first"):
        m = re.fullmatch(r"The first (\d+) terms of a sequence of integers are: (.+)\.", head)
        terms = [int(x) for x in m[2].split(", ")]
        assert len(terms) == int(m[1])
    else:
        found = re.findall(r"(?:the (\d+)(?:st|nd|rd|th) term is|on day (\d+) it reads) (-?\d+)", head)
        assert [int(a or b) for a, b, _ in found] == list(range(1, len(found) + 1))
        terms = [int(v) for _, _, v in found]
    rules = {rule for phrase, rule in _FORMS.items() if phrase in rule_line}
    assert len(rules) == 1, rule_line
    m = re.fullmatch(r"What is the (\d+)(?:st|nd|rd|th) term of the sequence\?|"
                     r"What will the gauge read on day (\d+)\?", ask)
    return terms, rules.pop(), int(m[1] or m[2])


def _text_candidates(rule: str, t: list[int]) -> list[tuple]:
    """Every constant tuple the shown terms allow: forced by one equation where one forces it, else
    every value in ``_SCAN``."""
    if rule == "arithmetic":
        return [(t[1] - t[0],)]
    if rule == "geometric":
        return [(Fraction(t[1], t[0]),)] if t[0] else [(r,) for r in _SCAN]
    if rule == "quadratic":
        return [(t[1] - t[0], t[2] - 2 * t[1] + t[0])]
    if rule == "interleaved":
        return [(t[2] - t[0], t[3] - t[1])]
    if rule == "alternating":
        bs = [Fraction(t[i], t[i - 1]) for i in range(2, len(t), 2) if t[i - 1]][:1] or list(_SCAN)
        return [(t[1] - t[0], b) for b in bs]
    for i in range(len(t) - 2):  # two independent equations P*t[k+1] + Q*t[k] = t[k+2] fix P and Q
        for j in range(i + 1, len(t) - 2):
            det = t[i + 1] * t[j] - t[i] * t[j + 1]
            if det:
                p = Fraction(t[i + 2] * t[j] - t[i] * t[j + 2], det)
                q = Fraction(t[i + 1] * t[j + 2] - t[j + 1] * t[i + 2], det)
                return [(p, q)]
    return [(p, q) for p in _SCAN for q in _SCAN]


def answers_from_prompt(prompt: str) -> set[int]:
    terms, rule, target = read_prompt(prompt)
    out = set()
    for consts in _text_candidates(rule, terms):
        if any(Fraction(c).denominator != 1 for c in consts):
            continue  # the text says the constants are integers
        consts = tuple(int(c) for c in consts)
        first = terms[:2] if rule in ("interleaved", "fibonacci") else terms[:1]
        seq = _run(rule, first, consts, max(target, len(terms)))
        if seq[:len(terms)] == terms:
            out.add(seq[target - 1])
    return out


def test_answer_from_prompt_text_alone():
    for params, seed, problem in random_instances(FAM, 300, 41):
        assert answers_from_prompt(problem.prompt) == {FAM.solve(problem)}, (params, seed, problem.prompt)
