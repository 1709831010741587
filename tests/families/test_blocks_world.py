"""blocks_world: plain BFS confirms the reference plan is optimal; the checker accepts exactly the
valid plans within the limit."""

from __future__ import annotations

import random
import re
from collections import deque

from families import random_instances
from unseen import registry
from unseen.answers import parse
from unseen.problem import Problem
from unseen.verify import verify

FAM = registry.get("blocks_world")


def stacks_of(on):
    """Canonical state: a sorted tuple of stacks (bottom to top)."""
    above = {b: x for x, b in enumerate(on) if b >= 0}
    out = []
    for bottom in (x for x, b in enumerate(on) if b < 0):
        st, x = [bottom], bottom
        while x in above:
            x = above[x]
            st.append(x)
        out.append(tuple(st))
    return tuple(sorted(out))


def successors(state):
    for i, st in enumerate(state):
        top, rest = st[-1], [s for j, s in enumerate(state) if j != i]
        left = [st[:-1]] if len(st) > 1 else []
        if len(st) > 1:
            yield (top, -1), tuple(sorted(rest + left + [(top,)]))
        for j, other in enumerate(rest):
            new = rest[:j] + [other + (top,)] + rest[j + 1:]
            yield (top, other[-1]), tuple(sorted(new + left))


def satisfied(state, goal):
    under = {}
    for st in state:
        for k, x in enumerate(st):
            under[x] = st[k - 1] if k else -1
    return all(under[x] == y for x, y in goal)


def bfs_optimum(on, goal):
    start = stacks_of(on)
    seen, queue = {start: 0}, deque([start])
    while queue:
        s = queue.popleft()
        if satisfied(s, goal):
            return seen[s]
        for _, t in successors(s):
            if t not in seen:
                seen[t] = seen[s] + 1
                queue.append(t)
    raise AssertionError("unreachable")


def simulate(on, plan):
    """Apply [block, dest] moves by the rules; None if a move is illegal."""
    on = list(on)
    for x, y in plan:
        if x in on or (y >= 0 and (y == x or y in on)):
            return None
        on[x] = y
    return on


def parse_plan(names, steps):
    idx = {n: i for i, n in enumerate(names)}
    out = []
    for s in steps:
        _, x, _, y = s.split()
        out.append([idx[x], -1 if y in ("table", "floor", "desk") else idx[y]])
    return out


def test_reference_plan_is_optimal_by_bfs():
    rng = random.Random(3)
    for seed in range(220):
        params = {"blocks": rng.randint(2, 5), "stacks": rng.randint(1, 5), "goal_towers": rng.randint(1, 5),
                  "goal_scope": rng.choice(["one_fact", "towers", "full"]), "slack": rng.randint(0, 3),
                  "names": rng.choice(["letters", "colours", "labels"]),
                  "skin": rng.choice(["blocks", "crates", "books"])}
        problem = FAM.generate(params, random.Random(seed))
        d = problem.data
        opt = bfs_optimum(d["on"], d["goal"])
        plan = parse_plan(d["names"], FAM.solve(problem))
        assert len(plan) == opt >= 1
        assert d["limit"] == opt + params["slack"]
        final = simulate(d["on"], plan)
        assert final is not None and all(final[x] == y for x, y in d["goal"])
        assert verify(FAM, problem, seed).ok


def every_plan(problem, state, plan, out):
    """Check every legal plan up to the limit; count those the checker accepts."""
    d, names = problem.data, problem.data["names"]
    if plan:
        text = ", ".join(f"move {names[x]} to {'table' if y < 0 else names[y]}" for x, y in plan)
        want = satisfied(state, d["goal"])
        assert FAM.check(problem, parse("sequence", text)).correct == want, text
        out.append(want)
    if len(plan) < d["limit"]:
        for move, nxt in successors(state):
            every_plan(problem, nxt, plan + [list(move)], out)


def test_checker_accepts_exactly_the_valid_plans_within_the_limit():
    for seed in range(8):
        problem = FAM.generate({"blocks": 3, "slack": 1, "goal_scope": "full"}, random.Random(seed))
        verdicts = []
        every_plan(problem, stacks_of(problem.data["on"]), [], verdicts)
        assert sum(verdicts) >= 2  # the optimal plans and the longer ones the slack allows


def hand_problem():
    # A on B on table, C on table; goal: full, C on A on B.
    return Problem("", {"names": ["A", "B", "C"], "on": [1, -1, -1], "goal": [[0, 1], [1, -1], [2, 0]],
                        "limit": 2, "ground": "table"}, "sequence")


def test_checker_rules():
    p = hand_problem()
    ok = FAM.check
    assert ok(p, parse("sequence", "move C to A"))  # one step: split on spaces, rejoined
    assert ok(p, parse("sequence", "move C onto the A"))
    assert ok(p, parse("sequence", "move C to table, move C to A"))  # a wasted move within the limit
    assert not ok(p, parse("sequence", "move B to table, move C to A"))  # B is covered
    assert not ok(p, parse("sequence", "move C to C"))
    assert not ok(p, parse("sequence", "move A to C, move A to B"))  # goal unmet
    assert not ok(p, parse("sequence", "move C to table, move C to B, move C to A"))  # over the limit
    assert not ok(p, parse("sequence", "move D to A"))
    assert not ok(p, parse("sequence", "put C on A"))
    assert not FAM.judge_text(p, "move C to A or move C to table").correct


# ---- the answer from the prompt text alone ---------------------------------------------

def _read_stacks(block: str, index: dict[str, int]) -> list[list[int]]:
    return [[index[x] for x in line[2:].split(", ")] for line in block.strip().split("\n")]


def _read_facts(text: str, index: dict[str, int], ground: str) -> list[tuple[int, int]]:
    facts = []
    for fact in text.split("; "):
        x, y = fact.split(" is on ")
        facts.append((index[x], -1 if y == f"the {ground}" else index[y]))
    return facts


def read_prompt(prompt: str):
    """Names, ground word, start (block -> what it stands on), goal facts, move limit."""
    m = re.match(r"(?:There are (\d+) blocks on a table, named|A crane in a warehouse moves (\d+) crates, "
                 r"labelled|(\d+) books, titled) (.+?)(?:\. They|\. Right now|, that stand|, lie in)", prompt)
    names = m[4].split(", ")
    assert len(names) == int(m[1] or m[2] or m[3])
    index = {x: i for i, x in enumerate(names)}
    thing, ground = re.search(r"Rules: move one (\w+) at a time\..*?it goes either onto the (\w+) or "
                              r"onto another \1", prompt).groups()
    on = [None] * len(names)
    now = re.search(r"each listed from bottom to top:\n((?:- .+\n)+)\nRules", prompt)
    if now:
        for stack in _read_stacks(now[1], index):
            for k, x in enumerate(stack):
                on[x] = stack[k - 1] if k else -1
    else:
        for x, y in _read_facts(re.search(r"Right now: (.+?)\.\n", prompt)[1], index, ground):
            on[x] = y
    assert None not in on, "the start leaves a block unplaced"
    goal_stacks = re.search(r"Goal: end with exactly these \w+, each listed from bottom to top:\n((?:- .+\n)+)",
                            prompt)
    if goal_stacks:
        goal = [(x, stack[k - 1] if k else -1)
                for stack in _read_stacks(goal_stacks[1], index) for k, x in enumerate(stack)]
        assert sorted(x for x, _ in goal) == list(range(len(names)))
    else:
        m = re.search(r"Goal: at the end, (.+?)\.( Nothing else matters; other \w+ may be anywhere\.)?\n", prompt)
        goal = _read_facts(m[1], index, ground)
        assert m[2] or sorted(x for x, _ in goal) == list(range(len(names))), "a partial goal must say so"
    limit = int(re.search(r"reaches the goal in at most (\d+) moves", prompt)[1])
    return names, ground, on, goal, limit


def test_answer_from_prompt_text_alone():
    """The reference plan obeys the rules read from the prompt, reaches the goal read from it, keeps
    within its limit, and (up to 6 blocks) is as short as a plain BFS over the text's arrangements."""
    for params, seed, problem in random_instances(FAM, 300, 12):
        names, ground, on, goal, limit = read_prompt(problem.prompt)
        reference = FAM.solve(problem)
        assert len(reference) <= limit, (params, seed)
        under = list(on)
        for step in reference:
            m = re.fullmatch(r"move (\S+) to (\S+)", step)
            assert m, (params, seed, f"{step!r} is not a move")
            x, y = names.index(m[1]), -1 if m[2] == ground else names.index(m[2])
            assert x not in under, (params, seed, f"{step}: something is on {m[1]}")
            assert y == -1 or (y != x and y not in under), (params, seed, f"{step}: {m[2]} is not free")
            under[x] = y
        assert all(under[x] == y for x, y in goal), (params, seed, problem.prompt)
        if len(names) <= 6:
            assert bfs_optimum(on, goal) == len(reference), (params, seed)
