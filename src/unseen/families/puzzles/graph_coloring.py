"""graph_coloring: give every vertex one of k colours so that no edge joins two of the same colour.

Told as a map (regions that share a border), an exam timetable (exams that share a student need
different days) or radio stations (stations that would interfere need different frequencies).
Any proper colouring that keeps the pre-set vertices passes. Logic variables: ``vertices``
(4..24), ``colours`` (2..5, at most the number of vertices), ``density`` (percent of the pairs a
planted colouring allows that become edges), ``tight`` (the graph needs all k colours: k - 1
cannot do) and ``fixed`` (vertices whose colour is set in advance). Surface: ``story`` and
``listing`` (a list of edges, or each vertex with its neighbours).

Label: a colouring is planted and edges are drawn only between its classes, so a k-colouring
exists; for ``tight``, python-sat (MiniSat) looks for a (k-1)-colouring and, while one exists,
an edge it paints with one colour is added (two planted classes share a colour, so such a pair
exists) until the SAT call is UNSAT. ``solve`` is a MiniSat k-colouring with the fixed vertices;
``check`` reads the answer and tests every vertex, colour, fixed vertex and edge directly.
"""

from __future__ import annotations

import re
from itertools import combinations
from random import Random

from pysat.solvers import Solver

from unseen.author import RIGHT, AnswerType, Choice, Flag, IntRange, Params, Problem, Verdict, distinct, family, wrong

_STORY = {  # names, colours, spare colour, thing, things, colour word, colours word, relation, clash sentence
    "map": ("Avalon Brenna Corvia Dunmark Elyria Fenwick Galdor Hollin Istria Jorvik Kestrel Lorn Mirren "
            "Norvale Ostra Pellam Quenby Rosk Sarn Tamsin Ulmen Vessa Wyre Zarnow".split(),
            ["red", "blue", "green", "yellow", "purple"], "orange", "region", "regions", "colour", "colours",
            "borders", "Two regions that share a border must get different colours."),
    "exams": ("Algebra Biology Chemistry Drama Economics French Geography History Italian Journalism Latin "
              "Music Nutrition Optics Physics Rhetoric Statistics Theology Urdu Welsh Zoology Astronomy "
              "Ballet Ceramics".split(),
              ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], "Saturday", "exam", "exams", "day", "days",
              "shares a student with", "Two exams that share a student must be held on different days."),
    "radio": ("Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett Kilo Lima Mike November Oscar "
              "Papa Quebec Romeo Sierra Tango Uniform Victor Whiskey Zulu".split(),
              ["F1", "F2", "F3", "F4", "F5"], "F6", "station", "stations", "frequency", "frequencies",
              "interferes with", "Two stations that interfere must broadcast on different frequencies."),
}


def colouring(n: int, k: int, edges: list[list[int]], fixed: list[list[int]]) -> list[int] | None:
    """A k-colouring (MiniSat) respecting ``fixed`` [[vertex, colour]], or None."""
    x = lambda v, c: 1 + v * k + c  # noqa: E731
    cnf = [[x(v, c) for c in range(k)] for v in range(n)]
    cnf += [[-x(v, a), -x(v, b)] for v in range(n) for a, b in combinations(range(k), 2)]
    cnf += [[-x(u, c), -x(v, c)] for u, v in edges for c in range(k)]
    cnf += [[x(v, c)] for v, c in fixed]
    with Solver(name="minisat22", bootstrap_with=cnf) as solver:
        if not solver.solve():
            return None
        true = {lit for lit in solver.get_model() if lit > 0}
    return [next(c for c in range(k) if x(v, c) in true) for v in range(n)]


@family("graph_coloring", version=1, domain="puzzles", answer=AnswerType.SET,
        purpose="Colour a graph's vertices with k colours so that no edge joins two of the same colour.")
class GraphColoring:
    vertices = IntRange(4, 24, base=8, levels=(4, 6, 8, 12, 16, 24), help="number of vertices")
    colours = IntRange(2, 5, base=3, help="colours available (at most the number of vertices)")
    density = IntRange(10, 90, base=50, levels=(10, 30, 50, 70, 90),
                       help="percent of the pairs the planted colouring allows that become edges")
    tight = Flag(base=False, help="edges are added until k - 1 colours cannot do")
    fixed = IntRange(0, 4, base=1, levels=(0, 1, 2, 4), help="vertices whose colour is set in advance")
    story = Choice(tuple(_STORY), base="map", role="surface", help="regions, exams or radio stations")
    listing = Choice(("edges", "neighbours"), base="edges", role="surface",
                     help="one line per edge, or each vertex with all its neighbours")

    def generate(self, p: Params, rng: Random) -> Problem:
        n, k = p.vertices, min(p.colours, p.vertices)
        planted = [i % k for i in range(n)]
        rng.shuffle(planted)
        allowed = [[u, v] for u, v in combinations(range(n), 2) if planted[u] != planted[v]]
        edges = [e for e in allowed if rng.random() < p.density / 100] or [rng.choice(allowed)]
        if p.tight:
            while (fewer := colouring(n, k - 1, edges, [])) is not None:  # k - 1 colours still do: block that
                painted_alike = [e for e in allowed if fewer[e[0]] == fewer[e[1]]]
                edges = sorted(edges + [rng.choice(painted_alike)])
        fixed = sorted([v, planted[v]] for v in rng.sample(range(n), min(p.fixed, n)))
        pool, palette, _, thing, things, word, words, relation, rule = _STORY[p.story]
        names = rng.sample(pool, n)
        shown_names = ([x for x in pool if x not in names] + names)[:2]  # for the example: unused names first
        data = {"names": names, "colours": palette[:k], "edges": edges, "fixed": fixed, "story": p.story}
        shown = [list(e) if rng.random() < 0.5 else e[::-1] for e in rng.sample(edges, len(edges))]
        if p.listing == "edges":
            body = "\n".join(f"{names[u]} {relation} {names[v]}." for u, v in shown)
        else:
            near = {v: sorted({b for a, b in edges if a == v} | {a for a, b in edges if b == v}) for v in range(n)}
            body = f"Each {thing} with every {thing} it {relation}:\n" + "\n".join(
                f"{names[v]}: {', '.join(names[u] for u in near[v]) or 'none'}" for v in rng.sample(range(n), n))
        colour_list = ", ".join(palette[:k - 1]) + f" and {palette[k - 1]}"
        pre = "; ".join(f"{names[v]} must be {palette[c]}" for v, c in fixed)
        prompt = (f"There are {n} {things}: {', '.join(sorted(names))}. {rule} Give every {thing} one of the "
                  f"{k} {words} {colour_list}; not every {word} has to be used.\n\n{body}\n\n"
                  + (f"Already decided: {pre}.\n" if fixed else "")
                  + AnswerType.SET.sentence(f"every {thing} with its {word}, each written as {thing}={word}",
                                            example=f"{shown_names[0]}={palette[0]}, {shown_names[1]}={palette[1]}",
                                            example_of=f"a list for two {things}"))
        return Problem(prompt, data, AnswerType.SET)

    def solve(self, problem: Problem) -> list[str]:
        d = problem.data
        found = colouring(len(d["names"]), len(d["colours"]), d["edges"], d["fixed"])
        return [f"{name}={d['colours'][c]}" for name, c in zip(d["names"], found, strict=True)]

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        vertex = {name.casefold(): i for i, name in enumerate(d["names"])}
        colour = {c.casefold(): i for i, c in enumerate(d["colours"])}
        given: dict[int, int] = {}
        for item in answer:
            m = re.fullmatch(r"\s*(\S+)\s*[=:]\s*(\S+)\s*", str(item))
            if not m:
                return wrong(f"{item!r} is not written as name={'colour'}")
            name, col = m.group(1).casefold(), m.group(2).casefold()
            if name not in vertex:
                return wrong(f"{m.group(1)!r} is not one of the names")
            if col not in colour:
                return wrong(f"{m.group(2)!r} is not one of the {len(colour)} allowed")
            if vertex[name] in given and given[vertex[name]] != colour[col]:
                return wrong(f"{m.group(1)} is given two different colours")
            given[vertex[name]] = colour[col]
        if len(given) != len(vertex):
            return wrong(f"{len(vertex) - len(given)} of the {len(vertex)} are not given a colour")
        if any(given[v] != c for v, c in d["fixed"]):
            return wrong("a colour decided in advance is changed")
        for u, v in d["edges"]:
            if given[u] == given[v]:
                return wrong(f"{d['names'][u]} and {d['names'][v]} clash")
        return RIGHT

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = self.solve(problem)
        got = {item.split("=")[0]: item.split("=")[1] for item in right}
        u, v = rng.choice(d["edges"])
        clash = dict(got)
        clash[d["names"][u]] = got[d["names"][v]]  # one end repainted to its neighbour's colour
        spare = dict(got)
        spare[d["names"][u]] = _STORY[d["story"]][2]  # a colour that is not on offer
        short = [x for x in right if not x.startswith(d["names"][u] + "=")]
        hedged = short + [f"{d['names'][u]}={got[d['names'][u]]} or {got[d['names'][v]]}"]
        cands = [[f"{a}={b}" for a, b in clash.items()], [f"{a}={b}" for a, b in spare.items()], short, hedged]
        return distinct(AnswerType.SET.render(right), [", ".join(c) for c in cands])
