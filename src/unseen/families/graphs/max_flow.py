"""max_flow: the largest flow from a source to a sink through a small capacitated network.

Tests flow reasoning (splitting, merging, finding the bottleneck cut) on directed networks
of one-way pipes, roads or data links, each with a capacity.

Logic variables: ``nodes`` (source and sink included), ``density`` (edges beyond the ones
that put every junction on a source-to-sink route), ``capacity`` (capacities are drawn
from 1..capacity), ``bottleneck`` (where small capacities are planted: nowhere, on the
edges leaving the source, entering the sink, or crossing a cut in the middle). Surface:
``story`` (pipes / roads / data links: units and words only) and ``representation``
(edge list, per-node adjacency, prose).

Label: networkx ``maximum_flow_value`` (preflow-push). ``check`` computes the minimum cut
itself by enumerating every set of junctions on the source's side (at most 2^10 cuts):
max-flow = min-cut, an independent computation.
"""

from __future__ import annotations

from itertools import combinations
from random import Random

import networkx as nx

from unseen.author import (
    AnswerType,
    Choice,
    IntRange,
    Params,
    Problem,
    Verdict,
    distinct,
    family,
    hedge,
    match_integer,
)

_LETTERS = list("ABCDEFGHIJKLMOPQRWZ")  # not S, T (source, sink), nor placeholders N, X, Y, U, V
_EXTRA = {"sparse": 0.25, "medium": 0.75, "dense": 1.5, "very_dense": 2.5}
# story -> (intro, edge word, node words, unit, prose template, question)
_STORIES = {
    "pipes": ("Water is pumped from the reservoir S to the town T through a network of one-way pipes "
              "between junctions. Each pipe can carry at most the given number of litres per second, "
              "in its own direction only.", "pipe", "junctions", "litres per second",
              "A pipe from {u} to {v} carries at most {c} litres per second.",
              "How many litres per second, at most, can flow from S to T in total?"),
    "roads": ("Cars drive from the depot S to the stadium T along one-way roads between crossings. Each road "
              "can carry at most the given number of cars per minute, in its own direction only.",
              "road", "crossings", "cars per minute",
              "A one-way road from {u} to {v} carries at most {c} cars per minute.",
              "How many cars per minute, at most, can travel from S to T in total?"),
    "data": ("Data is sent from server S to server T over one-way links between routers. Each link can carry at "
             "most the given number of megabits per second, in its own direction only.", "link", "routers",
             "megabits per second", "A link from {u} to {v} carries at most {c} megabits per second.",
             "How many megabits per second, at most, can be sent from S to T in total?"),
}


def draw_network(rng: Random, n: int, density: str, cap: int, bottleneck: str) -> list[list[int]]:
    """Edges [u, v, capacity]; node 0 is the source, n - 1 the sink. Every junction gets an
    edge in from an earlier node and out to a later one along a hidden order, so it lies on a
    route; extra edges (some backwards) follow; then small capacities go where asked."""
    order = [0, *rng.sample(range(1, n - 1), n - 2), n - 1]
    pos = {v: i for i, v in enumerate(order)}
    edges: set[tuple[int, int]] = set()
    for i in range(1, n - 1):
        edges.add((order[rng.randrange(i)], order[i]))
        edges.add((order[i], order[rng.randrange(i + 1, n)]))
    possible = [(a, b) if pos[a] < pos[b] else (b, a) for a in range(n) for b in range(a + 1, n)
                if (a, b) not in edges and (b, a) not in edges and {a, b} != {0, n - 1}]
    rng.shuffle(possible)
    for u, v in possible[:round(_EXTRA[density] * n)]:  # forward along the order, a fifth backwards
        backward = 0 not in (u, v) and n - 1 not in (u, v) and rng.random() < 0.2
        edges.add((v, u) if backward else (u, v))
    cut = rng.randint(max(1, (n - 1) // 3), max(1, (2 * (n - 1)) // 3))  # the middle cut's side: order[:cut]
    small = {"none": lambda u, v: False, "source": lambda u, v: u == 0, "sink": lambda u, v: v == n - 1,
             "middle": lambda u, v: pos[u] < cut <= pos[v]}[bottleneck]
    out = []
    for u, v in sorted(edges):
        if bottleneck == "none":
            c = rng.randint(1, cap)
        elif small(u, v):
            c = rng.randint(1, max(1, cap // 3))
        else:
            c = rng.randint(max(1, cap // 2), cap)
        out.append([u, v, c])
    return out


@family("max_flow", version=1, domain="graphs", answer=AnswerType.INTEGER,
        purpose="Find the maximum flow from a source to a sink through a small network with capacities.")
class MaxFlow:
    nodes = IntRange(4, 12, base=6, help="nodes, the source and the sink included")
    density = Choice(("sparse", "medium", "dense", "very_dense"), base="medium", ordered=True,
                     help="extra edges beyond a route through every node: n/4, 3n/4, 3n/2 or 5n/2")
    capacity = IntRange(2, 99, base=9, levels=(2, 5, 9, 20, 50, 99), help="capacities are drawn from 1..capacity")
    bottleneck = Choice(("none", "source", "sink", "middle"), base="none",
                        help="where small capacities are planted: nowhere, out of the source, into the sink, "
                             "or across a cut in the middle of the network")
    story = Choice(("pipes", "roads", "data"), base="pipes", role="surface", help="what flows, and its unit")
    representation = Choice(("edge_list", "adjacency", "prose"), base="edge_list", role="surface",
                            help="how the edges are listed")

    def generate(self, p: Params, rng: Random) -> Problem:
        edges = draw_network(rng, p.nodes, p.density, p.capacity, p.bottleneck)
        inner = rng.sample(_LETTERS, p.nodes - 2)
        names = ["S", *inner, "T"]
        intro, word, nodes, unit, sentence, question = _STORIES[p.story]
        listed = [list(e) for e in edges]
        rng.shuffle(listed)
        if p.representation == "edge_list":
            body = (f"Each line `U -> V: c` is a {word} from U to V with capacity c ({unit}):\n"
                    + "\n".join(f"{names[u]} -> {names[v]}: {c}" for u, v, c in listed))
        elif p.representation == "adjacency":
            order = sorted(range(p.nodes - 1), key=lambda i: names[i])
            body = (f"For S and each of the {nodes}, the {word}s leaving it (where each one leads, and its "
                    f"capacity in {unit}):\n" + "\n".join(
                        f"{names[u]}: " + ", ".join(f"{names[v]} ({c})" for x, v, c in listed if x == u)
                        for u in order if any(x == u for x, _, _ in listed)))
        else:
            body = " ".join(sentence.format(u=names[u], v=names[v], c=c) for u, v, c in listed)
        junctions = ", ".join(sorted(inner))
        prompt = (f"{intro} The {nodes} are {junctions}.\n\n{body}\n\n{question} At each of the {nodes}, "
                  f"everything that flows in must flow out; a flow may split between several {word}s and merge "
                  "again.\n"
                  + AnswerType.INTEGER.sentence(f"the maximum total flow in {unit}"))
        return Problem(prompt, {"names": names, "edges": edges}, AnswerType.INTEGER)

    def solve(self, problem: Problem) -> int:
        g = nx.DiGraph()
        n = len(problem.data["names"])
        g.add_nodes_from(range(n))
        g.add_edges_from((u, v, {"capacity": c}) for u, v, c in problem.data["edges"])
        return int(nx.maximum_flow_value(g, 0, n - 1))

    def check(self, problem: Problem, answer) -> Verdict:
        # max-flow = min-cut: the least capacity leaving any node set that holds S but not T
        n = len(problem.data["names"])
        best = None
        for k in range(n - 1):
            for extra in combinations(range(1, n - 1), k):
                side = {0, *extra}
                cut = sum(c for u, v, c in problem.data["edges"] if u in side and v not in side)
                best = cut if best is None else min(best, cut)
        return match_integer(answer, best)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        n = len(problem.data["names"])
        edges = problem.data["edges"]
        right = self.solve(problem)
        out_s = sum(c for u, _, c in edges if u == 0)
        in_t = sum(c for _, v, c in edges if v == n - 1)
        widest = [0] * n  # the best single route's bottleneck: one path, no splitting
        widest[0] = sum(c for _, _, c in edges)
        for _ in range(n):
            for u, v, c in edges:
                widest[v] = max(widest[v], min(widest[u], c))
        cands = [str(min(out_s, in_t)), str(widest[n - 1]), str(right + 1), str(right - 1), str(out_s),
                 hedge(str(right), str(right + 1))]
        return distinct(str(right), cands)[:5]
