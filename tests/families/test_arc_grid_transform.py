"""arc_grid_transform: the grids read back from the prompt text alone, searched over the stated
rule set by code written here, give exactly one test output: the reference."""

from __future__ import annotations

import json
import random
import re
from collections import deque

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("arc_grid_transform")


def read_grid(text: str) -> tuple[tuple[str, ...], ...]:
    text = text.strip()
    if text.startswith("[["):
        return tuple(tuple(row) for row in json.loads(text))
    rows = text.split(" / ") if " / " in text else text.split("\n")
    return tuple(tuple(row.split()) for row in rows)


def read_prompt(prompt: str):
    empty = re.search(r"'(\w+)' is an empty cell", prompt).group(1)
    blocks = dict(re.findall(r"^(Example \d+ (?:input|output)|Test input):\n(.*?)(?=\n\n|\nExample|\Z)", prompt,
                             re.M | re.S))
    n = len([k for k in blocks if k.endswith("input") and k.startswith("Example")])
    pairs = [(read_grid(blocks[f"Example {i} input"]), read_grid(blocks[f"Example {i} output"]))
             for i in range(1, n + 1)]
    return empty, pairs, read_grid(blocks["Test input"])


# ---- the stated rules, written again: grids are tuples of row tuples of symbols ----------------

def mirror(g, how):
    t = tuple(zip(*g, strict=True))
    return {"lr": tuple(r[::-1] for r in g), "ud": g[::-1], "main": t, "anti": tuple(r[::-1] for r in t[::-1])}[how]


def rotate(g, times):
    for _ in range(times):
        g = tuple(zip(*g[::-1], strict=True))
    return g


def shift(g, dr, dc):
    n, m = len(g), len(g[0])
    return tuple(tuple(g[(r - dr) % n][(c - dc) % m] for c in range(m)) for r in range(n))


def fall(g, way, empty):
    turns = {"down": 0, "right": 1, "up": 2, "left": 3}[way]
    g = rotate(g, turns)
    cols = [[v for v in col if v != empty] for col in zip(*g, strict=True)]
    g = tuple(zip(*[[empty] * (len(g) - len(c)) + c for c in cols], strict=True))
    return rotate(g, (4 - turns) % 4)


def fill(g, colour, empty):
    n, m = len(g), len(g[0])
    reach = {(r, c) for r in range(n) for c in range(m) if g[r][c] == empty and (r in (0, n - 1) or c in (0, m - 1))}
    queue = deque(reach)
    while queue:
        r, c = queue.popleft()
        for a, b in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= a < n and 0 <= b < m and g[a][b] == empty and (a, b) not in reach:
                reach.add((a, b))
                queue.append((a, b))
    return tuple(tuple(colour if v == empty and (r, c) not in reach else v for c, v in enumerate(row))
                 for r, row in enumerate(g))


def rules(empty, colours):
    out = [lambda g, h=h: mirror(g, h) for h in ("lr", "ud", "main", "anti")]
    out += [lambda g, k=k: rotate(g, k) for k in (1, 2, 3)]
    out.append(lambda g: tuple(tuple(v for v in row for _ in "ab") for row in g for _ in "ab"))
    out += [lambda g, a=a, b=b: shift(g, a, b) for a in range(-2, 3) for b in range(-2, 3) if (a, b) != (0, 0)]
    out += [lambda g, w=w: fall(g, w, empty) for w in ("down", "up", "left", "right")]
    out += [lambda g, c=c: fill(g, c, empty) for c in colours]
    return out


def outputs(empty, pairs, test, colours):
    found = set()
    singles = rules(empty, colours)
    for rule in [lambda g: g, *singles]:  # one rule (or none) then a one-to-one recolouring
        table = {empty: empty}
        if all(len(rule(a)) == len(b) and len(rule(a)[0]) == len(b[0]) and
               all(table.setdefault(x, y) == y for ra, rb in zip(rule(a), b, strict=True)
                   for x, y in zip(ra, rb, strict=True))
               for a, b in pairs) and len(set(table.values())) == len(table):
            got = rule(test)
            assert all(v in table for row in got for v in row), "a test colour the examples never map"
            found.add(tuple(tuple(table[v] for v in row) for row in got))
    for first in singles:
        for second in singles:
            if all(second(first(a)) == b for a, b in pairs):
                found.add(second(first(test)))
    return found


def test_the_prompt_alone_pins_down_the_reference_grid():
    for params, seed, problem in random_instances(FAM, 200, 31, lambda r: {"rows": r.randint(3, 7),
                                                                         "cols": r.randint(3, 7)}):
        empty, pairs, test = read_prompt(problem.prompt)
        assert len(pairs) == params["examples"]
        names = {"digits": "123456789", "letters": "ABCDEFGHI"}.get(params["symbols"])
        colours = list(names) if names else "red blue green yellow grey orange purple pink brown".split()
        found = outputs(empty, pairs, test, colours)
        assert len(found) == 1, (seed, params)
        got = render("grid", [list(row) for row in found.pop()])
        assert got == render("grid", FAM.solve(problem)), (seed, params)
        assert verify(FAM, problem, seed).ok


def test_two_step_rules_are_not_explained_by_one_rule_and_examples_change():
    for seed in range(40):
        kind = FAM.variable("transform").domain[seed % 7]
        problem = FAM.generate({"transform": kind, "depth": 2}, random.Random(seed))
        steps = problem.data["steps"]
        assert len(steps) == 2 and steps[0][0] != steps[1][0] and kind in (steps[0][0], steps[1][0])
        empty, pairs, test = read_prompt(problem.prompt)
        assert all(a != b for a, b in pairs)
        one = [r for r in rules(empty, list("123456789")) if all(r(a) == b for a, b in pairs)]
        assert not one, seed


def test_surface_leaves_the_instance_unchanged():
    for seed in range(10):
        datas = set()
        for symbols in ("digits", "letters", "words"):
            for layout in ("lines", "slashes", "json"):
                d = FAM.generate({"symbols": symbols, "layout": layout, "depth": 2}, random.Random(seed)).data
                datas.add(json.dumps([d["pairs"], d["test"], d["steps"]]))
        assert len(datas) == 1


def test_checker_rejects_near_misses_and_reads_any_case():
    for params, seed, problem in random_instances(FAM, 40, 3):
        right = render("grid", FAM.solve(problem))
        assert FAM.judge_text(problem, right.upper() if params["symbols"] != "letters" else right.lower())
        for miss in FAM.near_misses(problem, random.Random(seed)):
            assert not FAM.judge_text(problem, miss), (seed, miss)
