"""topological_order: the prerequisites read back from the prompt text alone give the reference."""

from __future__ import annotations

import itertools
import random
import re

from families import random_instances
from unseen import registry
from unseen.answers import parse, render
from unseen.verify import verify

FAM = registry.get("topological_order")


def read_prompt(prompt: str) -> tuple[list[str], set[tuple[str, str]], bool]:
    """(task names, prerequisite pairs (before, after), alphabetical?) from the text alone."""
    names = re.search(r"one at a time: ([A-Za-z, ]+)\. Some", prompt).group(1).split(", ")
    pairs: set[tuple[str, str]] = set()
    if "\nPrerequisites of each " in prompt:
        for task, pre in re.findall(r"^([A-Z][a-z]+): (.+)$", prompt, re.M):
            if pre != "none":
                pairs |= {(p, task) for p in pre.split(", ")}
    elif "Each line `P -> Q`" in prompt:
        pairs = set(re.findall(r"^([A-Z][a-z]+) -> ([A-Z][a-z]+)$", prompt, re.M))
    else:
        pairs = set(re.findall(r"([A-Z][a-z]+) must be \w+ before ([A-Z][a-z]+)\.", prompt))
        pairs |= {(b, a) for a, b in re.findall(r"([A-Z][a-z]+) can only be \w+ after ([A-Z][a-z]+)\.", prompt)}
    assert pairs and {x for pair in pairs for x in pair} <= set(names)
    return names, pairs, "comes first alphabetically" in prompt


def first_alphabetical(names: list[str], pairs: set[tuple[str, str]]) -> list[str]:
    """Repeatedly take the alphabetically first task none of whose prerequisites is left."""
    left, out = set(names), []
    while left:
        free = sorted(t for t in left if not any(a in left for a, b in pairs if b == t))
        out.append(free[0])
        left.remove(free[0])
    return out


def respects(order: list[str], pairs: set[tuple[str, str]]) -> bool:
    at = {t: k for k, t in enumerate(order)}
    return all(at[a] < at[b] for a, b in pairs)


def test_the_prompt_alone_gives_the_reference_answer():
    asks = set()
    for params, seed, problem in random_instances(FAM, 300, 11):
        names, pairs, alphabetical = read_prompt(problem.prompt)
        assert len(names) == params["tasks"] == len(set(names))
        reference = FAM.solve(problem)
        mine = first_alphabetical(names, pairs)
        if alphabetical:
            assert render("sequence", mine) == render("sequence", reference), (seed, params)
        else:  # any valid order passes: mine must pass, and the reference must respect every pair read
            assert sorted(reference) == sorted(names) and respects(reference, pairs), (seed, params)
            assert FAM.check(problem, parse("sequence", ", ".join(mine))), (seed, params)
        assert verify(FAM, problem, seed).ok
        asks.add(alphabetical)
    assert asks == {True, False}


def test_check_accepts_exactly_the_valid_orders():
    """Brute force over every permutation of small instances: 'any' passes exactly the orders that
    respect the prerequisites read from the prompt, 'alphabetical' exactly one of them."""
    for seed in range(40):
        for ask in ("any", "alphabetical"):
            problem = FAM.generate({"tasks": 5 + seed % 2, "ask": ask, "density": "dense"}, random.Random(seed))
            names, pairs, _ = read_prompt(problem.prompt)
            passed = [p for p in itertools.permutations(names) if FAM.check(problem, list(p))]
            valid = [p for p in itertools.permutations(names) if respects(list(p), pairs)]
            if ask == "any":
                assert passed == valid and valid
            else:
                assert passed == [tuple(first_alphabetical(names, pairs))]


def test_the_longest_chain_has_exactly_depth_tasks():
    for seed in range(60):
        depth = 2 + seed % 8
        problem = FAM.generate({"tasks": 12, "depth": depth, "representation": "pairs"}, random.Random(seed))
        names, pairs, _ = read_prompt(problem.prompt)
        longest = {}
        for t in first_alphabetical(names, pairs):  # a valid order: prerequisites come first
            longest[t] = 1 + max((longest[a] for a, b in pairs if b == t), default=0)
        assert max(longest.values()) == depth


def test_surface_leaves_the_instance_unchanged_and_near_misses_fail():
    for seed in range(30):
        answers = set()
        for story in FAM.variable("story").domain:
            for rep in FAM.variable("representation").domain:
                problem = FAM.generate({"story": story, "representation": rep, "ask": "alphabetical"},
                                       random.Random(seed))
                ranks = sorted(problem.data["names"])
                answers.add((str(problem.data["edges"]), str([ranks.index(t) for t in FAM.solve(problem)])))
                misses = FAM.near_misses(problem, random.Random(seed))
                assert len(misses) >= 2 and not any(FAM.judge_text(problem, m) for m in misses)
        assert len(answers) == 1  # the same tasks by alphabetical rank: only the names differ
