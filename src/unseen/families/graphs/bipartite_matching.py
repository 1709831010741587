"""bipartite_matching: workers and jobs with who-can-do-what; as many jobs at once as possible.

Tests maximum bipartite matching: the largest number of jobs done at the same time when each
worker does at most one job and each job takes one worker (``ask=count``, an integer), or
such an assignment itself (``ask=assignment``: ANY assignment of that largest size passes).

Logic variables: ``workers``, ``jobs``, ``density`` (extra can-do pairs), ``shortfall``
(the optimum falls short of min(workers, jobs) by a number drawn from 0..shortfall; built
by planting a vertex cover of that size, so by Konig's theorem the optimum is exact),
``ask``, ``trap`` (taking pairs greedily in the order listed falls short of the optimum;
dropped when 40 draws find no such listing). Surface: ``story`` (workers and jobs,
students and projects, pilots and planes) and ``representation`` (by worker, by job, pairs).

Label: networkx ``bipartite.hopcroft_karp_matching``. ``check`` validates every pair (a
can-do pair, no worker or job twice) and compares the size with its own augmenting-path
(Kuhn) maximum.
"""

from __future__ import annotations

from random import Random

import networkx as nx

from unseen.author import (
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
    match_integer,
    wrong,
)

_PEOPLE = ("Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea", "Mia", "Omar",
           "Pia", "Raj", "Sam", "Tess")
# story -> (worker word, job word, job names, can-do phrase, done-by phrase, rule, fit, covered)
_STORIES = {
    "workers": ("worker", "job", ("welding", "painting", "wiring", "plumbing", "roofing", "tiling", "glazing",
                                  "framing", "paving", "fencing", "carpentry", "masonry"),
                "can do", "can be done by",
                "Each worker can do at most one job at a time, and each job is done by at most one worker.",
                "a job they can do", "done"),
    "students": ("student", "project", ("robotics", "botany", "chess", "drama", "poetry", "pottery", "rowing",
                                        "sculpture", "astronomy", "baking", "coding", "origami"),
                 "wants to join", "is wanted by",
                 "Each student can join at most one project, and each project takes at most one student.",
                 "a project they want to join", "staffed"),
    "pilots": ("pilot", "plane", ("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel",
                                  "India", "Juliet", "Kilo", "Lima"),
               "is licensed to fly", "can be flown by",
               "Each pilot can fly at most one plane at a time, and each plane is flown by at most one pilot.",
               "a plane they are licensed to fly", "flown"),
}
_EXTRA = {"sparse": 0.5, "medium": 1.0, "dense": 2.0, "very_dense": 3.0}


def draw_pairs(rng: Random, w: int, j: int, density: str, gap: int) -> list[list[int]]:
    """Can-do pairs [worker, job] whose maximum matching has exactly min(w, j) - gap pairs:
    every pair touches a planted cover A (workers) + B (jobs) of that size, and a matching
    of that size is planted (A into the jobs outside B, B into the workers outside A)."""
    m = min(w, j) - gap
    a = rng.randint(1, m - 1) if m >= 2 else rng.randint(0, m)
    cover_w = set(rng.sample(range(w), a))
    cover_j = set(rng.sample(range(j), m - a))
    free_w = [x for x in range(w) if x not in cover_w]
    free_j = [y for y in range(j) if y not in cover_j]
    pairs = set(zip(sorted(cover_w), rng.sample(free_j, a), strict=True))
    pairs |= {(x, y) for y, x in zip(sorted(cover_j), rng.sample(free_w, m - a), strict=True)}
    allowed = [(x, y) for x in range(w) for y in range(j) if x in cover_w or y in cover_j]
    for x in free_w:  # nobody idle where the cover allows it
        if cover_j and not any(p[0] == x for p in pairs):
            pairs.add((x, rng.choice(sorted(cover_j))))
    for y in free_j:
        if cover_w and not any(p[1] == y for p in pairs):
            pairs.add((rng.choice(sorted(cover_w)), y))
    extra = [e for e in allowed if e not in pairs]
    pairs.update(rng.sample(extra, min(len(extra), round(_EXTRA[density] * w))))
    return sorted([x, y] for x, y in pairs)


def greedy(listing: list[list[int]]) -> list[list[int]]:
    """Take each pair in reading order when both its worker and its job are still free."""
    used_w, used_j, out = set(), set(), []
    for x, y in listing:
        if x not in used_w and y not in used_j:
            used_w.add(x)
            used_j.add(y)
            out.append([x, y])
    return out


def kuhn(w: int, pairs: list[list[int]]) -> int:
    """Maximum matching size by augmenting paths from each worker in turn."""
    can = {x: [y for a, y in pairs if a == x] for x in range(w)}
    owner: dict[int, int] = {}

    def augment(x: int, seen: set[int]) -> bool:
        for y in can[x]:
            if y not in seen:
                seen.add(y)
                if y not in owner or augment(owner[y], seen):
                    owner[y] = x
                    return True
        return False

    return sum(augment(x, set()) for x in range(w))


@family("bipartite_matching", version=1, domain="graphs", answer=(AnswerType.INTEGER, AnswerType.SET),
        purpose="Match workers to jobs they can do so that as many jobs as possible are done at once.")
class BipartiteMatching:
    workers = IntRange(2, 12, base=6, help="number of workers")
    jobs = IntRange(2, 12, base=6, help="number of jobs")
    density = Choice(("sparse", "medium", "dense", "very_dense"), base="medium", ordered=True,
                     help="can-do pairs beyond the planted ones: workers/2, workers, 2 or 3 times workers")
    shortfall = IntRange(0, 5, base=1, help="the optimum is min(workers, jobs) minus a number drawn from "
                                            "0..shortfall (at most min - 1)")
    ask = Choice(("count", "assignment"), base="assignment", ordered=True,
                 help="the largest number of jobs done at once, or an assignment achieving it")
    trap = Flag(base=False, help="taking the pairs greedily in the order listed falls short of the optimum "
                                 "(dropped when 40 draws find none)")
    story = Choice(("workers", "students", "pilots"), base="workers", role="surface", help="who and what")
    representation = Choice(("by_worker", "by_job", "pairs"), base="by_worker", role="surface",
                            help="the can-do pairs listed per worker, per job, or one sentence each")

    def generate(self, p: Params, rng: Random) -> Problem:
        who, what, pool, can, by, rule, fit, covered = _STORIES[p.story]
        gap = rng.randint(0, min(p.shortfall, min(p.workers, p.jobs) - 1))
        for _ in range(40):
            pairs = draw_pairs(rng, p.workers, p.jobs, p.density, gap)
            heads = list(range(p.workers if p.representation != "by_job" else p.jobs))
            rng.shuffle(heads)
            side = 1 if p.representation == "by_job" else 0
            listing = [e for h in heads for e in rng.sample([e for e in pairs if e[side] == h],
                                                           sum(e[side] == h for e in pairs))]
            if p.representation == "pairs":
                rng.shuffle(listing)
            if not p.trap or len(greedy(listing)) < min(p.workers, p.jobs) - gap:
                break
        people = rng.sample(_PEOPLE, p.workers)
        tasks = rng.sample(pool, p.jobs)
        lines = [f"There are {p.workers} {who}s ({', '.join(people)}) and {p.jobs} {what}s "
                 f"({', '.join(tasks)}). {rule}"]
        if p.representation == "by_worker":
            lines += [f"{people[h]} {can}: " + (", ".join(tasks[y] for x, y in listing if x == h) or "nothing")
                      + "." for h in heads]
        elif p.representation == "by_job":
            lines += [f"{what.capitalize()} {tasks[h]} {by}: "
                      + (", ".join(people[x] for x, y in listing if y == h) or "nobody") + "." for h in heads]
        else:
            lines += [f"{people[x]} {can} {tasks[y]}." for x, y in listing]
        if p.ask == "count":
            question = (f"What is the largest number of {what}s that can be {covered} at the same time, each by "
                        f"a {who} who {can} it?")
            form = AnswerType.INTEGER.sentence(f"that number of {what}s")
            answer_type = AnswerType.INTEGER
        else:
            question = (f"Assign {who}s to {what}s, each {who} only to {fit}, so that as many {what}s as possible "
                        f"are {covered} at the same time. Any assignment with the largest possible number of "
                        f"{what}s {covered} is accepted.")
            form = AnswerType.SET.sentence(f"the pairs (each written as {who}={what}, the two names with no spaces)")
            answer_type = AnswerType.SET
        prompt = "\n".join(lines) + "\n\n" + question + "\n" + form
        return Problem(prompt, {"people": people, "tasks": tasks, "pairs": pairs, "listing": listing,
                                "ask": p.ask}, answer_type)

    def solve(self, problem: Problem) -> int | list[str]:
        d = problem.data
        g = nx.Graph()
        left = [("w", x) for x in range(len(d["people"]))]
        g.add_nodes_from(left)
        g.add_nodes_from(("j", y) for y in range(len(d["tasks"])))
        g.add_edges_from((("w", x), ("j", y)) for x, y in d["pairs"])
        match = nx.bipartite.hopcroft_karp_matching(g, top_nodes=left)
        chosen = sorted((u[1], v[1]) for u, v in match.items() if u[0] == "w")
        if d["ask"] == "count":
            return len(chosen)
        return [f"{d['people'][x]}={d['tasks'][y]}" for x, y in chosen]

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        best = kuhn(len(d["people"]), d["pairs"])
        if d["ask"] == "count":
            return match_integer(answer, best)
        people = {name.casefold(): i for i, name in enumerate(d["people"])}
        tasks = {name.casefold(): i for i, name in enumerate(d["tasks"])}
        allowed = {(x, y) for x, y in d["pairs"]}
        used_w, used_j = set(), set()
        for item in answer:
            parts = [s.strip().casefold() for s in str(item).split("=")]
            if len(parts) != 2 or parts[0] not in people or parts[1] not in tasks:
                return wrong(f"{item!r} is not a pair written as name=name of the problem")
            x, y = people[parts[0]], tasks[parts[1]]
            if (x, y) not in allowed:
                return wrong(f"{d['people'][x]} cannot take {d['tasks'][y]}")
            if x in used_w or y in used_j:
                return wrong(f"{item!r} reuses a name already assigned")
            used_w.add(x)
            used_j.add(y)
        if len(used_w) != best:
            return wrong(f"{len(used_w)} pairs, but {best} can be covered at once")
        return Verdict(True)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = self.solve(problem)
        quick = greedy(d["listing"])
        if d["ask"] == "count":
            cands = [str(len(quick)), str(min(len(d["people"]), len(d["tasks"]))), str(right + 1), str(right - 1)]
            return distinct(str(right), cands + [hedge(str(right), str(right + 1))])
        text = ", ".join(right)
        shorter = ", ".join(right[:-1]) or "none"
        cands = [shorter]
        if len(quick) < len(right):  # the greedy assignment, valid but not the largest
            cands.append(", ".join(f"{d['people'][x]}={d['tasks'][y]}" for x, y in quick))
        x, _ = right[0].split("=")
        banned = [t for t in d["tasks"] if [d["people"].index(x), d["tasks"].index(t)] not in d["pairs"]]
        if banned:  # one worker given a job they cannot do
            cands.append(", ".join([f"{x}={rng.choice(banned)}", *right[1:]]))
        if len(right) >= 2:  # two workers on one job
            cands.append(", ".join([right[0], right[1].split("=")[0] + "=" + right[0].split("=")[1], *right[2:]]))
        return distinct(text, cands + [hedge(text, shorter)])
