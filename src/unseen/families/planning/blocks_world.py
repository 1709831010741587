"""blocks_world: rearrange stacks of blocks with a plan no longer than a stated limit.

The reference planner is A* over arrangements (``on[x]`` = the block under x, -1 for
the table). Two facts keep it exact and fast: the heuristic counts blocks that must
move at least once (changes by at most 1 per move, so it is consistent), and a move of
x onto a block y is only ever tried when "x on y" is a goal fact, because putting x on
the table instead is never worse. The checker simulates any candidate plan by the rules.
"""

from __future__ import annotations

import heapq
import re
from random import Random

from unseen.author import (
    RIGHT,
    AnswerFormatError,
    AnswerType,
    Choice,
    IntRange,
    Params,
    Problem,
    Verdict,
    distinct,
    family,
    hedge,
    wrong,
)

_NAMES = {
    "letters": ["A", "B", "C", "D", "E", "F", "G", "H"],
    "colours": ["red", "blue", "green", "yellow", "orange", "purple", "white", "black"],
    "labels": ["P4", "K7", "M2", "T9", "R5", "L3", "V8", "D6"],
}
# skin -> (opening, thing, pile, ground)
_SKINS = {
    "blocks": ("There are {k} blocks on a table, named {names}.", "block", "stack", "table"),
    "crates": ("A crane in a warehouse moves {k} crates, labelled {names}, that stand in piles on the floor.",
               "crate", "pile", "floor"),
    "books": ("{k} books, titled {names}, lie in piles on a desk.", "book", "pile", "desk"),
}
_STEP = re.compile(r"move\s+(\S+)\s+(?:to|onto)\s+(?:the\s+)?(\S+)", re.IGNORECASE)


def draw_stacks(rng: Random, n: int, k: int) -> list[list[int]]:
    """The blocks 0..n-1 split into k non-empty stacks, each listed bottom to top."""
    blocks = list(range(n))
    rng.shuffle(blocks)
    cuts = [0, *sorted(rng.sample(range(1, n), k - 1)), n]
    return [blocks[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


def to_on(stacks: list[list[int]], n: int) -> list[int]:
    on = [-1] * n
    for st in stacks:
        for lower, upper in zip(st, st[1:], strict=False):
            on[upper] = lower
    return on


def must_move(on: tuple[int, ...], goal: dict[int, int]) -> int:
    """Blocks that must move at least once: a lower bound on the plan length."""
    n = len(on)
    above = [-1] * n
    for x in range(n):
        if on[x] >= 0:
            above[on[x]] = x
    must = [False] * n
    for x, g in goal.items():
        if on[x] != g:
            must[x] = True
            if g >= 0 and above[g] >= 0:  # the block now sitting on x's target must leave
                must[above[g]] = True
    count = 0
    for bottom in (b for b in range(n) if on[b] == -1):
        flag, x = False, bottom
        while x >= 0:  # everything above a block that moves has to move first
            flag = flag or must[x]
            count += flag
            x = above[x]
    return count


def plan(on0: list[int], goal: dict[int, int]) -> list[list[int]]:
    """An optimal plan as [block, destination] moves (destination -1 is the table)."""
    start = tuple(on0)
    best, parent = {start: 0}, {start: None}
    heap = [(must_move(start, goal), 0, 0, start)]
    tick = 0
    while heap:
        f, neg_g, _, s = heapq.heappop(heap)
        g = -neg_g
        if best[s] < g:
            continue
        if f == g:  # heuristic is zero: every goal fact holds
            path = []
            while parent[s] is not None:
                s, mv = parent[s]
                path.append(mv)
            return path[::-1]
        clear = [x for x in range(len(s)) if x not in s]
        for x in clear:
            for y in [-1, *clear]:
                if y == x or y == s[x] or (y >= 0 and goal.get(x) != y):
                    continue
                t = s[:x] + (y,) + s[x + 1:]
                if best.get(t, g + 2) <= g + 1:
                    continue
                best[t], parent[t] = g + 1, (s, [x, y])
                tick += 1
                heapq.heappush(heap, (g + 1 + must_move(t, goal), -(g + 1), tick, t))
    raise RuntimeError("goal unreachable")


@family("blocks_world", version=2, domain="planning", answer=AnswerType.SEQUENCE,
        purpose="Plan block moves that turn one arrangement of stacks into a goal, within a move limit.")
class BlocksWorld:
    blocks = IntRange(2, 8, base=5, levels=(3, 4, 5, 6, 8), role="logic", help="number of blocks")
    stacks = IntRange(1, 8, base=2, levels=(1, 2, 3, 4), role="logic",
                      help="stacks at the start (capped at the block count)")
    goal_towers = IntRange(1, 8, base=2, levels=(1, 2, 3, 4), role="logic",
                           help="towers in the goal arrangement (capped at the block count)")
    goal_scope = Choice(("one_fact", "towers", "full"), base="full", ordered=True, role="logic",
                        help="a single on-fact, the towers' on-facts, or the full final arrangement")
    slack = IntRange(0, 6, base=2, levels=(6, 4, 2, 1, 0), simplest=6, role="logic",
                     help="moves allowed beyond the optimum; 0 demands an optimal plan")
    names = Choice(("letters", "colours", "labels"), base="letters", role="surface",
                   help="how the blocks are named")
    notation = Choice(("stacks", "facts"), base="stacks", role="surface",
                      help="arrangements listed as stacks or as 'X is on Y' facts")
    skin = Choice(tuple(_SKINS), base="blocks", role="surface",
                  help="blocks on a table, crates on a warehouse floor, or books on a desk")

    def generate(self, p: Params, rng: Random) -> Problem:
        n, ks = p.blocks, min(p.stacks, p.blocks)
        kg = min(p.goal_towers, n - 1 if p.goal_scope == "towers" else n)
        if p.goal_scope == "full" and ks == kg == n:
            kg = n - 1  # all-singletons start and goal would already agree
        for _ in range(200):
            start = draw_stacks(rng, n, ks)
            target = draw_stacks(rng, n, kg)
            on0, on_goal = to_on(start, n), to_on(target, n)
            if p.goal_scope == "one_fact":
                x, y = rng.choice([[a, b] for a in range(n) for b in range(n) if a != b and on0[a] != b])
                goal = {x: y}
            else:
                goal = {x: on_goal[x] for x in range(n) if p.goal_scope == "full" or on_goal[x] >= 0}
            if must_move(tuple(on0), goal):
                break
        moves = plan(on0, goal)
        names = _NAMES[p.names][:n]
        rng.shuffle(names)
        limit = len(moves) + p.slack
        prompt = self._prompt(p, names, start, target, on0, goal, limit)
        data = {"names": names, "on": on0, "goal": [[x, y] for x, y in sorted(goal.items())],
                "limit": limit, "ground": _SKINS[p.skin][3]}
        return Problem(prompt, data, AnswerType.SEQUENCE)

    def _prompt(self, p, names, start, target, on0, goal, limit) -> str:
        opening, thing, pile, ground = _SKINS[p.skin]
        fact = lambda x, y: f"{names[x]} is on {'the ' + ground if y < 0 else names[y]}"
        if p.notation == "stacks":
            now = "\n".join("- " + ", ".join(names[b] for b in st) for st in start)
            now = f"They stand in these {pile}s, each listed from bottom to top:\n{now}"
        else:
            now = "Right now: " + "; ".join(fact(x, on0[x]) for x in range(len(names))) + "."
        if p.goal_scope == "full" and p.notation == "stacks":
            want = "\n".join("- " + ", ".join(names[b] for b in st) for st in target)
            want = f"Goal: end with exactly these {pile}s, each listed from bottom to top:\n{want}"
        else:
            rest = "" if p.goal_scope == "full" else f" Nothing else matters; other {thing}s may be anywhere."
            want = "Goal: at the end, " + "; ".join(fact(x, y) for x, y in sorted(goal.items())) + "." + rest
        intro = opening.format(k=len(names), names=", ".join(sorted(names)))
        return (
            f"{intro[0].upper()}{intro[1:]} {now}\n\n"
            f"Rules: move one {thing} at a time. Only a {thing} with nothing on top of it can be moved, and "
            f"it goes either onto the {ground} or onto another {thing} that has nothing on top of it. The "
            f"{ground} has room for any number of {pile}s, and where on the {ground} a {thing} stands does "
            f"not matter. \"X is on Y\" means X sits directly on top of Y.\n\n{want}\n\n"
            f"Give a plan that reaches the goal in at most {limit} moves (any such plan is accepted).\n"
            f"Write each move exactly as `move X to Y` (onto {thing} Y) or `move X to {ground}`.\n"
            + AnswerType.SEQUENCE.sentence("the moves")
        )

    def solve(self, problem: Problem) -> list[str]:
        names = problem.data["names"]
        goal = {x: y for x, y in problem.data["goal"]}
        moves = plan(problem.data["on"], goal)
        return [f"move {names[x]} to {problem.data['ground'] if y < 0 else names[y]}" for x, y in moves]

    def check(self, problem: Problem, answer) -> Verdict:
        items = [str(a) for a in answer]
        if items and all(" " not in a for a in items):  # a lone step split on its spaces
            items = [" ".join(items)]
        index = {nm.casefold(): i for i, nm in enumerate(problem.data["names"])}
        under = dict(enumerate(problem.data["on"]))  # block -> what it stands on
        if len(items) > problem.data["limit"]:
            return wrong(f"{len(items)} moves, the limit is {problem.data['limit']}")
        for k, step in enumerate(items, 1):
            m = _STEP.fullmatch(step.strip())
            if not m:
                return wrong(f"step {k} {step!r} is not 'move X to Y'")
            x, dest = index.get(m[1].casefold()), m[2].casefold()
            y = "table" if dest in ("table", problem.data["ground"]) else index.get(dest)
            if x is None or y is None:
                return wrong(f"step {k} names an unknown block")
            if x in under.values():
                return wrong(f"step {k}: {m[1]} has a block on top of it")
            if y != "table" and (y == x or y in under.values()):
                return wrong(f"step {k}: {m[2]} is not a free block to put {m[1]} on")
            under[x] = -1 if y == "table" else y
        missed = [x for x, y in problem.data["goal"] if under[x] != y]
        return wrong(f"goal not reached for block {problem.data['names'][missed[0]]}") if missed else RIGHT

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        right = self.solve(problem)
        names, on0 = problem.data["names"], problem.data["on"]
        cands = [right[:-1]]
        if len(right) > 1:
            i = rng.randrange(len(right) - 1)
            cands.append(right[:i] + [right[i + 1], right[i]] + right[i + 2:])
        covered = [b for b in range(len(names)) if b in on0]
        if covered:
            cands.append([f"move {names[rng.choice(covered)]} to {problem.data['ground']}", *right[1:]])
        out = [AnswerType.SEQUENCE.render(c) for c in cands if c]
        out.append(hedge(AnswerType.SEQUENCE.render(right), AnswerType.SEQUENCE.render(right[::-1])))
        return [s for s in distinct(AnswerType.SEQUENCE.render(right), out) if self._rejects(problem, s)]

    def _rejects(self, problem: Problem, text: str) -> bool:
        try:
            return not self.check(problem, AnswerType.SEQUENCE.parse(text)).correct
        except AnswerFormatError:
            return True
