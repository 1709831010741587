"""bipartite_matching: a bitmask search over the can-do pairs read from the prompt text alone gives
the reference optimum, and check passes exactly the largest assignments."""

from __future__ import annotations

import itertools
import random
import re
from functools import cache

from families import random_instances
from unseen import registry
from unseen.answers import parse
from unseen.verify import verify

FAM = registry.get("bipartite_matching")
_CAN = r"(?:can do|wants to join|is licensed to fly)"
_BY = r"(?:can be done by|is wanted by|can be flown by)"


def read_prompt(prompt: str) -> tuple[list[str], list[str], set[tuple[str, str]]]:
    """(people, jobs, can-do pairs) from the text alone, for each of the three listings."""
    people, jobs = re.search(r"^There are \d+ \w+s \(([^)]*)\) and \d+ \w+s \(([^)]*)\)\.", prompt).groups()
    people, jobs = people.split(", "), jobs.split(", ")
    pairs: set[tuple[str, str]] = set()
    for who, what in re.findall(rf"^(\w+) {_CAN}: (.*)\.$", prompt, re.M):
        pairs |= {(who, j) for j in what.split(", ") if what != "nothing"}
    for what, who in re.findall(rf"^\w+ (\w+) {_BY}: (.*)\.$", prompt, re.M):
        pairs |= {(w, what) for w in who.split(", ") if who != "nobody"}
    pairs |= set(re.findall(rf"^(\w+) {_CAN} (\w+)\.$", prompt, re.M))
    assert pairs and {a for a, _ in pairs} <= set(people) and {b for _, b in pairs} <= set(jobs)
    return people, jobs, pairs


def best_assignment(people: list[str], jobs: list[str], pairs: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """The largest set of pairs, no person or job twice, by search over (person index, jobs used)."""

    @cache
    def best(i: int, used: frozenset[str]) -> tuple[tuple[str, str], ...]:
        if i == len(people):
            return ()
        top = best(i + 1, used)
        for j in jobs:
            if (people[i], j) in pairs and j not in used:
                with_j = ((people[i], j), *best(i + 1, used | {j}))
                top = with_j if len(with_j) > len(top) else top
        return top

    return list(best(0, frozenset()))


def test_the_prompt_alone_gives_the_reference_answer():
    for params, seed, problem in random_instances(FAM, 300, 31):
        people, jobs, pairs = read_prompt(problem.prompt)
        assert (len(people), len(jobs)) == (params["workers"], params["jobs"])
        mine = best_assignment(people, jobs, pairs)
        reference = FAM.solve(problem)
        if problem.answer_type == "integer":
            assert reference == len(mine), (seed, params)
        else:
            chosen = [tuple(item.split("=")) for item in reference]
            assert len(chosen) == len(mine) and set(chosen) <= pairs, (seed, params)
            assert len({a for a, _ in chosen}) == len({b for _, b in chosen}) == len(chosen)
            assert FAM.check(problem, parse("set", ", ".join(f"{a}={b}" for a, b in mine)))
        assert verify(FAM, problem, seed).ok


def test_check_passes_exactly_the_largest_assignments():
    for seed in range(30):
        problem = FAM.generate({"workers": 4, "jobs": 4 + seed % 2, "shortfall": seed % 3}, random.Random(seed))
        people, jobs, pairs = read_prompt(problem.prompt)
        size = len(best_assignment(people, jobs, pairs))
        for k in range(1, len(pairs) + 1):
            for chosen in itertools.combinations(sorted(pairs), k):
                valid = len({a for a, _ in chosen}) == len({b for _, b in chosen}) == k
                verdict = FAM.check(problem, sorted(f"{a}={b}" for a, b in chosen))
                assert bool(verdict) == (valid and k == size), (seed, chosen)
        assert not FAM.check(problem, ["none"])


def test_the_optimum_falls_short_by_at_most_shortfall_and_the_trap_bites():
    bitten = 0
    for params, _seed, problem in random_instances(FAM, 120, 8, lambda r: {"trap": True, "ask": "count"}):
        people, jobs, pairs = read_prompt(problem.prompt)
        best = FAM.solve(problem)
        assert min(len(people), len(jobs)) - params["shortfall"] <= best <= min(len(people), len(jobs))
        used_a, used_b = set(), set()  # greedy over the pairs in the order a reader meets them
        for a, b in ordered_pairs(problem.prompt):
            if a not in used_a and b not in used_b:
                used_a.add(a)
                used_b.add(b)
        bitten += len(used_a) < best
    assert bitten >= 90


def ordered_pairs(prompt: str) -> list[tuple[str, str]]:
    """The can-do pairs in the order a reader meets them."""
    out = []
    for line in prompt.split("\n\n")[0].split("\n")[1:]:
        m = re.fullmatch(rf"(\w+) {_CAN}:? (.*)\.", line)
        if m:
            out += [(m.group(1), j) for j in m.group(2).split(", ") if m.group(2) != "nothing"]
        m = re.fullmatch(rf"\w+ (\w+) {_BY}: (.*)\.", line)
        if m:
            out += [(w, m.group(1)) for w in m.group(2).split(", ") if m.group(2) != "nobody"]
    return out


def test_surface_leaves_the_optimum_unchanged_and_near_misses_fail():
    for seed in range(25):
        found = set()
        for story in FAM.variable("story").domain:
            for rep in FAM.variable("representation").domain:
                for ask in ("count", "assignment"):
                    problem = FAM.generate({"story": story, "representation": rep, "ask": ask, "shortfall": 3},
                                           random.Random(seed))
                    right = FAM.solve(problem)
                    found.add(right if ask == "count" else len(right))
                    misses = FAM.near_misses(problem, random.Random(seed))
                    assert len(misses) >= 2 and not any(FAM.judge_text(problem, m) for m in misses)
        assert len(found) == 1
