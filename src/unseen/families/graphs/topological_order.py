"""topological_order: put tasks with prerequisites (a DAG) in an order that respects them all.

Tests ordering under constraints: with ``ask=any`` every order that puts each task after
all of its prerequisites passes (``check`` validates each one); with ``ask=alphabetical``
the order is the unique one that, whenever several tasks could come next, takes the one
whose name comes first alphabetically (the lexicographically smallest valid order).

Logic variables: ``tasks``, ``density`` (extra prerequisites beyond one per task),
``depth`` (the longest chain of prerequisites, exactly), ``redundant`` (stated
prerequisites already implied by others), ``ask``. Surface: ``story`` (courses, build
steps, recipe steps: only the words change) and ``representation`` (grouped per task,
arrow pairs, prose sentences).

Label: networkx ``topological_sort`` / ``lexicographical_topological_sort``. ``check``
reads the answer against the prerequisites themselves (every task once, every
prerequisite earlier) and, for the alphabetical ask, against its own Kahn's algorithm.
Every name starts with a different letter, so "alphabetical" has one reading.
"""

from __future__ import annotations

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
    match_sequence,
    wrong,
)

# story -> (names with pairwise different initials, thing, plural, verb (past participle), intro)
_STORIES = {
    "courses": (
        ("Algebra", "Biology", "Chemistry", "Drama", "Economics", "French", "Geometry", "History", "Italian",
         "Journalism", "Kinesiology", "Latin", "Music", "Optics", "Physics", "Quechua", "Rhetoric",
         "Statistics", "Topology", "Urdu", "Welding", "Zoology"),
        "course", "courses", "taken",
        "A student must take the following {n} courses, one at a time: {names}. Some courses have "
        "prerequisites: a course can only be taken after every one of its prerequisites has been taken."),
    "build": (
        ("Assemble", "Bundle", "Compile", "Deploy", "Encrypt", "Fetch", "Generate", "Hash", "Install", "Journal",
         "Keygen", "Lint", "Migrate", "Optimize", "Package", "Query", "Render", "Sign", "Test", "Upload",
         "Validate", "Zip"),
        "step", "steps", "run",
        "A build script runs the following {n} steps, one at a time: {names}. Some steps have "
        "prerequisites: a step can only be run after every one of its prerequisites has been run."),
    "recipe": (
        ("Arrange", "Blanch", "Chop", "Drain", "Emulsify", "Fry", "Grate", "Heat", "Ice", "Julienne", "Knead",
         "Layer", "Marinate", "Oil", "Peel", "Quarter", "Rinse", "Season", "Toast", "Unmold", "Whisk", "Zest"),
        "step", "steps", "done",
        "A cook must do the following {n} recipe steps, one at a time: {names}. Some steps have "
        "prerequisites: a step can only be done after every one of its prerequisites has been done."),
}
_EXTRA = {"sparse": 0.0, "medium": 0.5, "dense": 1.0, "very_dense": 2.0}


def draw_dag(rng: Random, n: int, depth: int, density: str, redundant: int) -> list[list[int]]:
    """Edges [u, v] (u before v) over layers 0..depth-1: every task past layer 0 has a
    prerequisite in the layer just below (so the longest chain has exactly ``depth`` tasks),
    then extra forward edges, then up to ``redundant`` edges implied by existing paths."""
    depth = min(depth, n)
    layer = list(range(depth)) + [rng.randrange(depth) for _ in range(n - depth)]
    rng.shuffle(layer)
    by_layer = [[i for i in range(n) if layer[i] == k] for k in range(depth)]
    edges = {(rng.choice(by_layer[layer[v] - 1]), v) for v in range(n) if layer[v] > 0}
    forward = [(u, v) for u in range(n) for v in range(n) if layer[u] < layer[v]]
    want = len(edges) + round(_EXTRA[density] * n)
    rng.shuffle(forward)
    for e in forward:
        if len(edges) >= want:
            break
        edges.add(e)
    g = nx.DiGraph(list(edges))
    implied = sorted((u, v) for u in g for v in nx.descendants(g, u) if (u, v) not in edges)
    edges.update(rng.sample(implied, min(redundant, len(implied))))
    return sorted([u, v] for u, v in edges)


@family("topological_order", version=1, domain="graphs", answer=AnswerType.SEQUENCE,
        purpose="Order tasks so that every task comes after its prerequisites (any valid order, "
                "or the alphabetically first one).")
class TopologicalOrder:
    tasks = IntRange(3, 22, base=7, levels=(3, 5, 7, 10, 14, 18, 22), help="number of tasks")
    density = Choice(("sparse", "medium", "dense", "very_dense"), base="medium", ordered=True,
                     help="prerequisites beyond one per task: 0, n/2, n or 2n more")
    depth = IntRange(2, 9, base=3, help="tasks in the longest chain of prerequisites (at most tasks)")
    redundant = IntRange(0, 9, base=1, levels=(0, 1, 3, 6, 9),
                     help="stated prerequisites already implied by a chain of others")
    ask = Choice(("any", "alphabetical"), base="any", ordered=True,
                 help="any valid order passes, or the unique alphabetically-first valid order is asked")
    story = Choice(("courses", "build", "recipe"), base="courses", role="surface", help="what the tasks are")
    representation = Choice(("grouped", "pairs", "prose"), base="grouped", role="surface",
                            help="prerequisites listed per task, as arrow pairs, or as sentences")

    def generate(self, p: Params, rng: Random) -> Problem:
        pool, thing, things, verb, intro = _STORIES[p.story]
        names = sorted(rng.sample(pool, p.tasks))
        rng.shuffle(names)
        edges = draw_dag(rng, p.tasks, p.depth, p.density, p.redundant)
        listed = list(edges)
        rng.shuffle(listed)
        lines = [intro.format(n=p.tasks, names=", ".join(names))]
        if p.representation == "grouped":
            pre = {v: [u for u, w in listed if w == v] for v in range(p.tasks)}
            order = list(range(p.tasks))
            rng.shuffle(order)
            lines.append("Prerequisites of each " + thing + ":\n" + "\n".join(
                f"{names[v]}: " + (", ".join(names[u] for u in pre[v]) or "none") for v in order))
        elif p.representation == "pairs":
            lines.append(f"Each line `P -> Q` means that {thing} P is a prerequisite of {thing} Q "
                         f"(P must be {verb} before Q):\n" + "\n".join(f"{names[u]} -> {names[v]}" for u, v in listed))
        else:
            said = []
            for u, v in listed:
                said.append(f"{names[u]} must be {verb} before {names[v]}." if rng.random() < 0.5
                            else f"{names[v]} can only be {verb} after {names[u]}.")
            lines.append(" ".join(said))
        if p.ask == "any":
            question = (f"Give an order in which all {p.tasks} {things} can be {verb}, one at a time, so that every "
                        f"{thing} comes after all of its prerequisites. Any such order is accepted.")
        else:
            question = (f"Several orders may put every {thing} after all of its prerequisites. Give the one that "
                        f"comes first alphabetically: whenever more than one {thing} could come next, always take "
                        f"the one whose name comes first in alphabetical order.")
        prompt = "\n\n".join(lines) + "\n\n" + question + "\n" + AnswerType.SEQUENCE.sentence(
            f"the names of all {p.tasks} {things}")
        return Problem(prompt, {"names": names, "edges": edges, "ask": p.ask}, AnswerType.SEQUENCE)

    def solve(self, problem: Problem) -> list[str]:
        d = problem.data
        g = nx.DiGraph()
        g.add_nodes_from(d["names"])
        g.add_edges_from((d["names"][u], d["names"][v]) for u, v in d["edges"])
        if d["ask"] == "any":
            return list(nx.topological_sort(g))
        return list(nx.lexicographical_topological_sort(g))

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        names = d["names"]
        index = {name.casefold(): i for i, name in enumerate(names)}
        given = [" ".join(str(a).split()).casefold() for a in answer]
        unknown = [a for a in given if a not in index]
        if unknown:
            return wrong(f"{unknown[0]!r} is not one of the tasks")
        if len(given) != len(names) or len(set(given)) != len(names):
            return wrong(f"the order must name each of the {len(names)} tasks exactly once")
        at = {index[a]: k for k, a in enumerate(given)}
        for u, v in d["edges"]:
            if at[u] > at[v]:
                return wrong(f"{names[v]} comes before its prerequisite {names[u]}")
        if d["ask"] == "any":
            return Verdict(True)
        # Kahn's algorithm taking the alphabetically first free task each time
        need = {i: {u for u, v in d["edges"] if v == i} for i in range(len(names))}
        done: list[int] = []
        while len(done) < len(names):
            free = [i for i in need if i not in done and not need[i] - set(done)]
            done.append(min(free, key=lambda i: names[i]))
        return match_sequence([names[index[a]] for a in given], [names[i] for i in done])

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        names = d["names"]
        right = self.solve(problem)
        pos = {name: k for k, name in enumerate(right)}
        cands = [right[::-1], right[:-1]]
        u, v = (names[i] for i in rng.choice(d["edges"]))  # one prerequisite put after its task
        swapped = list(right)
        swapped[pos[u]], swapped[pos[v]] = v, u
        cands.append(swapped)
        if d["ask"] == "alphabetical":  # a valid order that is not the alphabetically first
            g = nx.DiGraph()
            g.add_nodes_from(names)
            g.add_edges_from((names[a], names[b]) for a, b in d["edges"])
            cands.append(list(nx.lexicographical_topological_sort(g, key=lambda s: [-ord(c) for c in s])))
            cands.append(list(nx.topological_sort(g)))
        texts = [", ".join(c) for c in cands]
        return distinct(", ".join(right), texts + [hedge(", ".join(right), texts[0])])
