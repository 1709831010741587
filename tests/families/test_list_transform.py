"""list_transform: an independent re-implementation of the rules agrees with solve."""

from __future__ import annotations

import random
import re

from families import random_instances
from unseen import registry
from unseen.answers import parse, render
from unseen.verify import verify

FAM = registry.get("list_transform")


def _rule(name: str, k: int, xs: list[int]) -> list[int]:
    """A third reading of each rule, written from the prompt's wording."""
    indexed = list(enumerate(xs, start=1))
    if name == "drop_below":
        return list(filter(lambda x: not x < k, xs))
    if name == "add":
        return list(map(lambda x: x + k, xs))
    if name == "times":
        return list(map(lambda x: k * x, xs))
    if name == "keep_multiples":
        return list(filter(lambda x: divmod(x, k)[1] == 0, xs))
    if name == "digit_sum":
        return [sum(int(c) for c in f"{x}") for x in xs]
    if name == "mod":
        return [divmod(x, k)[1] for x in xs]
    if name == "add_even_pos":
        return [x + (k if i % 2 == 0 else 0) for i, x in indexed]
    if name == "times_odd_pos":
        return [x * (k if i % 2 == 1 else 1) for i, x in indexed]
    if name == "add_position":
        return [x + i for i, x in indexed]
    if name == "drop_every":
        return [x for i, x in indexed if i not in range(k, len(xs) + 1, k)]
    if name == "swap_pairs":
        out = []
        for j in range(0, len(xs), 2):
            out.extend(reversed(xs[j:j + 2]))
        return out
    if name == "reverse":
        return list(reversed(xs))
    if name == "sort_desc":
        return sorted(xs, key=lambda x: -x)
    if name == "sort_asc":
        return sorted(xs, key=lambda x: x)
    if name == "rotate":
        out = xs[:]
        for _ in range(k):
            out = out[1:] + out[:1]
        return out
    if name == "pair_sums":
        return [xs[j - 1] + xs[j] for j in range(1, len(xs))]
    if name == "dedupe":
        seen: set[int] = set()
        return [x for x in xs if not (x in seen or seen.add(x))]
    raise AssertionError(name)


def _small_params(rng: random.Random) -> dict:
    return {"length": rng.randint(2, 8), "steps": rng.randint(1, 4),
            "rule_set": rng.choice(["simple", "positional", "structural"]),
            "magnitude": rng.choice([9, 20, 50, 99]), "phrasing": rng.choice(["terse", "story"]),
            "list_format": rng.choice(["brackets", "spaces"])}


def test_independent_reimplementation_agrees_with_solve():
    rng = random.Random(7)
    for seed in range(300):
        problem = FAM.generate(_small_params(rng), random.Random(seed))
        xs = list(problem.data["start"])
        for name, k in problem.data["rules"]:
            xs = _rule(name, k, xs)
        assert FAM.solve(problem) == ([str(x) for x in xs] or ["none"]), problem.prompt
        assert verify(FAM, problem, seed).ok


def test_all_rules_and_levels_appear():
    seen = set()
    for seed in range(300):
        level = ["simple", "positional", "structural"][seed % 3]
        problem = FAM.generate({"rule_set": level, "steps": 4}, random.Random(seed))
        seen.update(name for name, _ in problem.data["rules"])
    assert len(seen) == 17


def test_checker_rejects_specific_wrong_answers():
    problem = FAM.generate({"length": 6, "steps": 3, "rule_set": "positional"}, random.Random(11))
    right = FAM.solve(problem)
    assert FAM.check(problem, parse("sequence", render("sequence", right))).correct
    assert FAM.check(problem, parse("sequence", " ".join(right))).correct  # spaces are fine too
    assert not FAM.check(problem, right[:-1] or ["none"]).correct
    assert not FAM.check(problem, right + ["1"]).correct
    assert not FAM.check(problem, ["x", "y"]).correct
    assert not FAM.judge_text(problem, f"{render('sequence', right)} or 1, 2").correct


def test_positions_count_from_one():
    from unseen.problem import Problem

    problem = Problem("", {"start": [10, 20, 30, 40, 50], "rules": [["add_even_pos", 1], ["drop_every", 2]]},
                      "sequence")
    assert FAM.solve(problem) == ["10", "30", "50"]
    assert FAM.check(problem, ["10", "30", "50"]).correct
    assert not FAM.check(problem, ["11", "31", "51"]).correct  # add applied to odd positions
    empty = Problem("", {"start": [1, 3], "rules": [["keep_multiples", 2]]}, "sequence")
    assert FAM.solve(empty) == ["none"] and FAM.check(empty, ["none"]).correct


# ---- the answer from the prompt text alone ---------------------------------------------

_READINGS = [  # (pattern over one rule's wording, terse or story, rule name); first match wins
    (r"(?:Remove|crosses out) every number (?:less|smaller) than (\d+)", "drop_below"),
    (r"(?:Add|adds) (\d+) to every number (?:standing )?in an even position", "add_even_pos"),
    (r"(?:Add|adds) (\d+) to every number", "add"),
    (r"(?:Multiply|multiplies) every number (?:standing )?in an odd position by (\d+)", "times_odd_pos"),
    (r"(?:Multiply|multiplies) every number by (\d+)", "times"),
    (r"(?:Keep only the numbers divisible by|crosses out every number that is not a multiple of) (\d+)",
     "keep_multiples"),
    (r"by the sum of its digits", "digit_sum"),
    (r"remainder (?:when|it leaves when) divided by (\d+)", "mod"),
    (r"(?:Add|adds) to every number (?:its own position|the position it stands in)", "add_position"),
    (r"(?:Remove|crosses out) the numbers in positions (\d+), (\d+), and so on", "drop_every"),
    (r"(?:S|s)waps? the numbers in positions 1 and 2, then 3 and 4", "swap_pairs"),
    (r"(?:Reverse the order of the list|rewrites the list in reverse order)", "reverse"),
    (r"(?:S|s)orts? the list from largest to smallest", "sort_desc"),
    (r"(?:S|s)orts? the list from smallest to largest", "sort_asc"),
    (r"(?:Rotate the list left by (\d+)|moves the first number to the end of the list, (\d+) times)", "rotate"),
    (r"by the sums of neighbouring numbers \(1st\+2nd, 2nd\+3rd", "pair_sums"),
    (r"(?:Remove repeated numbers, keeping only the first|crosses out every number that already appeared)",
     "dedupe"),
]


def _apply_text_rule(text: str, xs: list[int]) -> list[int]:
    """One rule as its wording says, positions counted from 1 in the list as it stands."""
    found = [(m, name) for pattern, name in _READINGS if (m := re.search(pattern, text))]
    assert found, f"no reading for rule {text!r}"
    m, name = found[0]
    nums = [int(g) for g in m.groups() if g is not None]
    k = nums[0] if nums else 0
    pos = range(1, len(xs) + 1)
    if name == "drop_every":
        assert nums[1] == 2 * k, text
    out = {
        "drop_below": lambda: [x for x in xs if x >= k],
        "add_even_pos": lambda: [x + k * (p % 2 == 0) for p, x in zip(pos, xs, strict=True)],
        "add": lambda: [x + k for x in xs],
        "times_odd_pos": lambda: [x * (k if p % 2 else 1) for p, x in zip(pos, xs, strict=True)],
        "times": lambda: [x * k for x in xs],
        "keep_multiples": lambda: [x for x in xs if x % k == 0],
        "digit_sum": lambda: [sum(int(d) for d in str(x)) for x in xs],
        "mod": lambda: [x % k for x in xs],
        "add_position": lambda: [x + p for p, x in zip(pos, xs, strict=True)],
        "drop_every": lambda: [x for p, x in zip(pos, xs, strict=True) if p % k],
        "swap_pairs": lambda: [xs[p ^ 1] if (p ^ 1) < len(xs) else xs[p] for p in range(len(xs))],
        "reverse": lambda: xs[::-1],
        "sort_desc": lambda: sorted(xs, reverse=True),
        "sort_asc": lambda: sorted(xs),
        "rotate": lambda: xs[k % len(xs):] + xs[:k % len(xs)] if xs else [],
        "pair_sums": lambda: [a + b for a, b in zip(xs, xs[1:], strict=False)],
        "dedupe": lambda: [x for i, x in enumerate(xs) if x not in xs[:i]],
    }[name]()
    return out


def answer_from_prompt(prompt: str) -> list[str]:
    m = re.search(r"(?:Start with the list|slip with the numbers) (\[[-\d, ]*\]|[-\d ]+?)"
                  r"(?:\. Apply| written on it)", prompt)
    xs = [int(v) for v in re.findall(r"-?\d+", m[1])]
    if prompt.startswith("Start with the list"):
        rules = re.findall(r"^\d+\. (.+)$", prompt, re.MULTILINE)
    else:
        story = prompt.split("each step on the list left by the step before. ", 1)[1].split("\n")[0]
        rules = re.findall(r"(?:First, she|Then she|Finally, she|She) (.+?)\.(?= |$)", story)
    assert rules, prompt
    for text in rules:
        xs = _apply_text_rule(text, xs)
    return [str(x) for x in xs] or ["none"]


def test_answer_from_prompt_text_alone():
    for params, seed, problem in random_instances(FAM, 300, 2024):
        assert answer_from_prompt(problem.prompt) == FAM.solve(problem), (params, seed, problem.prompt)
