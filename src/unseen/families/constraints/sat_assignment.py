"""sat_assignment: find a satisfying assignment of a CNF formula, or say there is none.

The formula is a list of clauses over n variables (at least one clause has only positive
literals, so the all-false assignment never satisfies it and the empty answer never
arises). The answer is the set of variables that are true in any satisfying assignment
(every one passes) or `none` when no assignment satisfies every clause. Four draws in ten
aim at an unsatisfiable formula (so neither outcome reaches two thirds); at the sparsest
settings an unsatisfiable one is not always found and the draw stays satisfiable.

Logic variables: ``variables`` (n, 5..16), ``width`` (literals per clause, capped at n-2),
``density`` (clauses as a percentage of the width's satisfiability threshold: about 2.0,
4.6 and 10 clauses per variable) and ``units`` (extra one-literal clauses). Surface:
``notation`` (symbols, words, DIMACS-like numbers), ``naming`` (x1.. or letters) and
``order`` (clauses shuffled or sorted).

Label: python-sat (Minisat22) decides satisfiability and gives a model. ``check`` never
calls a solver: it evaluates every clause on the given assignment, and confirms `none` by
exhaustive enumeration of all 2^n assignments (bit-parallel over big integers).
"""

from __future__ import annotations

from random import Random

from pysat.solvers import Minisat22

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
    letter,
    wrong,
)

_THRESHOLD = {2: 2.0, 3: 4.6, 4: 10.0}  # clauses per variable where about half of random formulas are satisfiable
_UNSAT_SHARE = 0.4


def _clause(rng: Random, n: int, w: int) -> tuple[int, ...]:
    picked = rng.sample(range(1, n + 1), w)
    return tuple(sorted((v if rng.random() < 0.5 else -v for v in picked), key=abs))


def draw_formula(rng: Random, n: int, w: int, m: int, units: int, plant: list[bool] | None = None) -> list[list[int]]:
    """m distinct clauses of width w plus ``units`` one-literal clauses; with ``plant``, every
    clause is true under it. Some clause is all-positive, so all-false is never a model."""
    seen: set[tuple[int, ...]] = set()
    out: list[tuple[int, ...]] = []
    while len(out) < m + units:
        c = _clause(rng, n, w if len(out) < m else 1)
        if c in seen or (plant and not any((lit > 0) == plant[abs(lit) - 1] for lit in c)):
            continue
        if len(out) >= m and any(-c[0] in d for d in out if len(d) == 1):
            continue
        seen.add(c)
        out.append(c)
    if not any(all(lit > 0 for lit in c) for c in out):
        cands = [i for i, c in enumerate(out) if plant is None or any(plant[abs(lit) - 1] for lit in c)]
        i = rng.choice(cands) if cands else 0
        out[i] = tuple(abs(lit) for lit in out[i])
        if not cands or len(set(out)) < len(out):  # a copy of another clause, or no clause to turn: draw again
            return draw_formula(rng, n, w, m, units, plant)
    return [list(c) for c in out]


def pysat_model(clauses: list[list[int]]) -> list[int] | None:
    with Minisat22(bootstrap_with=clauses) as solver:
        return solver.get_model() if solver.solve() else None


def _repair_to_unsat(rng: Random, n: int, clauses: list[list[int]], tries: int = 150) -> list[list[int]] | None:
    """Replace clauses, one model at a time, by clauses that model falsifies, until none is left."""
    f = [list(c) for c in clauses]
    for _ in range(tries):
        model = pysat_model(f)
        if model is None:
            return f if any(all(lit > 0 for lit in c) for c in f) else None
        val = {abs(lit): lit > 0 for lit in model}
        wide = [i for i, c in enumerate(f) if len(c) > 1]
        score = {i: sum((lit > 0) == val.get(abs(lit), False) for lit in f[i]) for i in wide}
        top = max(score.values())
        i = rng.choice([j for j in wide if score[j] == top])
        picked = rng.sample(range(1, n + 1), len(f[i]))
        new = sorted((-v if val.get(v, False) else v for v in picked), key=abs)
        if new not in f:
            f[i] = new
    return None


def assignments_mask(n: int, clauses: list[list[int]]) -> int:
    """Bit a of the result is 1 when assignment a (bit i-1 of a = variable i) satisfies every clause."""
    full = (1 << (1 << n)) - 1
    true_of = []
    for i in range(n):  # the 2^n-bit truth table of variable i+1
        block = (1 << (1 << i)) - 1
        period = block << (1 << i)
        pattern = 0
        for start in range(0, 1 << n, 2 << i):
            pattern |= period << start
        true_of.append(pattern)
    sat = full
    for clause in clauses:
        c = 0
        for lit in clause:
            c |= true_of[lit - 1] if lit > 0 else full ^ true_of[-lit - 1]
        sat &= c
    return sat


_NOTATION_HEAD = {
    "symbols": "The formula below is written with ∨ for 'or', ¬ for 'not' and ∧ for 'and'; it is a conjunction "
               "of clauses, one per line.",
    "words": "The formula below is a list of clauses, one per line; each clause joins its parts with 'or'.",
    "dimacs": "The formula below is written in DIMACS style: each line after the header `p cnf <variables> "
              "<clauses>` is one clause ending with 0; a number k stands for variable number k being true and "
              "-k for variable number k being false.",
}


def render_clause(clause: list[int], names: list[str], notation: str) -> str:
    if notation == "dimacs":
        return " ".join(str(lit) for lit in clause) + " 0"
    if notation == "symbols":
        return "(" + " ∨ ".join(("" if lit > 0 else "¬") + names[abs(lit) - 1] for lit in clause) + ")"
    return " or ".join(("" if lit > 0 else "not ") + names[abs(lit) - 1] for lit in clause)


@family("sat_assignment", version=1, domain="constraints", answer=AnswerType.SET,
        purpose="Find the true variables of an assignment satisfying every clause of a CNF formula, or say none.")
class SatAssignment:
    variables = IntRange(5, 16, base=6, levels=(5, 6, 8, 10, 12, 16), help="number of variables")
    width = IntRange(2, 4, base=3, help="literals per clause (capped at variables - 2)")
    density = IntRange(60, 140, base=100, levels=(60, 80, 100, 120, 140), simplest=60,
                       help="clauses as a percentage of the width's threshold (2.0, 4.6, 10 clauses per variable)")
    units = IntRange(0, 3, base=0, simplest=0, help="extra one-literal clauses")
    notation = Choice(("words", "symbols", "dimacs"), base="words", role="surface", help="how clauses are written")
    naming = Choice(("indexed", "letters"), base="indexed", role="surface", help="x1, x2, ... or A, B, ...")
    order = Choice(("shuffled", "sorted"), base="shuffled", role="surface", help="order of the clauses")
    binary_answer = ("satisfiable or not is the decision under the answer: 'none' (unsatisfiable) is one of two "
                     "balanced outcomes, about 40% of the draws by design; every satisfiable draw has its own sets")

    def generate(self, p: Params, rng: Random) -> Problem:
        n, w = p.variables, min(p.width, p.variables - 2)
        m = max(2, round(_THRESHOLD[w] * n * p.density / 100))
        want_unsat = rng.random() < _UNSAT_SHARE
        clauses = None
        for _ in range(120):
            f = draw_formula(rng, n, w, m, p.units)
            if (pysat_model(f) is None) == want_unsat:
                clauses = f
                break
        if clauses is None and want_unsat:
            clauses = _repair_to_unsat(rng, n, f)
        if clauses is None:  # satisfiable wanted (or no unsatisfiable draw found): plant a model
            plant = [rng.random() < 0.5 for _ in range(n)]
            plant[rng.randrange(n)] = True
            clauses = draw_formula(rng, n, w, m, p.units, plant)
        if p.order == "sorted":
            clauses.sort(key=lambda c: [abs(lit) for lit in c])
        else:
            rng.shuffle(clauses)
        names = [f"x{i + 1}" for i in range(n)] if p.naming == "indexed" else [letter(i) for i in range(n)]
        lines = [render_clause(c, names, p.notation) for c in clauses]
        if p.notation == "dimacs":
            body = "\n".join([f"p cnf {n} {len(clauses)}", *lines])
            legend = "Variable numbers stand for: " + ", ".join(f"{i + 1} = {x}" for i, x in enumerate(names)) + "."
        elif p.notation == "symbols":
            body = "\n".join(("  " if i == 0 else "∧ ") + line for i, line in enumerate(lines))
            legend = ""
        else:
            body = "\n".join(f"Clause {i + 1}: {line}" for i, line in enumerate(lines))
            legend = ""
        prompt = (f"Each of the {n} variables {', '.join(names)} is either true or false. "
                  f"{_NOTATION_HEAD[p.notation]} A clause is satisfied when at least one of its parts holds "
                  "(a negated variable holds when the variable is false); the formula is satisfied when every "
                  "clause is.\n" + (legend + "\n" if legend else "") + f"\n{body}\n\n"
                  "Find an assignment of true/false values that satisfies the formula, and give the variables it "
                  "makes true (every variable you do not list is false); any satisfying assignment is accepted. "
                  "If no assignment satisfies the formula, answer none.\n"
                  + AnswerType.SET.sentence("the names of the true variables",
                                            empty="no assignment satisfies the formula"))
        return Problem(prompt, {"names": names, "clauses": clauses}, AnswerType.SET)

    def solve(self, problem: Problem) -> list[str]:
        names = problem.data["names"]
        model = pysat_model(problem.data["clauses"])
        if model is None:
            return ["none"]
        return sorted(names[lit - 1] for lit in model if lit > 0)

    def check(self, problem: Problem, answer) -> Verdict:
        names, clauses = problem.data["names"], problem.data["clauses"]
        index = {x.casefold(): i + 1 for i, x in enumerate(names)}
        picked = [" ".join(str(a).split()).casefold() for a in answer]
        if picked == ["none"]:
            sat = assignments_mask(len(names), clauses)
            if sat:
                a = (sat & -sat).bit_length() - 1
                return wrong("the formula is satisfiable, e.g. with true: "
                             + ", ".join(x for i, x in enumerate(names) if a >> i & 1))
            return Verdict(True)
        unknown = [a for a in picked if a not in index]
        if unknown:
            return wrong(f"not variables of the formula: {unknown}")
        true = {index[a] for a in picked}
        for k, clause in enumerate(clauses, 1):
            if not any((lit > 0) == (abs(lit) in true) for lit in clause):
                return wrong(f"clause {k} ({render_clause(clause, names, 'words')}) is false")
        return Verdict(True)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        names, clauses = problem.data["names"], problem.data["clauses"]
        right = self.solve(problem)
        right_s = AnswerType.SET.render(right)

        def falsified(true: set[str]) -> int:
            return sum(not any((lit > 0) == (names[abs(lit) - 1] in true) for lit in c) for c in clauses)

        cands = []
        if right != ["none"]:
            flips = [x for x in names if falsified(set(right) ^ {x})]
            for x in rng.sample(flips, min(2, len(flips))):
                cands.append(sorted(set(right) ^ {x}))
            cands.append(["none"])
        else:  # a few greedy steps toward an assignment that breaks as few clauses as possible
            true = {x for x in names if rng.random() < 0.5}
            for _ in range(3 * len(names)):
                best = min(names, key=lambda x: (falsified(true ^ {x}), rng.random()))
                if falsified(true ^ {best}) >= falsified(true):
                    break
                true ^= {best}
            cands += [sorted(true), list(names)]
        strings = [AnswerType.SET.render(c) for c in cands if c and (c == ["none"] or falsified(set(c)))]
        return distinct(right_s, strings + [hedge(right_s, strings[0] if strings else names[0])])
