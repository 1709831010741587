"""graph_coloring: a backtracking colourer over the graph read back from the prompt text finds a
colouring the checker accepts, the reference is a proper colouring of that graph, and a tight graph
has no colouring with one colour fewer."""

from __future__ import annotations

import random
import re

from families import random_instances
from unseen import registry
from unseen.answers import parse, render
from unseen.verify import verify

FAM = registry.get("graph_coloring")


def read_prompt(prompt: str):
    """(names, colours, edges as name pairs, fixed {name: colour}) from the text alone."""
    names = re.search(r"^There are \d+ \w+: (.*?)\. ", prompt).group(1).split(", ")
    listed = re.search(r"one of the \d+ \w+ (.*?); not every", prompt).group(1)
    colours = listed.replace(" and ", ", ").split(", ")
    edges = set()
    for a, b in re.findall(r"^(\w+) (?:borders|shares a student with|interferes with) (\w+)\.$", prompt, re.M):
        edges.add(frozenset((a, b)))
    if re.search(r"^Each \w+ with every \w+ it", prompt, re.M):
        for head, rest in re.findall(r"^(\w+): (.*)$", prompt, re.M):
            if head in names:
                edges |= {frozenset((head, b)) for b in rest.split(", ") if b != "none"}
    decided = re.search(r"^Already decided: (.*)\.$", prompt, re.M)
    fixed = dict(re.findall(r"(\w+) must be (\w+)", decided.group(1))) if decided else {}
    return names, colours, edges, fixed


def colourings(names, k, edges, fixed, limit=1):
    """Proper colourings with colours 0..k-1 (up to ``limit``), most-constrained vertex first."""
    near = {v: {u for e in edges if v in e for u in e if u != v} for v in names}
    found: list = []

    def rec(col: dict) -> None:
        if len(found) >= limit:
            return
        if len(col) == len(names):
            found.append(dict(col))
            return
        left = [v for v in names if v not in col]
        options = {v: [c for c in ([fixed[v]] if v in fixed else range(k)) if all(col.get(u) != c for u in near[v])]
                   for v in left}
        v = min(left, key=lambda x: (len(options[x]), -len(near[x])))
        for c in options[v]:
            rec({**col, v: c})

    rec({})
    return found


def test_the_prompt_alone_gives_a_colouring_and_the_reference_is_proper():
    tight = 0
    for params, seed, problem in random_instances(FAM, 220, 13):
        names, colours, edges, fixed = read_prompt(problem.prompt)
        k = len(colours)
        assert len(names) == params["vertices"] and k == min(params["colours"], params["vertices"])
        fixed_idx = {v: colours.index(c) for v, c in fixed.items()}
        mine = colourings(names, k, edges, fixed_idx)
        assert mine, (seed, params)
        written = render("set", [f"{v}={colours[c]}" for v, c in mine[0].items()])
        assert FAM.judge_text(problem, written), (seed, params)
        reference = dict(x.split("=") for x in FAM.solve(problem))
        assert sorted(reference) == sorted(names)
        assert all(reference[a] != reference[b] for a, b in map(tuple, edges)), (seed, params)
        assert all(reference[v] == c for v, c in fixed.items()) and set(reference.values()) <= set(colours)
        if params["tight"]:
            assert not colourings(names, k - 1, edges, {}), (seed, params)
            tight += 1
        assert verify(FAM, problem, seed).ok
    assert tight > 80


def test_clashes_wrong_colours_and_gaps_are_rejected():
    for seed in range(40):
        problem = FAM.generate({"story": ["map", "exams", "radio"][seed % 3], "fixed": 2}, random.Random(seed))
        names, colours, edges, fixed = read_prompt(problem.prompt)
        right = dict(x.split("=") for x in FAM.solve(problem))
        misses = FAM.near_misses(problem, random.Random(seed))
        assert len(misses) >= 3 and not any(FAM.judge_text(problem, m) for m in misses)
        a, b = sorted(next(iter(edges)))
        clash = {**right, a: right[b]}
        assert not FAM.check(problem, parse("set", ", ".join(f"{v}={c}" for v, c in clash.items())))
        v, c = next(iter(fixed.items()))
        others = [x for x in colours if x != c]
        moved = {**right, v: others[0]}  # a pre-set vertex repainted
        assert not FAM.check(problem, parse("set", ", ".join(f"{x}={y}" for x, y in moved.items())))
        assert FAM.judge_text(problem, ", ".join(f"{x.upper()} = {y.lower()}" for x, y in right.items()))


def test_without_tight_fewer_colours_sometimes_suffice_and_still_pass():
    """Any proper colouring passes, including one that uses fewer colours than offered."""
    fewer = 0
    for seed in range(40):
        problem = FAM.generate({"density": 20, "colours": 4, "fixed": 0}, random.Random(seed))
        names, colours, edges, _ = read_prompt(problem.prompt)
        three = colourings(names, 3, edges, {})
        if three:
            fewer += 1
            assert FAM.judge_text(problem, ", ".join(f"{v}={colours[c]}" for v, c in three[0].items()))
    assert fewer > 20


def test_the_surface_leaves_the_graph_unchanged():
    for seed in range(20):
        shapes = set()
        for story in ("map", "exams", "radio"):
            for listing in ("edges", "neighbours"):
                problem = FAM.generate({"story": story, "listing": listing}, random.Random(seed))
                names, _, edges, fixed = read_prompt(problem.prompt)
                index = {name: problem.data["names"].index(name) for name in names}
                shapes.add((tuple(sorted(tuple(sorted(index[v] for v in e)) for e in edges)),
                            tuple(sorted(index[v] for v in fixed))))
        assert len(shapes) == 1
