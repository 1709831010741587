"""entailment: sympy's satisfiability search, on the statements parsed back from the prompt's
words, decides whether the conclusion follows exactly as the label does."""

from __future__ import annotations

import random
import re

import sympy
from sympy.logic.boolalg import And, Equivalent, Implies, Not, Or, Xor
from sympy.logic.inference import satisfiable

from families import random_instances
from unseen import registry
from unseen.verify import verify

FAM = registry.get("entailment")

_NEGATIVE = {  # each sentence's own negation, as a reader knows it
    "it does not rain": "it rains", "it is not windy": "it is windy", "the sun does not shine": "the sun shines",
    "it is not cold": "it is cold", "the sky is not cloudy": "the sky is cloudy", "it does not snow": "it snows",
    "there is no fog": "there is fog", "the roads are not icy": "the roads are icy",
    "the river does not flood": "the river floods", "there is no thunder": "there is thunder",
    "the printer does not work": "the printer works", "the manager is not in": "the manager is in",
    "the meeting does not start": "the meeting starts", "the report is not finished": "the report is finished",
    "the server is not down": "the server is down", "the coffee machine is not on": "the coffee machine is on",
    "the lights are off": "the lights are on", "the door is not locked": "the door is locked",
    "the phone does not ring": "the phone rings", "the mail does not arrive": "the mail arrives",
    **{f"{c} is false": f"{c} is true" for c in "PQRSTUVWJK"},
}
_POSITIVE = set(_NEGATIVE.values())


def literal(text: str, seen: dict):
    if text.startswith("it is not the case that "):
        return Not(literal(text.removeprefix("it is not the case that "), seen))
    if text in _NEGATIVE:
        return Not(literal(_NEGATIVE[text], seen))
    assert text in _POSITIVE, text
    return seen.setdefault(text, sympy.Symbol(f"s{len(seen)}"))


def part(text: str, seen: dict):
    """A literal, or two literals joined by 'and' / 'or' (inside an if-then)."""
    for word, op in ((" and ", And), (" or ", Or)):
        if word in text:
            a, b = text.split(word)
            return op(literal(a, seen), literal(b, seen))
    return literal(text, seen)


def statement(text: str, seen: dict):
    t = text.rstrip(".")
    if not re.match(r"[A-Z] is ", t):  # a sentence's capital, not a letter's name
        t = t[0].lower() + t[1:]
    if m := re.fullmatch(r"if (.+), then (.+)", t):
        return Implies(part(m.group(1), seen), part(m.group(2), seen))
    if m := re.fullmatch(r"either (.+) or (.+), but not both", t):
        return Xor(literal(m.group(1), seen), literal(m.group(2), seen))
    if m := re.fullmatch(r"it is not true that both (.+) and (.+)", t):
        return Not(And(literal(m.group(1), seen), literal(m.group(2), seen)))
    if m := re.fullmatch(r"(.+) unless (.+)", t):
        return Implies(Not(literal(m.group(2), seen)), literal(m.group(1), seen))
    if m := re.fullmatch(r"(.+) if and only if (.+)", t):
        return Equivalent(literal(m.group(1), seen), literal(m.group(2), seen))
    return part(t, seen)


def read(prompt: str):
    seen: dict = {}
    premises = [statement(s, seen) for s in re.findall(r"^\d+\. (.*)$", prompt, re.M)]
    conclusion = statement(re.search(r"^Conclusion: (.*)$", prompt, re.M).group(1), seen)
    return premises, conclusion


def follows(premises, conclusion) -> bool:
    return satisfiable(And(*premises, Not(conclusion))) is False


def test_sympy_on_the_words_agrees_with_the_label():
    seen = set()
    for params, seed, problem in random_instances(FAM, 240, 17):
        premises, conclusion = read(problem.prompt)
        assert satisfiable(And(*premises)) is not False, (seed, params)  # never true by explosion
        assert follows(premises, conclusion) == FAM.solve(problem), (seed, params)
        result = verify(FAM, problem, seed)
        assert result.ok, (seed, params, result.reason)
        for miss in result.near_misses:
            assert not FAM.judge_text(problem, miss)
        seen.add((params["vocabulary"], params["negation"], params["conclusion"]))
    assert len(seen) == 18


def test_answers_are_balanced_at_the_base_setting():
    true = sum(FAM.solve(FAM.generate({}, random.Random(s))) for s in range(300))
    assert 120 <= true <= 180, true


def test_statements_about_other_sentences_never_change_the_answer():
    """Drop every premise whose sentences are linked to the conclusion's by no chain of premises."""
    for params, seed, problem in random_instances(FAM, 120, 5, lambda r: {"distractors": r.randint(1, 5)}):
        premises, conclusion = read(problem.prompt)
        linked = set(conclusion.free_symbols)
        grew = True
        while grew:
            grew = False
            for f in premises:
                if f.free_symbols & linked and not f.free_symbols <= linked:
                    linked |= f.free_symbols
                    grew = True
        kept = [f for f in premises if f.free_symbols & linked]
        assert len(kept) <= len(premises) - params["distractors"] or not params["distractors"]
        assert follows(kept, conclusion) == follows(premises, conclusion), (seed, params)


def test_fallacy_asks_the_converse_or_inverse_of_a_conditional():
    shaped = asked = 0
    for seed in range(150):
        problem = FAM.generate({"fallacy": True, "conclusion": "conditional", "connectives": "basic"},
                               random.Random(seed))
        if FAM.solve(problem):
            continue
        asked += 1
        premises, conclusion = read(problem.prompt)
        a, b = conclusion.args
        conditionals = [f for f in premises if isinstance(f, Implies)]
        conditionals += [Implies(x, y) for x in (a, Not(a)) for y in (b, Not(b))
                         if follows(premises, Implies(x, y)) and Implies(x, y) != conclusion]
        shaped += any(conclusion in (Implies(f.args[1], f.args[0]), Implies(Not(f.args[0]), Not(f.args[1])))
                      for f in conditionals)
    assert asked > 50 and shaped > asked / 2, (shaped, asked)


def test_the_telling_leaves_the_answer_alone():
    for seed in range(30):
        answers = {FAM.solve(FAM.generate({"vocabulary": v, "order": o, "negation": n, "distractors": 2},
                                          random.Random(seed)))
                   for v in ("weather", "office", "letters") for o in ("shuffled", "alphabetical")
                   for n in ("short", "long")}
        assert len(answers) == 1, seed


def test_every_corner_generates_quickly():
    """Two sentences allow no six distinct consistent premises with both a valid and an open
    conclusion (regression: generation never ended); a nearer number of premises is used."""
    import itertools
    import time

    for atoms, premises, conclusion, connectives in itertools.product(
            (2, 8), (1, 6), ("sentence", "conditional", "disjunction"), ("basic", "with_or", "full")):
        start = time.perf_counter()
        problem = FAM.generate({"atoms": atoms, "premises": premises, "conclusion": conclusion,
                                "connectives": connectives}, random.Random(1))
        assert time.perf_counter() - start < 1.0, (atoms, premises, conclusion, connectives)
        assert verify(FAM, problem, 1).ok
