"""dice_probability: the exact probability of an event over several fair dice.

Each die has its own faces: the largest has ``sides`` faces, the others between half that
and that many, and each die is numbered upward from its own start between 0 and 4. The
same uniform draws are told as dice, spinners, piles of cards or bags of balls: a surface
change only. The event (a sum, a face seen, all different, the largest value) and an
optional condition change the counting needed.
"""

from __future__ import annotations

import functools
import itertools
import math
from fractions import Fraction
from random import Random

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
    match_fraction,
)

_EVENTS = ("sum_equals", "sum_at_least", "at_least_one_k", "all_distinct", "max_equals")
_NAMES = ("Ada", "Bram", "Chen", "Dalia", "Emeka", "Freya", "Goran", "Hana")
_ORD = ("first", "second", "third", "fourth", "fifth", "sixth")
# one device told alone; the opening for several; one device's line; the first device's number
_SKINS = {
    "dice": ("rolls a fair die with {k} faces numbered {a} to {b}.", "rolls {n} fair dice, one after another",
             "die has {k} faces", "the number on the first die"),
    "spinner": ("spins a fair spinner with {k} equal sectors numbered {a} to {b}.",
                "spins {n} fair spinners, one after another", "spinner has {k} equal sectors",
                "the number on the first spinner"),
    "cards": ("shuffles a pile of {k} cards numbered {a} to {b} and draws one card.",
              "has {n} piles of cards, shuffles each pile and draws one card from each, first pile first",
              "pile holds {k} cards", "the number on the card from the first pile"),
    "bag": ("draws one ball at random from a bag of {k} balls numbered {a} to {b}.",
            "has {n} bags of balls and draws one ball at random from each bag, first bag first",
            "bag holds {k} balls", "the number on the ball from the first bag"),
}
BRUTE_LIMIT = 5 * 10**4  # check enumerates every outcome up to this many, else uses closed formulas


def _faces(dice, cond: str) -> list[list[int]]:
    """Each die's possible values; given first_even, the first die only shows its even faces."""
    return [[f for f in range(lo, hi + 1) if not (i == 0 and cond == "first_even" and f % 2)]
            for i, (lo, hi) in enumerate(dice)]


def _distinct_dp(faces: list[list[int]]) -> dict[tuple[int, int], int]:
    """Ways for the dice to show distinct values, deciding value by value which die (if any) shows it."""
    ways = {(0, 0): 1}  # (mask of dice given a value, parity of their sum)
    for v in range(min(map(min, faces)), max(map(max, faces)) + 1):
        takers = [i for i, fs in enumerate(faces) if v in fs]
        nxt = dict(ways)
        for (mask, par), w in ways.items():
            for i in (i for i in takers if not mask >> i & 1):
                key = (mask | 1 << i, (par + v) % 2)
                nxt[key] = nxt.get(key, 0) + w
        ways = nxt
    return {(1, par): w for (mask, par), w in ways.items() if mask == (1 << len(faces)) - 1}


def exact_probability(dice, event: str, t: int, cond: str) -> Fraction:
    """Reference: dynamic programming die by die; ``cond`` restricts the sample space."""
    faces = _faces(dice, cond)
    space = {0: 1}  # parity of the sum -> outcomes
    for fs in faces:
        space = {par: sum(w for q, w in space.items() for f in fs if (q + f) % 2 == par) for par in (0, 1)}
    if event == "all_distinct":
        ways = _distinct_dp(faces)
    else:  # ways[(tracked, parity)]: tracked is the sum, the largest so far, or whether t was seen
        ways = {(-1 if event == "max_equals" else 0, 0): 1}
        step = {"max_equals": max, "at_least_one_k": lambda key, f: int(key or f == t)}.get(
            event, lambda key, f: key + f)
        for fs in faces:
            new_ways: dict[tuple[int, int], int] = {}
            for (key, par), w in ways.items():
                for f in fs:
                    nkey = step(key, f)
                    new_ways[(nkey, (par + f) % 2)] = new_ways.get((nkey, (par + f) % 2), 0) + w
            ways = new_ways
    ok_par = (0,) if cond == "sum_even" else (0, 1)
    done = {"sum_at_least": lambda key: key >= t, "at_least_one_k": lambda key: key == 1,
            "all_distinct": lambda key: True}.get(event, lambda key: key == t)
    good = sum(w for (key, par), w in ways.items() if par in ok_par and done(key))
    return Fraction(good, sum(space[par] for par in ok_par))


@family("dice_probability", version=2, domain="probability", answer=AnswerType.FRACTION,
        purpose="Give the exact probability of a dice event, possibly conditioned, as a reduced fraction.")
class DiceProbability:
    dice = IntRange(1, 6, base=2, role="logic", help="how many dice are rolled")
    sides = Choice((4, 6, 8, 10, 12, 20), base=6, ordered=True, role="logic",
                   help="faces on the largest die; each other die has between half that and that many")
    event = Choice(_EVENTS, base="sum_at_least", ordered=True, role="logic", help="what must happen")
    target = IntRange(0, 50, base=25, levels=(0, 10, 25, 40, 50), role="logic",
                      help="how far the target value sits from the edge of its range, in percent (+-10)")
    condition = Choice(("none", "first_even", "sum_even"), base="none", ordered=True, role="logic",
                       help="a given fact that shrinks the sample space")
    object = Choice(("dice", "spinner", "cards", "bag"), base="dice", role="surface",
                    help="dice, spinners, piles of cards, or bags of balls")

    def generate(self, p: Params, rng: Random) -> Problem:
        n, s, event, cond = p.dice, p.sides, p.event, p.condition
        big = rng.randrange(n)  # this die has exactly `sides` faces; the others are drawn
        dice = []
        for i in range(n):
            k, a = s if i == big else rng.randint(max(3, (s + 1) // 2), s), rng.randint(0, 4)
            dice.append([a, a + k - 1])
        lows, highs = [d[0] for d in dice], [d[1] for d in dice]
        lo, hi = {"sum": (sum(lows), sum(highs)), "max": (max(lows), max(highs))}.get(
            event[:3], (min(lows), max(highs)))
        # the target sits p.target percent (give or take 10) from a random edge of its range
        band = [round(pct / 100 * (hi - lo)) for pct in (max(0, p.target - 10), min(50, p.target + 10))]
        offset = rng.randint(*band)
        t = lo + offset if rng.random() < 0.5 else hi - offset
        if event == "sum_equals" and cond == "sum_even" and t % 2:
            t = t + 1 if t < hi else t - 1
        t = 0 if event == "all_distinct" else t
        who = rng.choice(_NAMES)
        one_line, opening, line, first = _SKINS[p.object]
        if n == 1:
            setup = f"{who} " + one_line.format(k=s, a=lows[0], b=highs[0])
        else:
            items = [f"- the {_ORD[i]} {line.format(k=b - a + 1)}, numbered {a} to {b}"
                     for i, (a, b) in enumerate(dice)]
            setup = f"{who} {opening.format(n=n)}:\n" + ";\n".join(items) + "."
        one = n == 1
        nums = "the number obtained" if one else "the numbers obtained"
        total = "the number obtained" if one else "the sum of the numbers obtained"
        ask = {"sum_equals": f"{total} is exactly {t}", "sum_at_least": f"{total} is at least {t}",
               "at_least_one_k": f"{nums} include at least one {t}" if not one else f"{nums} is {t}",
               "all_distinct": "no number comes up more than once",
               "max_equals": f"the largest of {nums} is exactly {t}" if not one else f"{nums} is exactly {t}",
               }[event]
        given = {"none": "", "first_even": f", given that {nums if one else first} is even",
                 "sum_even": f", given that {total} is even"}[cond]
        prompt = (f"{setup}\nWhat is the probability that {ask}{given}?\n"
                  + AnswerType.FRACTION.sentence("the exact probability"))
        return Problem(prompt, {"faces": dice, "event": event, "target": t, "condition": cond}, AnswerType.FRACTION)

    def _args(self, problem: Problem) -> tuple:
        d = problem.data
        return tuple(tuple(f) for f in d["faces"]), d["event"], d["target"], d["condition"]

    def solve(self, problem: Problem) -> Fraction:
        return exact_probability(*self._args(problem))

    def check(self, problem: Problem, answer) -> Verdict:
        return match_fraction(answer, _independent(*self._args(problem)))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        dice, event, t, cond = self._args(problem)
        right = exact_probability(dice, event, t, cond)
        sizes = [b - a + 1 for a, b in dice]
        spans = [(a, b, k) for (a, b), k in zip(dice, sizes, strict=True)]
        cands = []
        if cond != "none":  # ignored the given fact
            cands.append(exact_probability(dice, event, t, "none"))
        if event.startswith("sum"):  # as if every possible sum were equally likely
            lo, hi = sum(a for a, _ in dice), sum(b for _, b in dice)
            cands.append(Fraction(1 if event == "sum_equals" else min(hi - lo + 1, max(0, hi - t + 1)),
                                  hi - lo + 1))
        elif event == "at_least_one_k":  # adding the chances of each die
            cands.append(min(Fraction(1), sum(Fraction(int(a <= t <= b), k) for a, b, k in spans)))
        elif event == "max_equals":  # P(max <= t) instead of P(max == t)
            cands.append(math.prod(Fraction(max(0, min(b, t) - a + 1), k) for a, b, k in spans))
        alike = [dice[sizes.index(max(sizes))]] * len(dice)  # every die taken to be the largest one
        cands += [1 - right, exact_probability(dice, event, t + 1, cond),
                  exact_probability(alike, event, t, cond), right / 2]  # right / 2: fallback, wrong unless 0
        strs = [AnswerType.FRACTION.render(c) for c in cands if c != right]
        rounded = f"{float(right):.2f}"
        if Fraction(rounded) != right:
            strs.append(rounded)
        others = distinct(AnswerType.FRACTION.render(right), strs)
        return others[:4] + [hedge(AnswerType.FRACTION.render(right), others[0])]


@functools.lru_cache(maxsize=256)
def _independent(dice: tuple, event: str, t: int, cond: str) -> Fraction:
    """Check's own answer: enumerate every outcome when there are few, else closed formulas."""
    faces = _faces(dice, cond)
    if math.prod(map(len, faces)) > BRUTE_LIMIT:
        return _formula(dice, event, t, cond)
    holds = {"sum_equals": lambda o: sum(o) == t, "sum_at_least": lambda o: sum(o) >= t,
             "at_least_one_k": lambda o: t in o, "all_distinct": lambda o: len(set(o)) == len(o),
             "max_equals": lambda o: max(o) == t}[event]
    outcomes = [o for o in itertools.product(*faces) if not (cond == "sum_even" and sum(o) % 2)]
    return Fraction(sum(map(holds, outcomes)), len(outcomes))


def _eo(values) -> tuple[int, int]:
    evens = sum(1 for v in values if v % 2 == 0)
    return evens, len(values) - evens


def _parity_count(pairs: list[tuple[int, int]], par: int | None) -> int:
    """Ways to pick one item per (evens, odds) pair with sum parity ``par`` (None: any parity)."""
    whole, signed = math.prod(e + o for e, o in pairs), math.prod(e - o for e, o in pairs)
    return whole if par is None else (whole + signed) // 2 if par == 0 else (whole - signed) // 2


def _sum_ways(faces: list[list[int]], u: int, terms: list[tuple[int, int]]) -> int:
    """Outcomes totalling u: over the first die's value, the rest by inclusion-exclusion on their ranges."""
    m, base = len(faces) - 1, sum(fs[0] for fs in faces[1:])
    if m == 0:
        return int(u in faces[0])
    return sum(sign * math.comb(u - v - base - cut + m - 1, m - 1)
               for v in faces[0] for sign, cut in terms if u - v - base - cut >= 0)


def _set_partitions(items: list[int]):
    if not items:
        yield []
        return
    for part in _set_partitions(items[1:]):
        yield [[items[0]], *part]
        for i in range(len(part)):
            yield [*part[:i], [items[0], *part[i]], *part[i + 1:]]


def _formula(dice, event: str, t: int, cond: str) -> Fraction:
    faces, par = _faces(dice, cond), 0 if cond == "sum_even" else None
    space = _parity_count([_eo(fs) for fs in faces], par)
    if event.startswith("sum"):
        sizes = [len(fs) for fs in faces[1:]]
        terms = [((-1) ** len(c), sum(c))
                 for k in range(len(sizes) + 1) for c in itertools.combinations(sizes, k)]
        hi = sum(b for _, b in dice)
        totals = [t] if event == "sum_equals" else range(t, hi + 1)
        fav = sum(_sum_ways(faces, u, terms) for u in totals if par is None or u % 2 == 0)
    elif event == "at_least_one_k":  # all outcomes minus those where no die shows t
        fav = space - _parity_count([_eo([f for f in fs if f != t]) for fs in faces], par)
    elif event == "max_equals":  # all at most t, minus all below t
        fav = (_parity_count([_eo([f for f in fs if f <= t]) for fs in faces], par)
               - _parity_count([_eo([f for f in fs if f < t]) for fs in faces], par))
    else:  # Moebius inversion over set partitions: each block of dice shows one common value
        fav = 0
        for part in _set_partitions(list(range(len(faces)))):
            sign = math.prod((-1) ** (len(b) - 1) * math.factorial(len(b) - 1) for b in part)
            # a block of |b| dice all showing v adds |b| * v to the sum
            shown = [[len(b) * v for v in set.intersection(*(set(faces[i]) for i in b))] for b in part]
            fav += sign * _parity_count([_eo(vals) for vals in shown], par)
    return Fraction(fav, space)
