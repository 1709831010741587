"""entailment: does a conclusion follow from propositional premises told in words?

Premises use if-then, and, or, either-or-but-not-both, not-both, unless and if-and-only-if
over sentences ("it rains", "the printer works"); distractor premises speak of two other
sentences only. Each instance's premises have both a valid and an invalid candidate
conclusion of the asked form; half the time the valid one is asked (the one that needs
the most premises), half the time an invalid one the premises leave possible.

Logic variables: ``atoms`` (sentences the real premises use), ``premises``,
``connectives`` (if/and/not; plus or and either-or; plus not-both, unless, iff),
``distractors``, ``conclusion`` (a sentence, a conditional or a disjunction), ``nesting``
(compound parts inside if-then) and ``fallacy`` (invalid conclusions shaped as the
converse or inverse of a conditional). Surface: ``vocabulary`` (weather, office, letters),
``order`` and ``negation`` (short or long negations).

Label: z3: the conclusion follows when the premises with its negation are unsatisfiable.
``check`` evaluates every row of the truth table over all the sentences.
"""

from __future__ import annotations

import itertools
from random import Random

import z3

from unseen.author import AnswerType, Choice, Flag, IntRange, Params, Problem, Verdict, distinct, family, hedge

_CONNECTIVES = {"basic": ("if", "and"), "with_or": ("if", "and", "or", "xor"),
                "full": ("if", "and", "or", "xor", "nand", "unless", "iff")}
_VOCAB = {  # ten sentences each: (true form, false form)
    "weather": [("it rains", "it does not rain"), ("it is windy", "it is not windy"),
                ("the sun shines", "the sun does not shine"), ("it is cold", "it is not cold"),
                ("the sky is cloudy", "the sky is not cloudy"), ("it snows", "it does not snow"),
                ("there is fog", "there is no fog"), ("the roads are icy", "the roads are not icy"),
                ("the river floods", "the river does not flood"), ("there is thunder", "there is no thunder")],
    "office": [("the printer works", "the printer does not work"), ("the manager is in", "the manager is not in"),
               ("the meeting starts", "the meeting does not start"),
               ("the report is finished", "the report is not finished"),
               ("the server is down", "the server is not down"),
               ("the coffee machine is on", "the coffee machine is not on"),
               ("the lights are on", "the lights are off"), ("the door is locked", "the door is not locked"),
               ("the phone rings", "the phone does not ring"), ("the mail arrives", "the mail does not arrive")],
    "letters": [(f"{c} is true", f"{c} is false") for c in "PQRSTUVWJK"],
}
_RULES = ("Read every statement as strict logic: 'if A, then B' is false only when A is true and B is false; "
          "'A or B' means at least one of them; 'either A or B, but not both' means exactly one; 'it is not true "
          "that both A and B' means at most one; 'A unless B' means that if B is false, then A is true; 'A if and "
          "only if B' means both or neither.")


def mask(f: list, tables: list[int], full: int) -> int:
    """Bit r is set when row r of the truth table (bit i of r: sentence i) makes f true."""
    op = f[0]
    if op == "atom":
        return tables[f[1]]
    if op == "not":
        return full ^ mask(f[1], tables, full)
    a, b = mask(f[1], tables, full), mask(f[2], tables, full)
    return {"and": a & b, "or": a | b, "xor": a ^ b, "nand": full ^ (a & b), "if": (full ^ a) | b,
            "unless": a | b, "iff": full ^ (a ^ b)}[op]


def truth(f: list, row: tuple[bool, ...]) -> bool:
    """f under one row of truth values (the check's plain evaluation)."""
    op = f[0]
    if op == "atom":
        return row[f[1]]
    if op == "not":
        return not truth(f[1], row)
    a, b = truth(f[1], row), truth(f[2], row)
    if op == "if":
        return (not a) or b
    if op == "unless":
        return b or a
    return {"and": a and b, "or": a or b, "xor": a != b, "nand": not (a and b), "iff": a == b}[op]


def to_z3(f: list, atoms: list):
    op = f[0]
    if op == "atom":
        return atoms[f[1]]
    if op == "not":
        return z3.Not(to_z3(f[1], atoms))
    a, b = to_z3(f[1], atoms), to_z3(f[2], atoms)
    return {"and": z3.And(a, b), "or": z3.Or(a, b), "xor": z3.Xor(a, b), "nand": z3.Not(z3.And(a, b)),
            "if": z3.Implies(a, b), "unless": z3.Or(b, a), "iff": a == b}[op]


def say(f: list, words: list[tuple[str, str]], long_not: bool = False) -> str:
    op = f[0]
    if op == "atom":
        return words[f[1]][0]
    if op == "not" and f[1][0] == "atom":
        return f"it is not the case that {words[f[1][1]][0]}" if long_not else words[f[1][1]][1]
    a, b = say(f[1], words, long_not), say(f[2], words, long_not)
    return {"if": f"if {a}, then {b}", "and": f"{a} and {b}", "or": f"{a} or {b}",
            "xor": f"either {a} or {b}, but not both", "nand": f"it is not true that both {a} and {b}",
            "unless": f"{a} unless {b}", "iff": f"{a} if and only if {b}"}[op]


def _literal(rng: Random, atoms: list[int]) -> list:
    a = ["atom", rng.choice(atoms)]
    return a if rng.random() < 0.6 else ["not", a]


def draw_premise(rng: Random, atoms: list[int], ops: tuple[str, ...], nesting: bool) -> list:
    op = rng.choice(ops)
    for _ in range(20):
        left, right = _literal(rng, atoms), _literal(rng, atoms)
        if op == "if" and nesting and len(atoms) > 2 and rng.random() < 0.5:
            extra = _literal(rng, atoms)
            inner = rng.choice(["and", "or"])
            if rng.random() < 0.5:
                left = [inner, left, extra]
            else:
                right = [inner, right, extra]
        used = [x[1] for x in _leaves(left) + _leaves(right)]
        if len(set(used)) == len(used):
            return [op, left, right]
    return [op, ["atom", atoms[0]], ["atom", atoms[1]]]


def _leaves(f: list) -> list[list]:
    if f[0] == "atom":
        return [f]
    return [leaf for g in f[1:] for leaf in _leaves(g)]


@family("entailment", version=1, domain="logic", answer=AnswerType.BOOLEAN,
        purpose="Decide whether a conclusion follows from propositional premises told in words.")
class Entailment:
    atoms = IntRange(2, 8, base=3, help="sentences the real premises speak of")
    premises = IntRange(1, 6, base=3, help="real premises (before distractors); a nearer number when the atoms "
                                          "allow no set with both a valid and an open conclusion")
    connectives = Choice(("basic", "with_or", "full"), base="with_or", ordered=True,
                         help="if/and; plus or, either-or; plus not-both, unless, if-and-only-if")
    distractors = IntRange(0, 5, base=1, simplest=0, help="premises about two other sentences only")
    conclusion = Choice(("sentence", "conditional", "disjunction"), base="sentence", ordered=True,
                        help="the conclusion: a sentence or its negation, an if-then, an or")
    nesting = Flag(base=False, help="if-then premises may have an and/or part")
    fallacy = Flag(base=False, help="invalid conclusions are the converse or inverse of a conditional when one fits")
    vocabulary = Choice(("weather", "office", "letters"), base="weather", role="surface", help="what the sentences say")
    order = Choice(("shuffled", "alphabetical"), base="shuffled", role="surface", help="order of the statements")
    negation = Choice(("short", "long"), base="short", role="surface",
                      help="'it does not rain' or 'it is not the case that it rains'")

    def _candidates(self, kind: str, n: int) -> list[list]:
        lits = [["atom", i] for i in range(n)] + [["not", ["atom", i]] for i in range(n)]
        if kind == "sentence":
            return lits
        pairs = [(a, b) for a in lits for b in lits if _leaves(a)[0][1] != _leaves(b)[0][1]]
        return [["if" if kind == "conditional" else "or", a, b] for a, b in pairs]

    def generate(self, p: Params, rng: Random) -> Problem:
        n = p.atoms
        total = n + (2 if p.distractors else 0)
        full = (1 << (1 << total)) - 1
        tables = []
        for i in range(total):
            pattern, period = 0, ((1 << (1 << i)) - 1) << (1 << i)
            for start in range(0, 1 << total, 2 << i):
                pattern |= period << start
            tables.append(pattern)
        ops = _CONNECTIVES[p.connectives]
        cands = self._candidates(p.conclusion, n)
        # the asked number of premises first, then nearer numbers when the atoms allow no such set
        valid: list = []
        open_: list = []
        for k in sorted(range(1, 9), key=lambda j: (abs(j - p.premises), j)):
            for _ in range(150):
                prem = [draw_premise(rng, list(range(n)), ops, p.nesting) for _ in range(k)]
                masks = [mask(f, tables, full) for f in prem]
                both = full
                for m in masks:
                    both &= m
                if not both or len(set(masks)) < k or any(m == full for m in masks):
                    continue  # contradictory, repeated or empty premises
                valid, open_ = [], []
                for c in cands:
                    cm = mask(c, tables, full)
                    if cm == full or c in prem:
                        continue  # a tautology, or a premise said again
                    if both & ~cm & full == 0:
                        needed = sum(1 for j in range(k) if _all_but(masks, j, full) & ~cm & full)
                        valid.append((needed, c))
                    elif both & cm:
                        open_.append(c)
                if valid and open_:
                    break
            if valid and open_:
                break
        else:
            raise RuntimeError("no premises with both a valid and an open conclusion")
        if rng.random() < 0.5:
            most = max(needed for needed, _ in valid)
            conclusion = rng.choice([c for needed, c in valid if needed == most])
        else:
            shaped = []
            if p.fallacy:  # the converse or the inverse of a conditional premise or valid conclusion
                conds = [f for f in prem if f[0] == "if"] + [c for _, c in valid if c[0] == "if"]
                for f in conds:
                    neg = [g[1] if g[0] == "not" else ["not", g] for g in (f[1], f[2])]
                    shaped += [c for c in open_ if c in (["if", f[2], f[1]], ["if", neg[0], neg[1]])]
            conclusion = rng.choice(shaped or open_)
        others, extra = [n, n + 1], []
        while len(extra) < p.distractors:  # about two other sentences only, and satisfiable: the answer stays
            f = draw_premise(rng, others, ("if", "or", "xor", "nand") if p.connectives != "basic" else ("if",), False)
            joint = full
            for g in extra + [f]:
                joint &= mask(g, tables, full)
            if f not in extra and joint:
                extra.append(f)
        prem += extra
        # surface only from here on
        words = rng.sample(_VOCAB[p.vocabulary], total)
        long_not = p.negation == "long"
        lines = [say(f, words, long_not) for f in prem]
        lines = [line[0].upper() + line[1:] + "." for line in lines]
        shown = sorted(lines) if p.order == "alphabetical" else rng.sample(lines, len(lines))
        said = say(conclusion, words, long_not)
        prompt = ("Consider the following statements.\n\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(shown, 1))
                  + f"\n\nConclusion: {said[0].upper() + said[1:]}.\n\n{_RULES} Does the conclusion follow "
                  "logically from the statements? It follows if it is true in every situation in which all the "
                  "statements are true.\n" + AnswerType.BOOLEAN.sentence())
        return Problem(prompt, {"sentences": total, "premises": prem, "conclusion": conclusion}, AnswerType.BOOLEAN)

    def solve(self, problem: Problem) -> bool:
        d = problem.data
        atoms = [z3.Bool(f"s{i}") for i in range(d["sentences"])]
        s = z3.Solver()
        s.add(*[to_z3(f, atoms) for f in d["premises"]], z3.Not(to_z3(d["conclusion"], atoms)))
        return s.check() == z3.unsat

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        follows = all(truth(d["conclusion"], row)
                      for row in itertools.product((False, True), repeat=d["sentences"])
                      if all(truth(f, row) for f in d["premises"]))
        if answer is follows:
            return Verdict(True)
        return Verdict(False, f"got {answer}, but the conclusion {'follows' if follows else 'does not follow'}")

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        right = "true" if self.solve(problem) else "false"
        other = "false" if right == "true" else "true"
        return distinct(right, [other, hedge(right, other)])


def _all_but(masks: list[int], j: int, full: int) -> int:
    out = full
    for i, m in enumerate(masks):
        if i != j:
            out &= m
    return out
