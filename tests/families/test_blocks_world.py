"""blocks_world: plain BFS confirms the reference plan is optimal; the checker accepts exactly the
valid plans within the limit."""

from __future__ import annotations

import random
from collections import deque

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
