"""word_problem: reading the prompt's sentences back and solving them agrees with solve."""

from __future__ import annotations

import random
import re

from unseen import registry
from unseen.answers import render
from unseen.problem import Problem
from unseen.verify import verify

FAM = registry.get("word_problem")
_TIMES = {"twice": 2, "three times": 3, "four times": 4, "five times": 5}
_PART = {"half": 2, "a third": 3, "a quarter": 4, "a fifth": 5}
_PATTERNS = [
    (r"(\w+) has (\d+) ([a-z -]+)", lambda m: ("given", m[3], [], int(m[2]))),
    (r"(\w+) has (\d+) (more|fewer) ([a-z -]+) than (\w+)", lambda m: (m[3], m[4], [m[5]], int(m[2]))),
    (r"(\w+) has (twice|three times|four times|five times) as many ([a-z -]+) as (\w+)",
     lambda m: ("times", m[3], [m[4]], _TIMES[m[2]])),
    (r"(\w+) has (half|a third|a quarter|a fifth) as many ([a-z -]+) as (\w+)",
     lambda m: ("part", m[3], [m[4]], _PART[m[2]])),
    (r"(\w+) has as many ([a-z -]+) as (\w+) and (\w+) combined", lambda m: ("sum", m[2], [m[3], m[4]], 0)),
]


def read_prompt(prompt: str):
    """Parse the facts paragraph and the question: (facts by person, asked names, sentence count)."""
    _, facts_text, question = prompt.split("\n\n")
    q = re.match(r"How many ([a-z -]+) (?:do|does) (.+?) have(?: altogether)?\?", question)
    item, asked = q[1], re.split(r", | and ", q[2])
    facts = {}
    for sentence in facts_text.split(". "):
        sentence = sentence.rstrip(".")
        for pattern, build in _PATTERNS:
            m = re.fullmatch(pattern, sentence)
            if m:
                kind, noun, args, n = build(m)
                if noun == item or noun + "s" == item:
                    assert m[1] not in facts, "one fact per person about the asked item"
                    facts[m[1]] = (kind, args, n)
                break
        else:
            raise AssertionError(f"unparsed sentence {sentence!r}")
    return facts, asked, len(facts_text.split(". "))


def evaluate(facts, name, memo):
    if name not in memo:
        kind, args, n = facts[name]
        xs = [evaluate(facts, a, memo) for a in args]
        if kind == "part":
            assert xs[0] % n == 0
        memo[name] = {"given": lambda: n, "more": lambda: xs[0] + n, "fewer": lambda: xs[0] - n,
                      "times": lambda: xs[0] * n, "part": lambda: xs[0] // n, "sum": lambda: sum(xs)}[kind]()
        assert memo[name] >= 1
    return memo[name]


def level(facts, name):
    return 1 + max((level(facts, a) for a in facts[name][1]), default=0)


def ancestors(facts, names):
    seen, todo = set(), list(names)
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo.extend(facts[n][1])
    return seen


def small_params(rng: random.Random) -> dict:
    return {"depth": rng.randint(1, 4), "width": rng.randint(1, 3), "number_size": rng.randint(1, 2),
            "distractors": rng.randint(0, 3), "ops": rng.choice(["add", "add_sub", "add_sub_mul", "all"]),
            "names": rng.choice(["english", "spanish", "japanese", "swahili", "fantasy"]),
            "setting": rng.choice(["fruit_market", "library", "space_station", "farm", "toy_shop"]),
            "order": rng.choice(["dependency", "shuffled", "reversed"])}


def test_reading_the_prompt_agrees_with_solve():
    rng = random.Random(99)
    for seed in range(250):
        params = small_params(rng)
        problem = FAM.generate(params, random.Random(seed))
        facts, asked, sentences = read_prompt(problem.prompt)
        memo: dict[str, int] = {}
        assert sum(evaluate(facts, a, memo) for a in asked) == FAM.solve(problem), problem.prompt
        assert len(asked) == params["width"]
        assert max(level(facts, a) for a in asked) == params["depth"]
        other_item = sentences - len(facts)
        assert len(facts) - len(ancestors(facts, asked)) + other_item == params["distractors"]
        assert verify(FAM, problem, seed).ok


def test_surface_does_not_change_the_answer():
    for seed in range(40):
        base = {"depth": 4, "width": 3, "distractors": 3, "ops": "all"}
        answers = {FAM.solve(FAM.generate(dict(base, names=n, setting=s, order=o), random.Random(seed)))
                   for n, s, o in [("english", "fruit_market", "dependency"), ("fantasy", "farm", "shuffled"),
                                   ("swahili", "space_station", "reversed")]}
        assert len(answers) == 1


def test_hardest_settings_have_enough_names():
    for seed in range(200):
        p = FAM.generate({"depth": 8, "width": 5, "distractors": 6, "ops": "all"}, random.Random(seed))
        assert verify(FAM, p, seed).ok


def test_checker_rejects_neighbours_and_distractors():
    facts = [{"who": "Ava", "kind": "given", "n": 5, "of": [], "item": "apples"},
             {"who": "Ben", "kind": "times", "n": 3, "of": ["Ava"], "item": "apples"},
             {"who": "Cal", "kind": "fewer", "n": 4, "of": ["Ben"], "item": "apples"},
             {"who": "Ava", "kind": "given", "n": 7, "of": [], "item": "pears"},
             {"who": "Dee", "kind": "more", "n": 2, "of": ["Ava"], "item": "apples"}]
    p = Problem("p", {"item": "apples", "facts": facts, "ask": ["Cal", "Ava"]}, "integer")
    assert FAM.solve(p) == 16 and FAM.check(p, 16).correct
    for bad in (15, 17, 20, 23, 7, 11, 0, -16):
        assert not FAM.check(p, bad).correct
    misses = FAM.near_misses(p, random.Random(0))
    assert 2 <= len(misses) <= 5 and all(not FAM.judge_text(p, m).correct for m in misses)


def _singular(noun: str) -> str:
    """The item a noun names, singular or plural (potatoes -> potato, yo-yos -> yo-yo)."""
    return noun[:-2] if noun.endswith("oes") else noun[:-1] if noun.endswith("s") else noun


def every_fact(prompt: str) -> dict[tuple[str, str], list[tuple[str, list[str], int]]]:
    """Every sentence of the facts paragraph, by (person, item): what a reader is told about each pair."""
    facts_text = prompt.split("\n\n")[1]
    told: dict[tuple[str, str], list] = {}
    for sentence in re.split(r"(?<=\.) ", facts_text):
        for pattern, build in _PATTERNS:
            m = re.fullmatch(pattern, sentence.rstrip("."))
            if m:
                kind, noun, args, n = build(m)
                told.setdefault((m[1], _singular(noun)), []).append((kind, args, n))
                break
        else:
            raise AssertionError(f"unparsed sentence {sentence!r}")
    return told


def test_the_prompt_alone_gives_the_reference_answer():
    """Read every fact from the text, refuse a pair told twice, and add up the asked counts."""
    rng = random.Random(5)
    domains = {name: var.domain for name, var in FAM.variables.items()}
    for seed in range(300):
        params = {name: rng.choice(list(dom)) for name, dom in domains.items()}
        params.update(depth=rng.randint(1, 5), width=rng.randint(1, 4), number_size=rng.randint(1, 3))
        problem = FAM.generate(params, random.Random(seed))
        told = every_fact(problem.prompt)
        assert all(len(v) == 1 for v in told.values()), [k for k, v in told.items() if len(v) > 1]
        q = re.search(r"How many ([a-z -]+) (?:do|does) (.+?) have(?: altogether)?\?", problem.prompt)
        item, asked = _singular(q[1]), re.split(r", | and ", q[2])
        facts = {who: v[0] for (who, noun), v in told.items() if noun == item}
        memo: dict[str, int] = {}
        got = sum(evaluate(facts, a, memo) for a in asked)
        assert render(problem.answer_type, got) == render(problem.answer_type, FAM.solve(problem)), (seed, params)


def test_distractors_never_tell_one_person_two_counts_of_one_item():
    """Regression: `Sam has 1 pear. Sam has 6 pears.` in up to half of depth=1,width=1,distractors=6 prompts."""
    for params in ({"depth": 1, "width": 1, "distractors": 6}, {"depth": 2, "width": 1, "distractors": 6},
                   {"depth": 3, "width": 2, "distractors": 4}):
        for seed in range(300):
            problem = FAM.generate(params, random.Random(seed))
            twice = {k: v for k, v in every_fact(problem.prompt).items() if len(v) > 1}
            assert not twice, (params, seed, twice)
            assert verify(FAM, problem, seed).ok
