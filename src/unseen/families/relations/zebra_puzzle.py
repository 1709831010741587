"""zebra_puzzle: Einstein-style puzzles: positions in a row, attributes, clues, one solution.

A hidden arrangement gives every position one value of each attribute. Clues true of it
are added until exactly one arrangement fits (python-sat, an incremental check against
the hidden one), pruned to a minimal set, then padded with ``redundant`` true clues. The
question asks the number of the position holding some value, or which value of another
attribute goes with it.

Logic variables: ``houses`` (3..7 positions), ``attributes`` (2..6), ``clue_kinds`` (same /
at-position only; plus next-to and left-of; plus negative clues), ``givens`` (clues that
state a position outright), ``redundant`` and ``ask``. Surface: ``theme`` (houses,
offices, ships), ``phrasing`` (left-of clues told as left, right or either) and ``order``.

Label: z3 over integer positions with Distinct per attribute; it counts solutions up to 2
and refuses a puzzle that is not unique. ``check`` uses a separate one-hot CNF in
python-sat: the answer is right when the puzzle with it is satisfiable and the puzzle with
its negation is not.
"""

from __future__ import annotations

from random import Random

import z3
from pysat.solvers import Minisat22

from unseen.author import AnswerType, Choice, IntRange, Params, Problem, Verdict, distinct, family, hedge, wrong

_THEMES = {  # intro, position clue, number question, [(attribute, descriptor, values)]
    "houses": ("{n} houses stand in a row, numbered 1 to {n} from left to right.", "house {k}",
               "What is the number of {d}?", [
                   ("colour", "the {v} house", "red green blue yellow white purple orange"),
                   ("nationality", "the {v}'s house", "Briton Swede Dane Norwegian German Spaniard Italian"),
                   ("pet", "the house with the {v}", "dog cat parrot fish horse rabbit tortoise"),
                   ("drink", "the {v} drinker's house", "tea coffee milk juice water cocoa lemonade"),
                   ("job", "the {v}'s house", "painter gardener pianist baker sailor doctor teacher"),
                   ("flower", "the house with {v} in the garden",
                    "roses tulips daisies lilies poppies irises asters")]),
    "offices": ("{n} offices line a corridor, numbered 1 to {n} from left to right.", "office {k}",
                "What is the number of {d}?", [
                    ("employee", "{v}'s office", "Alice Bruno Chloe Dmitri Elena Farid Greta"),
                    ("department", "the {v} office", "sales legal design finance research support marketing"),
                    ("plant", "the office with the {v}", "cactus fern orchid bonsai palm ivy aloe"),
                    ("mug", "the office with the {v} mug", "red green blue yellow white black grey"),
                    ("snack", "the office with a bowl of {v}", "apples biscuits nuts grapes crisps sweets pretzels"),
                    ("music", "the office playing {v}", "jazz rock folk opera techno reggae blues")]),
    "ships": ("{n} ships are moored side by side at berths numbered 1 to {n} from left to right.", "at berth {k}",
              "What is the berth number of {d}?", [
                  ("flag", "the ship with the {v} flag", "red green blue yellow white black orange"),
                  ("captain", "Captain {v}'s ship", "Ahmed Bea Carlos Dora Emil Fiona Gus"),
                  ("cargo", "the ship carrying {v}", "tea wool salt timber copper spices grain"),
                  ("destination", "the ship bound for {v}", "Lisbon Oslo Naples Dublin Riga Tunis Malta"),
                  ("mascot", "the ship with a {v} on board", "parrot monkey goat dog cat turtle ferret"),
                  ("figurehead", "the ship with a {v} figurehead", "mermaid lion eagle dragon swan unicorn dolphin")]),
}
_KINDS = {"basic": ("same", "at"), "positional": ("same", "next", "left", "before"),
          "negative": ("same", "next", "left", "before", "not_same", "not_next", "not_at")}
_WEIGHT = {"same": 3, "at": 2, "next": 2, "left": 2, "before": 1, "not_same": 1, "not_next": 1, "not_at": 1}


def holds(kind: str, pa: int, pb: int) -> bool:
    """Whether a clue of ``kind`` holds for positions pa, pb (pb is the position k for at/not_at)."""
    if kind in ("same", "at"):
        return pa == pb
    if kind in ("not_same", "not_at"):
        return pa != pb
    if kind == "next":
        return abs(pa - pb) == 1
    if kind == "not_next":
        return abs(pa - pb) != 1
    return pb == pa + 1 if kind == "left" else pa < pb


class Cnf:
    """One-hot CNF of an arrangement: x(item, p) says the item stands at position p."""

    def __init__(self, n: int, m: int):
        self.n, self.m = n, m
        self.solver = Minisat22()
        self.top = n * m * n
        for c in range(m):
            for p in range(n):
                self._exactly_one([self.x((c, v), p) for v in range(n)])
            for v in range(n):
                self._exactly_one([self.x((c, v), p) for p in range(n)])

    def x(self, item, p: int) -> int:
        return 1 + (item[0] * self.n + item[1]) * self.n + p

    def _exactly_one(self, lits: list[int]) -> None:
        self.solver.add_clause(lits)
        for i, a in enumerate(lits):
            for b in lits[i + 1:]:
                self.solver.add_clause([-a, -b])

    def clause_set(self, kind: str, a, b) -> list[list[int]]:
        n, x = self.n, self.x
        if kind in ("at", "not_at"):
            return [[x(a, b)]] if kind == "at" else [[-x(a, b)]]
        out = []
        for p in range(n):
            if kind == "same":
                out += [[-x(a, p), x(b, p)], [x(a, p), -x(b, p)]]
            elif kind == "not_same":
                out.append([-x(a, p), -x(b, p)])
            elif kind in ("next", "left", "before"):
                qs = {"next": [p - 1, p + 1], "left": [p + 1], "before": range(p + 1, n)}[kind]
                out.append([-x(a, p)] + [x(b, q) for q in qs if 0 <= q < n])
            else:  # not_next
                out += [[-x(a, p), -x(b, q)] for q in (p - 1, p + 1) if 0 <= q < n]
        return out

    def selector(self, kind: str, a, b) -> int:
        self.top += 1
        for cl in self.clause_set(kind, a, b):
            self.solver.add_clause(cl + [-self.top])
        return self.top

    def close(self) -> None:
        self.solver.delete()


def z3_solutions(n: int, m: int, clues: list[list], limit: int = 2) -> list[dict]:
    """Arrangements (item -> position) meeting every clue, up to ``limit``, from z3 over integers."""
    pos = {(c, v): z3.Int(f"p{c}_{v}") for c in range(m) for v in range(n)}
    s = z3.Solver()
    for c in range(m):
        s.add(z3.Distinct([pos[c, v] for v in range(n)]))
        s.add(*[z3.And(pos[c, v] >= 0, pos[c, v] < n) for v in range(n)])
    for kind, a, b in clues:
        pa = pos[tuple(a)]
        pb = b if kind in ("at", "not_at") else pos[tuple(b)]
        s.add({"same": pa == pb, "at": pa == pb, "not_same": pa != pb, "not_at": pa != pb,
               "next": z3.Or(pa - pb == 1, pb - pa == 1), "not_next": z3.And(pa - pb != 1, pb - pa != 1),
               "left": pb == pa + 1, "before": pa < pb}[kind])
    found = []
    while len(found) < limit and s.check() == z3.sat:
        model = s.model()
        found.append({k: model.eval(p).as_long() for k, p in pos.items()})
        s.add(z3.Or([p != found[-1][k] for k, p in pos.items()]))
    return found


@family("zebra_puzzle", version=1, domain="relations", answer=(AnswerType.INTEGER, AnswerType.STRING),
        purpose="Solve an Einstein-style logic grid puzzle and name a position or a matching value.")
class ZebraPuzzle:
    houses = IntRange(3, 7, base=4, help="positions in the row (each attribute has this many values)")
    attributes = IntRange(2, 6, base=3, help="attributes per position")
    clue_kinds = Choice(("basic", "positional", "negative"), base="positional", ordered=True,
                        help="same/at only; plus next-to, left-of, somewhere-left; plus negative clues")
    givens = IntRange(0, 3, base=1, levels=(0, 1, 2, 3), simplest=3, help="clues that state a position outright")
    redundant = IntRange(0, 9, base=1, levels=(0, 1, 3, 6, 9), simplest=0, help="true clues beyond a minimal set")
    ask = Choice(("position", "value"), base="position", help="ask a position's number or a matching value")
    theme = Choice(("houses", "offices", "ships"), base="houses", role="surface", help="the story's words")
    phrasing = Choice(("left", "right", "mixed"), base="mixed", role="surface", help="left-of told as left or right")
    order = Choice(("shuffled", "grouped"), base="shuffled", role="surface", help="clue order")

    def generate(self, p: Params, rng: Random) -> Problem:
        n, m = p.houses, p.attributes
        world = [rng.sample(range(n), n) for _ in range(m)]  # world[c][v] = position of value v of attribute c
        items = [(c, v) for c in range(m) for v in range(n)]
        kinds = _KINDS[p.clue_kinds]
        cnf = Cnf(n, m)
        cnf.top += 1  # a selector for "some arrangement other than the hidden one"
        planted = cnf.top
        cnf.solver.add_clause([-planted] + [-cnf.x(it, world[it[0]][it[1]]) for it in items])

        def unique(chosen: list[int]) -> bool:
            return not cnf.solver.solve(assumptions=[*chosen, planted])

        pool: dict[str, list[list]] = {k: [] for k in kinds}  # every true clue of the allowed kinds
        for a in items:
            pa = world[a[0]][a[1]]
            for kind in kinds:
                if kind in ("at", "not_at"):
                    pool[kind] += [[kind, list(a), k] for k in range(n) if holds(kind, pa, k)]
                    continue
                pool[kind] += [[kind, list(a), list(b)] for b in items if b != a and holds(kind, pa, world[b[0]][b[1]])
                               and (a[0] != b[0] or kind not in ("same", "not_same"))]

        def draw_clue(used: list[list]) -> list | None:
            taken = {repr(c) for c in used}
            left = [k for k in kinds if len(pool[k]) > sum(c[0] == k for c in used)]
            if not left:
                return None
            kind = rng.choices(left, [_WEIGHT[k] for k in left])[0]
            for _ in range(20):  # pools are large: a few random picks nearly always find a new clue
                c = rng.choice(pool[kind])
                if repr(c) not in taken:
                    return c
            return rng.choice([c for c in pool[kind] if repr(c) not in taken])

        givens = [["at", list(a), world[a[0]][a[1]]] for a in rng.sample(items, min(p.givens, len(items)))]
        clues: list[list] = []
        sels = [cnf.selector(*g) for g in givens]
        while not unique(sels):
            c = draw_clue(givens + clues)
            if c is None:  # cannot happen: the at- or left-of clues alone fix every position
                raise RuntimeError("no clue set makes the arrangement unique")
            clues.append(c)
            sels.append(cnf.selector(*c))
        keep = list(range(len(clues)))
        for i in rng.sample(range(len(clues)), len(clues)):  # drop every clue the rest do without
            trial = [j for j in keep if j != i]
            if unique(sels[:len(givens)] + [sels[len(givens) + j] for j in trial]):
                keep = trial
        clues = givens + [clues[j] for j in keep]
        if p.ask == "position":  # never a position one clue states outright
            stated = {tuple(c[1]) for c in clues if c[0] == "at"}
            if len(stated) == len(items):  # cannot happen: a minimal set never states an attribute's last value
                cnf.close()
                return self.generate(p, rng)
            target = rng.choice([it for it in items if it not in stated])
            question = ["position", list(target)]
            banned = [["at", list(target), world[target[0]][target[1]]]]
        else:  # never a pair one same-clue states outright
            linked = {(tuple(c[1]), c[2][0]) for c in clues if c[0] == "same"} | \
                     {(tuple(c[2]), c[1][0]) for c in clues if c[0] == "same"}
            pairs = [(it, o) for it in items for o in range(m) if o != it[0] and (it, o) not in linked]
            if not pairs:  # rare: every pair is linked outright; draw the puzzle again
                cnf.close()
                return self.generate(p, rng)
            target, other = rng.choice(pairs)
            question = ["value", list(target), other]
            mate = [other, world[other].index(world[target[0]][target[1]])]
            banned = [["same", list(target), mate], ["same", mate, list(target)]]
        for _ in range(p.redundant):  # as many as there are true clues left
            c = draw_clue(clues + banned)
            if c is not None:
                clues.append(c)
        cnf.close()
        # surface only from here on
        intro, at_phrase, number_q, cats = _THEMES[p.theme]
        names = [[label, pattern, values.split()[:n]] for label, pattern, values in cats[:m]]
        if p.order == "shuffled":
            rng.shuffle(clues)
        else:
            clues.sort(key=lambda c: (list(_WEIGHT).index(c[0]), c[1]))
        mirror = [{"left": False, "right": True}.get(p.phrasing, rng.random() < 0.5) for _ in clues]
        return Problem(self._prompt(n, names, clues, question, mirror, intro, at_phrase, number_q),
                       {"n": n, "names": names, "clues": clues, "question": question},
                       AnswerType.INTEGER if p.ask == "position" else AnswerType.STRING)

    def _prompt(self, n, names, clues, question, mirror, intro, at_phrase, number_q) -> str:
        def d(item) -> str:
            label, pattern, values = names[item[0]]
            return pattern.format(v=values[item[1]])

        lines = []
        for (kind, a, b), flip in zip(clues, mirror, strict=True):
            if kind in ("at", "not_at"):
                text = f"{d(a)} is {'not ' if kind == 'not_at' else ''}{at_phrase.format(k=b + 1)}."
            elif kind in ("left", "before"):
                how = "immediately" if kind == "left" else "somewhere"
                text = f"{d(b)} is {how} to the right of {d(a)}." if flip else f"{d(a)} is {how} to the left of {d(b)}."
            else:
                how = {"same": "", "not_same": "not ", "next": "next to ", "not_next": "not next to "}[kind]
                text = f"{d(a)} is {how}{d(b)}."
            lines.append(f"{len(lines) + 1}. {text[0].upper()}{text[1:]}")
        listing = "\n".join(f"- {label}: {', '.join(values)}" for label, _, values in names)
        if question[0] == "position":
            ask = number_q.format(d=d(question[1])) + "\n" + AnswerType.INTEGER.sentence("that number")
        else:
            label = names[question[2]][0]
            ask = (f"Which {label} goes with {d(question[1])}?\n"
                   + AnswerType.STRING.sentence(f"the {label}, written as in the list above"))
        return (f"{intro.format(n=n)} Each of them has exactly one value of each attribute below, and no two of "
                f"them share a value:\n{listing}\n\n'Next to' means immediately beside; 'somewhere to the left of' "
                "means at any smaller number, and 'somewhere to the right of' at any larger number. "
                f"Exactly one arrangement fits all the clues.\n\nClues:\n" + "\n".join(lines) + f"\n\n{ask}")

    def solve(self, problem: Problem) -> int | str:
        d = problem.data
        found = z3_solutions(d["n"], len(d["names"]), d["clues"])
        if len(found) != 1:
            raise ValueError(f"the puzzle has {len(found)} solutions, not one")
        world, q = found[0], d["question"]
        if q[0] == "position":
            return world[tuple(q[1])] + 1
        at = world[tuple(q[1])]
        return next(d["names"][q[2]][2][v] for v in range(d["n"]) if world[q[2], v] == at)

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        n, m, q = d["n"], len(d["names"]), d["question"]
        if q[0] == "position":
            if not isinstance(answer, int) or not 1 <= answer <= n:
                return wrong(f"{answer} is not a position 1..{n}")
            claim = ("at", tuple(q[1]), answer - 1)
        else:
            values = [v.casefold() for v in d["names"][q[2]][2]]
            if " ".join(str(answer).split()).casefold() not in values:
                return wrong(f"{answer!r} is not a value of {d['names'][q[2]][0]}")
            claim = ("same", tuple(q[1]), (q[2], values.index(" ".join(str(answer).split()).casefold())))
        cnf = Cnf(n, m)
        try:
            sels = [cnf.selector(k, tuple(a), b if k in ("at", "not_at") else tuple(b)) for k, a, b in d["clues"]]
            yes = cnf.selector(*claim)
            no = cnf.selector({"at": "not_at", "same": "not_same"}[claim[0]], claim[1], claim[2])
            possible = cnf.solver.solve(assumptions=[*sels, yes])
            forced = not cnf.solver.solve(assumptions=[*sels, no])
        finally:
            cnf.close()
        if possible and forced:
            return Verdict(True)
        return wrong("the clues rule that answer out" if not possible else "the clues do not force that answer")

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = self.solve(problem)
        if isinstance(right, int):
            cands = [str(k) for k in (right - 1, right + 1, d["n"] + 1 - right) if 1 <= k <= d["n"]]
            return distinct(str(right), [*cands, hedge(str(right), cands[0])])
        values = d["names"][d["question"][2]][2]
        others = [v for v in values if v != right]
        picks = rng.sample(others, min(2, len(others)))
        return distinct(right, [*picks, hedge(right, picks[0])])
