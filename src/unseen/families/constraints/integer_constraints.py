"""integer_constraints: find whole-number unknowns from sum, difference, multiple, order,
parity and product constraints, with exactly one solution.

A hidden solution in 1..bound is drawn; true constraints are added until z3 finds no other
solution, pruned to a minimal set, and ``redundant`` true constraints are added back.

Logic variables: ``unknowns`` (2..5), ``kinds`` (sums, differences and multiples; plus order,
bounds and parity; plus products and divisibility), ``bound`` (largest value allowed),
``max_terms`` (unknowns a sum may add up), ``redundant`` and ``ask`` (every value or one).
Surface: ``skin`` (ages, coins, boxes), ``notation`` (sentences or symbols) and ``order``.

Label: z3 over bounded integers; it counts solutions up to 2 and refuses a system that is
not unique. ``check`` never calls z3: a backtracking search over 1..bound with forward
checking (a constraint with one unknown left filters that unknown's values) finds every
solution up to two, and the answer must be the only one.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from random import Random

import z3

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
    match_sequence,
    sequence_misses,
    wrong,
)

_KINDS = {"linear": ("sum", "diff", "times"), "with_order": ("sum", "diff", "times", "gt", "below", "parity"),
          "with_products": ("sum", "diff", "times", "gt", "below", "parity", "prod", "mult")}
_SKINS = {  # names, intro, how one value is named, what the question asks for
    "ages": (["Ann", "Ben", "Cal", "Dee", "Eve"],
             "{who} are each from 1 to {b} years old (whole years, 1 and {b} included).",
             "{n}'s age", "each person's age"),
    "coins": (["Ann", "Ben", "Cal", "Dee", "Eve"], "{who} each have from 1 to {b} coins (1 and {b} included).",
              "the number of {n}'s coins", "how many coins each person has"),
    "boxes": (["box A", "box B", "box C", "box D", "box E"],
              "{who} each hold from 1 to {b} marbles (1 and {b} included).",
              "the number of marbles in {n}", "how many marbles each box holds"),
}


def holds(c: list, x: list[int]) -> bool:
    """Whether constraint ``c`` is true of the values ``x``."""
    kind = c[0]
    if kind == "sum":
        return sum(x[i] for i in c[1]) == c[2]
    if kind == "prod":
        return math.prod(x[i] for i in c[1]) == c[2]
    if kind == "diff":
        return x[c[1]] - x[c[2]] == c[3]
    if kind == "times":
        return x[c[1]] == c[3] * x[c[2]]
    if kind == "gt":
        return x[c[1]] > x[c[2]]
    if kind == "below":
        return x[c[1]] < c[2]
    if kind == "parity":
        return x[c[1]] % 2 == c[2]
    return x[c[1]] % c[2] == 0  # mult


def unknowns_of(c: list) -> list[int]:
    return list(c[1]) if c[0] in ("sum", "prod") else [c[1], c[2]] if c[0] in ("diff", "times", "gt") else [c[1]]


def draw_constraint(rng: Random, kind: str, x: list[int], max_terms: int, bound: int) -> list | None:
    """A random constraint of ``kind`` that the values ``x`` satisfy (None when none fits)."""
    k = len(x)
    i, j = rng.sample(range(k), 2)
    if kind == "sum":
        idx = sorted(rng.sample(range(k), rng.randint(2, min(max_terms, k))))
        return ["sum", idx, sum(x[t] for t in idx)]
    if kind == "prod":
        return ["prod", sorted([i, j]), x[i] * x[j]]
    if kind == "diff":
        return ["diff", i, j, x[i] - x[j]] if x[i] > x[j] else None
    if kind == "times":
        for t in (2, 3, 4):
            if x[i] == t * x[j]:
                return ["times", i, j, t]
        return None
    if kind == "gt":
        return ["gt", i, j] if x[i] > x[j] else None
    if kind == "below":
        return ["below", i, rng.randint(x[i] + 1, min(x[i] + 4, bound))] if x[i] < bound else None
    if kind == "parity":
        return ["parity", i, x[i] % 2]
    m = rng.choice([d for d in (3, 4, 5) if x[i] % d == 0] or [0])
    return ["mult", i, m] if m else None


def z3_constraint(c: list, xs):
    """Constraint ``c`` over the z3 integers ``xs``."""
    kind = c[0]
    if kind in ("sum", "prod"):
        terms = [xs[i] for i in c[1]]
        return (z3.Sum(terms) if kind == "sum" else z3.Product(terms)) == c[2]
    if kind == "diff":
        return xs[c[1]] - xs[c[2]] == c[3]
    if kind == "times":
        return xs[c[1]] == c[3] * xs[c[2]]
    if kind == "gt":
        return xs[c[1]] > xs[c[2]]
    if kind == "below":
        return xs[c[1]] < c[2]
    return xs[c[1]] % (2 if kind == "parity" else c[2]) == (c[2] if kind == "parity" else 0)


def z3_solutions(k: int, bound: int, constraints: list[list], limit: int = 2) -> list[list[int]]:
    """The label's solver: solutions in 1..bound, up to ``limit``, each new one blocked in turn."""
    xs = z3.IntVector("x", k)
    s = z3.Solver()
    s.add(*[z3.And(v >= 1, v <= bound) for v in xs], *[z3_constraint(c, xs) for c in constraints])
    found: list[list[int]] = []
    while len(found) < limit and s.check() == z3.sat:
        found.append([s.model().eval(v).as_long() for v in xs])
        s.add(z3.Or([v != val for v, val in zip(xs, found[-1], strict=True)]))
    return found


def _supported(c: list, t: int, v: int, dom: list[set[int]]) -> bool:
    """Whether unknown t may take v under constraint c, given the other unknowns' values left
    (a sound test: a value it rejects is in no solution)."""
    kind, others = c[0], [i for i in unknowns_of(c) if i != t]
    if kind == "sum":
        rest = c[2] - v
        return sum(min(dom[i]) for i in others) <= rest <= sum(max(dom[i]) for i in others)
    if kind == "prod":
        return c[2] % v == 0 and c[2] // v in dom[others[0]]
    if kind in ("diff", "times", "gt"):
        i, j = c[1], c[2]
        if kind == "diff":
            return (v - c[3] in dom[j]) if t == i else (v + c[3] in dom[i])
        if kind == "times":
            return (v % c[3] == 0 and v // c[3] in dom[j]) if t == i else (v * c[3] in dom[i])
        return v > min(dom[j]) if t == i else v < max(dom[i])
    return holds(c, [v if i == t else 0 for i in range(len(dom))])  # below, parity, mult: one unknown


def search(k: int, bound: int, constraints: list[list], limit: int = 2) -> list[list[int]]:
    """Every solution in 1..bound (up to ``limit``): depth-first search that, at each step, drops
    values no constraint can support, then tries each value of the unknown with fewest left."""
    found: list[list[int]] = []

    def go(dom: list[set[int]]) -> None:
        changed = True
        while changed:
            changed = False
            for c in constraints:
                for t in unknowns_of(c):
                    keep = {v for v in dom[t] if _supported(c, t, v, dom)}
                    if not keep:
                        return
                    if keep != dom[t]:
                        dom[t], changed = keep, True
        if len(found) >= limit:
            return
        if all(len(d) == 1 for d in dom):
            x = [next(iter(d)) for d in dom]
            if all(holds(c, x) for c in constraints):
                found.append(x)
            return
        var = min((i for i in range(k) if len(dom[i]) > 1), key=lambda i: len(dom[i]))
        for value in sorted(dom[var]):
            go([{value} if i == var else set(d) for i, d in enumerate(dom)])

    go([set(range(1, bound + 1)) for _ in range(k)])
    return found


@lru_cache(maxsize=256)
def _searched(k: int, bound: int, constraints: str) -> list[list[int]]:
    """``search`` remembered per system: check runs once for the reference and once per near miss."""
    return search(k, bound, json.loads(constraints))


@family("integer_constraints", version=1, domain="constraints", answer=(AnswerType.SEQUENCE, AnswerType.INTEGER),
        purpose="Find whole-number unknowns from sum, difference, order, parity and product constraints.")
class IntegerConstraints:
    unknowns = IntRange(2, 5, base=3, help="number of unknowns")
    kinds = Choice(("linear", "with_order", "with_products"), base="with_order", ordered=True,
                   help="sums, differences, multiples; plus order, upper bounds, parity; plus products, divisibility")
    bound = IntRange(5, 40, base=12, levels=(5, 8, 12, 20, 30, 40), help="every unknown is a whole number 1..bound")
    max_terms = IntRange(2, 4, base=2, help="most unknowns one sum adds up (capped by the unknowns)")
    redundant = IntRange(0, 3, base=0, simplest=0, help="true constraints beyond a minimal set")
    ask = Choice(("all", "one"), base="all", help="every value in order, or the value of one unknown")
    skin = Choice(("ages", "coins", "boxes"), base="ages", role="surface", help="the story")
    notation = Choice(("words", "symbols"), base="words", role="surface", help="sentences or equations")
    order = Choice(("shuffled", "by_kind"), base="shuffled", role="surface", help="order of the constraints")

    def generate(self, p: Params, rng: Random) -> Problem:
        k, b = p.unknowns, p.bound
        kinds = _KINDS[p.kinds]
        while True:  # a hidden solution the allowed kinds can pin down (not e.g. 5, 5 with sums only)
            x = [rng.randint(1, b) for _ in range(k)]
            xs = z3.IntVector("x", k)
            solver = z3.Solver()
            solver.add(*[z3.And(v >= 1, v <= b) for v in xs])
            other = z3.Bool("other")  # "some solution besides the hidden one"
            solver.add(z3.Implies(other, z3.Or([v != val for v, val in zip(xs, x, strict=True)])))
            chosen: list[list] = []
            tags: list = []

            def unique(tagset: list, solver=solver, other=other) -> bool:
                return solver.check(*tagset, other) == z3.unsat

            misses = 0
            while misses < 200 and not unique(tags):
                c = draw_constraint(rng, rng.choice(kinds), x, p.max_terms, b)
                if c is None or c in chosen:
                    misses += 1
                    continue
                tag = z3.Bool(f"c{len(chosen)}")
                solver.add(z3.Implies(tag, z3_constraint(c, xs)))
                chosen.append(c)
                tags.append(tag)
            if misses < 200:
                break
        keep = list(range(len(chosen)))
        for i in rng.sample(range(len(chosen)), len(chosen)):  # drop every constraint the rest do without
            trial = [j for j in keep if j != i]
            if unique([tags[j] for j in trial]):
                keep = trial
        constraints = [chosen[j] for j in keep]
        tries = 0
        while len(constraints) < len(keep) + p.redundant and tries < 50:
            tries += 1
            c = draw_constraint(rng, rng.choice(kinds), x, p.max_terms, b)
            if c is not None and c not in constraints:
                constraints.append(c)
        target = rng.randrange(k)
        # surface only from here on
        if p.order == "shuffled":
            rng.shuffle(constraints)
        else:
            constraints.sort(key=lambda c: (_KINDS["with_products"].index(c[0]), unknowns_of(c)))
        names = _SKINS[p.skin][0][:k]
        question = ["all"] if p.ask == "all" else ["one", target]
        prompt = self._prompt(p, names, constraints, question)
        return Problem(prompt, {"bound": b, "names": names, "constraints": constraints, "question": question},
                       AnswerType.SEQUENCE if p.ask == "all" else AnswerType.INTEGER)

    def _prompt(self, p: Params, names: list[str], constraints: list[list], question: list) -> str:
        _, intro, value, all_of = _SKINS[p.skin]
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        words = p.notation == "words"
        sym = [n.split()[-1] if p.skin == "boxes" else n[0].lower() for n in names]

        def val(i: int) -> str:
            return value.format(n=names[i]) if words else sym[i]

        lines = []
        for c in constraints:
            kind = c[0]
            if kind in ("sum", "prod"):
                op = " + " if kind == "sum" else " × "
                parts = [val(i) for i in c[1]]
                if words:
                    joined = ", ".join(parts[:-1]) + " and " + parts[-1]
                    text = f"{'The sum' if kind == 'sum' else 'The product'} of {joined} is {c[2]}."
                else:
                    text = f"{op.join(parts)} = {c[2]}"
            elif kind == "diff":
                text = (f"{val(c[1])} is {c[3]} more than {val(c[2])}." if words
                        else f"{sym[c[1]]} − {sym[c[2]]} = {c[3]}")
            elif kind == "times":
                t = {2: "twice", 3: "three times", 4: "four times"}[c[3]]
                text = f"{val(c[1])} is {t} {val(c[2])}." if words else f"{sym[c[1]]} = {c[3]} × {sym[c[2]]}"
            elif kind == "gt":
                text = f"{val(c[1])} is greater than {val(c[2])}." if words else f"{sym[c[1]]} > {sym[c[2]]}"
            elif kind == "below":
                text = f"{val(c[1])} is less than {c[2]}." if words else f"{sym[c[1]]} < {c[2]}"
            elif kind == "parity":
                even = "even" if c[2] == 0 else "odd"
                text = f"{val(c[1])} is {even}." if words else f"{sym[c[1]]} is {even}"
            else:
                text = f"{val(c[1])} is a multiple of {c[2]}." if words else f"{sym[c[1]]} is a multiple of {c[2]}"
            lines.append("- " + text[0].upper() + text[1:])
        head = intro.format(who=listed, b=p.bound)
        head = head[0].upper() + head[1:]
        if not words:
            head += " Write " + ", ".join(f"{s} for {value.format(n=n)}" for s, n in zip(sym, names, strict=True)) + "."
        ask = (f"Exactly one choice of values fits every statement. Find {all_of}, in the order "
               f"{', '.join(names)}.\n" + AnswerType.SEQUENCE.sentence("the numbers")
               if question[0] == "all" else
               f"Exactly one choice of values fits every statement. What is {value.format(n=names[question[1]])}?\n"
               + AnswerType.INTEGER.sentence("that number"))
        return f"{head}\n\n" + "\n".join(lines) + f"\n\n{ask}"

    def solve(self, problem: Problem):
        d = problem.data
        found = z3_solutions(len(d["names"]), d["bound"], d["constraints"])
        if len(found) != 1:
            raise ValueError(f"{len(found)} solutions, not one")
        return found[0] if d["question"][0] == "all" else found[0][d["question"][1]]

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        k = len(d["names"])
        found = _searched(k, d["bound"], json.dumps(d["constraints"]))
        if len(found) != 1:
            raise ValueError(f"the search finds {len(found)} solutions, not one")
        if d["question"][0] == "one":
            return match_integer(answer, found[0][d["question"][1]])
        if len(answer) != k:
            return wrong(f"{len(answer)} numbers, expected {k}")
        return match_sequence(answer, [str(v) for v in found[0]])

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        right = self.solve(problem)
        if isinstance(right, int):
            return distinct(str(right), [str(right + 1), str(right - 1), hedge(str(right), str(right + 1))])
        bumped = list(right)
        bumped[rng.randrange(len(right))] += 1
        return sequence_misses(right, rng) + distinct(", ".join(map(str, right)), [", ".join(map(str, bumped))])

