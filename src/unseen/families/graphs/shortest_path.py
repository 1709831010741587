"""shortest_path: the length of the shortest route between two places on a road map.

The trap flag draws maps where the route with the fewest roads is not the shortest one,
so counting roads, or grabbing the direct road, gives a wrong number.
"""

from __future__ import annotations

import heapq
from random import Random

from unseen.author import (
    TOWNS,
    AnswerType,
    Choice,
    Flag,
    IntRange,
    Params,
    Problem,
    Verdict,
    distinct,
    family,
    hedge,
    letter,
    match_integer,
)

_EXTRA = {"sparse": 0.5, "medium": 1.0, "dense": 2.0, "very_dense": 3.0}
def draw_edges(rng: Random, n: int, density: str, max_w: int, directed: bool) -> list[list[int]]:
    """A tree rooted at a random node (so that node reaches every other) plus extra roads."""
    order = list(range(n))
    rng.shuffle(order)
    edges: dict[tuple[int, int], int] = {}

    def key(u: int, v: int) -> tuple[int, int]:
        return (u, v) if directed else (min(u, v), max(u, v))

    for i in range(1, n):
        edges[key(order[rng.randrange(i)], order[i])] = rng.randint(1, max_w)
    possible = n * (n - 1) // (1 if directed else 2)
    want = min(possible, n - 1 + round(_EXTRA[density] * n))
    while len(edges) < want:
        u, v = rng.sample(range(n), 2)
        edges.setdefault(key(u, v), rng.randint(1, max_w))
    return [[u, v, w] for (u, v), w in sorted(edges.items())]


def adjacency(n: int, edges: list[list[int]], directed: bool) -> list[list[tuple[int, int]]]:
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for u, v, w in edges:
        adj[u].append((v, w))
        if not directed:
            adj[v].append((u, w))
    return adj


def dijkstra(adj, source: int, banned: tuple[int, int] | None = None):
    """Distances and predecessors from ``source``, optionally without the road ``banned``."""
    best: dict[int, int] = {source: 0}
    prev: dict[int, int] = {}
    heap = [(0, source)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > best[u]:
            continue
        for v, w in adj[u]:
            if banned in ((u, v), (v, u)):
                continue
            if d + w < best.get(v, 1 << 60):
                best[v], prev[v] = d + w, u
                heapq.heappush(heap, (d + w, v))
    return best, prev


def fewest_roads(adj, source: int) -> dict[int, tuple[int, int]]:
    """(roads, length) of the shortest among the routes with the fewest roads."""
    best: dict[int, tuple[int, int]] = {source: (0, 0)}
    heap = [(0, 0, source)]
    while heap:
        h, d, u = heapq.heappop(heap)
        if (h, d) > best[u]:
            continue
        for v, w in adj[u]:
            if (h + 1, d + w) < best.get(v, (1 << 60, 0)):
                best[v] = (h + 1, d + w)
                heapq.heappush(heap, (h + 1, d + w, v))
    return best


def pick_pair(rng: Random, n: int, edges: list[list[int]], directed: bool, trap: bool):
    """A (source, target) pair as many roads apart as possible, a trap pair when asked."""
    adj = adjacency(n, edges, directed)
    pairs = []
    for s in range(n):
        dist, _ = dijkstra(adj, s)
        few = fewest_roads(adj, s)
        for t in sorted(few):
            if t != s and (not trap or few[t][1] > dist[t]):
                pairs.append((few[t][0], s, t))
    if not pairs:
        return None
    far = max(h for h, _, _ in pairs)
    _, s, t = rng.choice([p for p in pairs if p[0] == far])
    return s, t


@family("shortest_path", version=3, domain="graphs", answer=AnswerType.INTEGER,
        purpose="Find the length of the shortest route between two places on a weighted road map.")
class ShortestPath:
    nodes = IntRange(4, 30, base=8, levels=(4, 6, 8, 12, 18, 24, 30), help="number of places")
    density = Choice(("sparse", "medium", "dense", "very_dense"), base="medium", ordered=True,
                     help="extra roads beyond a spanning tree: n/2, n, 2n or 3n")
    max_weight = IntRange(1, 50, base=9, levels=(1, 3, 9, 20, 50),
                          help="road lengths are drawn from 1..max_weight (1 = count the roads)")
    directed = Flag(base=False, help="all roads are one-way")
    trap = Flag(base=False, help="the route with the fewest roads is not the shortest (dropped when no "
                                 "such map turns up in 40 draws, always when max_weight is 1)")
    representation = Choice(("edge_list", "adjacency", "prose"), base="edge_list", role="surface",
                            help="how the roads are listed")
    labels = Choice(("letters", "towns"), base="letters", role="surface", help="place names")

    def generate(self, p: Params, rng: Random) -> Problem:
        trap = p.trap and p.max_weight > 1
        pair = None
        for _ in range(40):
            edges = draw_edges(rng, p.nodes, p.density, p.max_weight, p.directed)
            pair = pick_pair(rng, p.nodes, edges, p.directed, trap)
            if pair:
                break
        if pair is None:  # no trap pair in 40 maps (tiny maps, tiny lengths): keep the last map
            pair = pick_pair(rng, p.nodes, edges, p.directed, False)
        s, t = pair
        if p.labels == "letters":
            names = [letter(i) for i in range(p.nodes)]
        else:
            names = list(TOWNS)
            rng.shuffle(names)
            names = names[:p.nodes]
        listed = [list(e) for e in edges]
        rng.shuffle(listed)
        arrow = "->" if p.directed else "-"
        if p.representation == "edge_list":
            body = "Roads:\n" + "\n".join(
                f"{names[u]} {arrow} {names[v]} ({w})" for u, v, w in
                (e if p.directed or rng.random() < 0.5 else [e[1], e[0], e[2]] for e in listed))
        elif p.representation == "adjacency":
            adj = adjacency(p.nodes, listed, p.directed)
            head = ("For each place, the roads leaving it (destination and length):" if p.directed else
                    "For each place, the roads at it (other end and length); each road is listed "
                    "under both of its ends:")
            body = head + "\n" + "\n".join(
                f"{names[u]}: " + (", ".join(f"{names[v]} ({w})" for v, w in adj[u]) or "(none)")
                for u in range(p.nodes))
        else:
            body = "\n".join(f"A one-way road of length {w} runs from {names[u]} to {names[v]}." if p.directed
                             else f"A road of length {w} runs between {names[u]} and {names[v]}."
                             for u, v, w in listed)
        ways = ("Every road is one-way: it can only be driven in the direction given." if p.directed
                else "Every road can be driven in both directions.")
        prompt = (f"A map shows {p.nodes} places and the roads between them. {ways} "
                  f"Each road has a length.\n\n{body}\n\n"
                  f"What is the length of the shortest route from {names[s]} to {names[t]}? "
                  "The length of a route is the sum of the lengths of the roads it uses.\n"
                  + AnswerType.INTEGER.sentence("that length"))
        return Problem(prompt, {"names": names, "edges": edges, "directed": p.directed,
                                "source": s, "target": t}, AnswerType.INTEGER)

    def solve(self, problem: Problem) -> int:
        d = problem.data
        dist, _ = dijkstra(adjacency(len(d["names"]), d["edges"], d["directed"]), d["source"])
        return dist[d["target"]]

    def check(self, problem: Problem, answer) -> Verdict:
        # Bellman-Ford: relax every road n-1 times, a different algorithm from Dijkstra.
        d = problem.data
        inf = float("inf")
        dist = [inf] * len(d["names"])
        dist[d["source"]] = 0
        for _ in range(len(d["names"]) - 1):
            for u, v, w in d["edges"]:
                dist[v] = min(dist[v], dist[u] + w)
                if not d["directed"]:
                    dist[u] = min(dist[u], dist[v] + w)
        return match_integer(answer, int(dist[d["target"]]))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        s, t = d["source"], d["target"]
        adj = adjacency(len(d["names"]), d["edges"], d["directed"])
        dist, prev = dijkstra(adj, s)
        right = dist[t]
        cands = []
        path, v = [], t
        while v != s:  # second-best: the best route avoiding one road of the shortest route
            u = prev[v]
            path.append((u, v))
            v = u
        others = [dijkstra(adj, s, banned=e)[0].get(t) for e in path]
        longer = [x for x in others if x is not None and x > right]
        if longer:
            cands.append(str(min(longer)))
        direct = [w for x, w in adj[s] if x == t]
        if direct:
            cands.append(str(min(direct)))
        cands.append(str(fewest_roads(adj, s)[t][1]))
        cands += [str(right + 1), hedge(str(right), str(right + 1))]
        return distinct(str(right), cands)[:5]
