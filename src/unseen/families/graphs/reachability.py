"""reachability: which places can be reached from a start along one-way roads.

The map is built as separate pieces (components); inside each piece the roads mostly run
"forward" along a hidden order, and `cycles` extra roads run backwards, closing loops.
Nodes before the start in its piece and all other pieces are unreachable distractors.
"""

from __future__ import annotations

from collections import deque
from random import Random

from unseen.author import (
    TOWNS,
    AnswerType,
    Choice,
    IntRange,
    Params,
    Problem,
    Verdict,
    distinct,
    family,
    hedge,
    letter,
    match_integer,
    match_set,
)


def draw_graph(rng: Random, n: int, density: int, cycles: int, components: int):
    """(edges, start): pieces with forward roads, then `cycles` backward roads inside pieces."""
    nodes = list(range(n))
    rng.shuffle(nodes)
    k = min(components, max(1, n // 2))
    cuts = sorted(rng.sample(range(1, n), k - 1))
    groups = [nodes[a:b] for a, b in zip([0, *cuts], [*cuts, n], strict=True)]
    edges: set[tuple[int, int]] = set()
    for g in groups:
        m = len(g)
        local = {(g[rng.randrange(i)], g[i]) for i in range(1, m)}
        want = min(m * (m - 1) // 2, max(m - 1, density * m))
        while len(local) < want:
            i, j = sorted(rng.sample(range(m), 2))
            local.add((g[i], g[j]))
        edges |= local
    back = [(g[j], g[i]) for g in groups for i in range(len(g)) for j in range(i + 1, len(g))
            if (g[j], g[i]) not in edges]
    edges.update(rng.sample(back, min(cycles, len(back))))
    home = max(groups, key=len)
    start = home[rng.randint(1, max(1, len(home) // 2))] if len(home) > 2 else home[0]
    return sorted([list(e) for e in edges]), start


def bfs(n: int, edges: list[list[int]], start: int, undirected: bool = False) -> dict[int, int]:
    """Depth (number of roads) of every node reached from start, the start included."""
    adj: list[list[int]] = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
        if undirected:
            adj[v].append(u)
    depth, todo = {start: 0}, deque([start])
    while todo:
        u = todo.popleft()
        for v in adj[u]:
            if v not in depth:
                depth[v] = depth[u] + 1
                todo.append(v)
    return depth


@family("reachability", version=3, domain="graphs", answer=(AnswerType.SET, AnswerType.INTEGER),
        purpose="Find which places a start reaches along one-way roads (the set, or how many).")
class Reachability:
    nodes = IntRange(4, 30, base=10, levels=(4, 6, 10, 15, 20, 30), help="number of places")
    density = IntRange(1, 6, base=2, help="forward roads per place inside a piece (at least a tree)")
    cycles = IntRange(0, 10, base=2, levels=(0, 1, 2, 4, 7, 10),
                      help="backward roads that close loops")
    components = IntRange(1, 5, base=2, help="separate pieces of the map (at most nodes/2)")
    query = Choice(("count", "reachable_set"), base="reachable_set", ordered=True,
                   help="ask how many places are reachable, or which ones")
    representation = Choice(("edge_list", "adjacency", "prose"), base="edge_list", role="surface",
                            help="how the roads are listed")
    labels = Choice(("letters", "towns"), base="letters", role="surface", help="place names")

    def generate(self, p: Params, rng: Random) -> Problem:
        n = p.nodes
        edges, start = draw_graph(rng, n, p.density, p.cycles, p.components)
        if p.labels == "letters":
            names = [letter(i) for i in range(n)]
        else:
            names = list(TOWNS)
            rng.shuffle(names)
            names = names[:n]
        listed = [list(e) for e in edges]
        rng.shuffle(listed)
        if p.representation == "edge_list":
            body = "Roads:\n" + "\n".join(f"{names[u]} -> {names[v]}" for u, v in listed)
        elif p.representation == "adjacency":
            outs = {u: [names[v] for a, v in listed if a == u] for u in range(n)}
            body = "For each place, the places its roads lead to:\n" + "\n".join(
                f"{names[u]}: {', '.join(outs[u]) or '(none)'}" for u in range(n))
        else:
            body = "\n".join(f"There is a one-way road from {names[u]} to {names[v]}." for u, v in listed)
        s = names[start]
        intro = (f"A map shows {n} places ({', '.join(names)}) joined by one-way roads. "
                 "A road from X to Y can only be travelled from X to Y, never back.")
        rule = (f"A place is reachable from {s} if you can get there from {s} by following one or more "
                f"roads in their direction. {s} itself never counts, even if a route leads back to it.")
        if p.query == "count":
            ask = (f"How many places are reachable from {s}?\n"
                   + AnswerType.INTEGER.sentence("that number (0 if none)"))
        else:
            ask = (f"Which places are reachable from {s}?\n"
                   + AnswerType.SET.sentence("their names", empty="there are none"))
        prompt = f"{intro}\n\n{body}\n\n{rule}\n{ask}"
        answer_type = AnswerType.INTEGER if p.query == "count" else AnswerType.SET
        return Problem(prompt, {"names": names, "edges": edges, "start": start, "query": p.query},
                       answer_type)

    def _answer(self, problem: Problem, reached) -> int | list[str]:
        names = problem.data["names"]
        found = sorted(names[i] for i in set(reached) - {problem.data["start"]})
        return len(found) if problem.data["query"] == "count" else (found or ["none"])

    def solve(self, problem: Problem) -> int | list[str]:
        d = problem.data
        return self._answer(problem, bfs(len(d["names"]), d["edges"], d["start"]))

    def check(self, problem: Problem, answer) -> Verdict:
        # Warshall's transitive closure on bit rows, independent of the BFS in solve.
        d = problem.data
        n = len(d["names"])
        row = [0] * n
        for u, v in d["edges"]:
            row[u] |= 1 << v
        for k in range(n):
            for i in range(n):
                if row[i] >> k & 1:
                    row[i] |= row[k]
        expected = self._answer(problem, [j for j in range(n) if row[d["start"]] >> j & 1])
        if d["query"] == "count":
            return match_integer(answer, expected)
        if not isinstance(answer, list):
            return Verdict(False, f"expected a list of place names, got {answer!r}")
        return match_set(answer, expected)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        n, start, names = len(d["names"]), d["start"], d["names"]
        depth = bfs(n, d["edges"], start)
        reached = set(depth) - {start}
        succ = {v for u, v in d["edges"] if u == start} - {start}
        loose = set(bfs(n, d["edges"], start, undirected=True)) - {start}
        if d["query"] == "count":
            k = len(reached)
            right, cands = str(k), [str(k + 1), str(len(succ)), str(len(loose)), str(k - 1 if k else k + 2)]
        else:
            far = set(sorted(reached, key=lambda v: (-depth[v], names[v]))[:1])
            outside = sorted((loose - reached) or (set(range(n)) - reached - {start}), key=names.__getitem__)
            wrong_sets = [reached - far, reached | set(outside[:1]), succ, loose, reached | {start}]
            right = AnswerType.SET.render(self.solve(problem))
            cands = [AnswerType.SET.render(sorted(names[v] for v in x) or ["none"]) for x in wrong_sets]
        others = distinct(right, cands)
        return others[:4] + [hedge(right, others[0])]
