"""max_flow: augmenting paths over the network read back from the prompt text alone give the reference."""

from __future__ import annotations

import random
import re
from collections import deque

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("max_flow")


def read_network(prompt: str) -> dict[tuple[str, str], int]:
    """Capacity of every edge (from, to), from the text alone, for each of the three listings."""
    if "Each line `U -> V: c`" in prompt:
        found = [(a, b, c) for a, b, c in re.findall(r"^([A-Z]) -> ([A-Z]): (\d+)$", prompt, re.M)]
    elif re.search(r"^For S and each of the", prompt, re.M):
        found = [(head, b, c) for head, rest in re.findall(r"^([A-Z]): (.*)$", prompt, re.M)
                 for b, c in re.findall(r"([A-Z]) \((\d+)\)", rest)]
    else:
        found = re.findall(r"from ([A-Z]) to ([A-Z]) carries at most (\d+) ", prompt)
    caps = {(a, b): int(c) for a, b, c in found}
    assert len(caps) == len(found)  # one edge per ordered pair
    return caps


def edmonds_karp(caps: dict[tuple[str, str], int], s: str, t: str) -> int:
    residual: dict[str, dict[str, int]] = {}
    for (a, b), c in caps.items():
        residual.setdefault(a, {}).setdefault(b, 0)
        residual.setdefault(b, {}).setdefault(a, 0)
        residual[a][b] += c
    flow = 0
    while True:
        prev = {s: s}
        todo = deque([s])
        while todo and t not in prev:
            u = todo.popleft()
            for v, r in residual[u].items():
                if r > 0 and v not in prev:
                    prev[v] = u
                    todo.append(v)
        if t not in prev:
            return flow
        path, v = [], t
        while v != s:
            path.append((prev[v], v))
            v = prev[v]
        push = min(residual[a][b] for a, b in path)
        for a, b in path:
            residual[a][b] -= push
            residual[b][a] += push
        flow += push


def test_the_prompt_alone_gives_the_reference_answer():
    for params, seed, problem in random_instances(FAM, 300, 23):
        caps = read_network(problem.prompt)
        assert len(caps) == len(problem.data["edges"])
        inner = re.search(r"The \w+ are ([A-Z, ]+)\.\n", problem.prompt).group(1).split(", ")
        assert len(inner) == params["nodes"] - 2
        got = edmonds_karp(caps, "S", "T")
        assert str(got) == render("integer", FAM.solve(problem)), (seed, params)
        assert verify(FAM, problem, seed).ok


def test_every_junction_is_on_a_route_and_nothing_leaves_the_sink():
    for params, seed, problem in random_instances(FAM, 100, 5):
        caps = read_network(problem.prompt)
        nodes = {x for edge in caps for x in edge}
        assert not any(a == "T" or b == "S" for a, b in caps)
        for start, forward in (("S", True), ("T", False)):
            seen, todo = {start}, [start]
            while todo:
                u = todo.pop()
                for a, b in caps:
                    nxt = b if forward and a == u else a if not forward and b == u else None
                    if nxt and nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
            assert seen == nodes, (seed, params)


def test_surface_leaves_the_answer_unchanged_and_only_the_answer_passes():
    for seed in range(25):
        answers = set()
        for story in FAM.variable("story").domain:
            for rep in FAM.variable("representation").domain:
                problem = FAM.generate({"story": story, "representation": rep, "nodes": 8}, random.Random(seed))
                answers.add(FAM.solve(problem))
        assert len(answers) == 1
        right = answers.pop()
        assert [v for v in range(max(0, right - 5), right + 6) if FAM.check(problem, v)] == [right]
        misses = FAM.near_misses(problem, random.Random(seed))
        assert len(misses) >= 2 and not any(FAM.judge_text(problem, m) for m in misses)


def test_a_planted_bottleneck_at_the_source_usually_is_the_cut():
    """With small capacities out of S only, the flow is nearly always their sum (the cut at S)."""
    hits = 0
    for seed in range(50):
        problem = FAM.generate({"bottleneck": "source", "capacity": 60, "nodes": 7}, random.Random(seed))
        caps = read_network(problem.prompt)
        hits += FAM.solve(problem) == sum(c for (a, _), c in caps.items() if a == "S")
    assert hits >= 40
