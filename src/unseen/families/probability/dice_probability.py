"""dice_probability: the exact probability of an event over several fair dice.

The same uniform draws are told as dice, spinners, cards put back after each draw, or
balls returned to a bag: a surface change only. The event (a sum, a face seen, all
different, the largest value) and an optional condition change the counting needed.
"""

from __future__ import annotations

import functools
import itertools
import math
from fractions import Fraction
from random import Random

from unseen.answers import match_fraction, render
from unseen.family import Params, Problem, Verdict, family
from unseen.nearmiss import distinct, hedge
from unseen.variables import Choice, IntRange

_EVENTS = ("sum_equals", "sum_at_least", "at_least_one_k", "all_distinct", "max_equals")
_NAMES = ("Ada", "Bram", "Chen", "Dalia", "Emeka", "Freya", "Goran", "Hana")
BRUTE_LIMIT = 5 * 10**4  # check enumerates every outcome up to this many, else uses closed formulas


def _holds(event: str, t: int, outcome: tuple[int, ...]) -> bool:
    return {"sum_equals": lambda: sum(outcome) == t, "sum_at_least": lambda: sum(outcome) >= t,
            "at_least_one_k": lambda: t in outcome, "all_distinct": lambda: len(set(outcome)) == len(outcome),
            "max_equals": lambda: max(outcome) == t}[event]()


def exact_probability(n: int, s: int, event: str, t: int, cond: str) -> Fraction:
    """Reference: dynamic programming die by die; ``cond`` restricts the sample space."""
    # space[parity] counts all outcomes; ways[(tracked, parity)] those the event still allows.
    space, ways = {0: 1}, {(0, 0): 1}
    for i in range(n):
        faces = [f for f in range(1, s + 1) if not (i == 0 and cond == "first_even" and f % 2)]
        new_space: dict[int, int] = {}
        for par, w in space.items():
            for f in faces:
                new_space[(par + f) % 2] = new_space.get((par + f) % 2, 0) + w
        new_ways: dict[tuple[int, int], int] = {}
        for (key, par), w in ways.items():
            if event == "all_distinct":  # key = (evens used, odds used) packed as evens * 100 + odds
                ev, od = divmod(key, 100)
                options = [(key + 100, s // 2 - ev, par)] + ([] if i == 0 and cond == "first_even"
                                                              else [(key + 1, s // 2 - od, 1 - par)])
                for nkey, count, npar in options:
                    if count > 0:
                        new_ways[(nkey, npar)] = new_ways.get((nkey, npar), 0) + w * count
                continue
            for f in faces:
                nkey = {"max_equals": max(key, f), "at_least_one_k": int(key or f == t)}.get(event, key + f)
                new_ways[(nkey, (par + f) % 2)] = new_ways.get((nkey, (par + f) % 2), 0) + w
        space, ways = new_space, new_ways
    ok_par = (0,) if cond == "sum_even" else (0, 1)
    total = sum(space.get(par, 0) for par in ok_par)
    done = {"all_distinct": lambda key: True, "sum_at_least": lambda key: key >= t,
            "at_least_one_k": lambda key: key == 1}.get(event, lambda key: key == t)
    good = sum(w for (key, par), w in ways.items() if par in ok_par and done(key))
    return Fraction(good, total)


@family("dice_probability", version=1, domain="probability",
        purpose="Give the exact probability of a dice event, possibly conditioned, as a reduced fraction.")
class DiceProbability:
    dice = IntRange(1, 6, base=2, role="logic", help="how many dice are rolled")
    sides = Choice((4, 6, 8, 10, 12, 20), base=6, ordered=True, role="logic", help="faces per die")
    event = Choice(_EVENTS, base="sum_at_least", ordered=True, role="logic", help="what must happen")
    target = IntRange(0, 50, base=25, levels=(0, 10, 25, 40, 50), role="logic",
                      help="how far the target value sits from the edge of its range, in percent")
    condition = Choice(("none", "first_even", "sum_even"), base="none", ordered=True, role="logic",
                       help="a given fact that shrinks the sample space")
    object = Choice(("dice", "spinner", "cards", "bag"), base="dice", role="surface",
                    help="dice, a spinner, cards drawn with replacement, or balls returned to a bag")

    def generate(self, p: Params, rng: Random) -> Problem:
        n, s, event, cond = p.dice, p.sides, p.event, p.condition
        lo, hi = (n, n * s) if event.startswith("sum") else (1, s)
        # the target band is p.target percent from an edge, jittered by up to 10 points so
        # that one cell holds many different problems, not a handful
        pct = min(50, max(0, p.target + rng.randint(-10, 10)))
        offset = round(pct / 100 * (hi - lo))
        t = lo + offset if rng.random() < 0.5 else hi - offset
        if event == "sum_equals" and cond == "sum_even" and t % 2:
            t = t + 1 if t < hi else t - 1
        who = rng.choice(_NAMES)
        one = n == 1
        if p.object == "dice":
            setup = (f"{who} rolls a fair {s}-sided die with faces numbered 1 to {s}." if one else
                     f"{who} rolls {n} fair {s}-sided dice, one after another; each has faces "
                     f"numbered 1 to {s}.")
            first = "the first die rolled"
        elif p.object == "spinner":
            setup = (f"{who} has a fair spinner with {s} equal sectors numbered 1 to {s} and spins it "
                     + ("once." if one else f"{n} times."))
            first = "the first spin"
        elif p.object == "cards":
            setup = (f"{who} has {s} cards numbered 1 to {s}. " + (
                f"{who} shuffles them and draws one card." if one else
                f"{who} draws a card {n} times; before each draw all {s} cards are shuffled, and after "
                "it the card's number is noted and the card is put back."))
            first = "the first card drawn"
        else:
            setup = (f"A bag holds {s} balls numbered 1 to {s}. " + (
                f"{who} draws one ball at random." if one else
                f"{who} draws a ball at random {n} times, noting its number and returning it to the "
                "bag after each draw."))
            first = "the first ball drawn"
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
                  "Give the exact probability as a reduced fraction a/b (write 0 or 1 if it is 0 or 1). "
                  "End with a final line `Answer: a/b`.")
        return Problem(prompt, {"dice": n, "sides": s, "event": event, "target": t, "condition": cond},
                       "fraction")

    def _args(self, problem: Problem) -> tuple:
        d = problem.data
        return d["dice"], d["sides"], d["event"], d["target"], d["condition"]

    def solve(self, problem: Problem) -> Fraction:
        return exact_probability(*self._args(problem))

    def check(self, problem: Problem, answer) -> Verdict:
        return match_fraction(answer, _independent(*self._args(problem)))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        n, s, event, t, cond = self._args(problem)
        right = exact_probability(n, s, event, t, cond)
        cands = [1 - right, exact_probability(n, s, event, t + 1, cond)]
        if cond != "none":  # forgot to condition: favourable count over all s**n outcomes
            cands.append(right / 2)
        elif event.startswith("sum"):  # as if every possible sum were equally likely
            cands.append(Fraction(1 if event == "sum_equals" else max(0, n * s - t + 1), n * s - n + 1))
        elif event == "at_least_one_k":  # adding the chances of each die
            cands.append(min(Fraction(1), Fraction(n, s)))
        elif event == "max_equals":  # P(max <= m) instead of P(max == m)
            cands.append(Fraction(t, s) ** n)
        cands.append(right / 2)  # a fallback, never equal unless the answer is 0
        strs = [render("fraction", c) for c in cands if c != right]
        rounded = f"{float(right):.2f}"
        if Fraction(rounded) != right:
            strs.append(rounded)
        others = distinct(render("fraction", right), strs)
        return others[:4] + [hedge(render("fraction", right), others[0])]


@functools.lru_cache(maxsize=256)
def _independent(n: int, s: int, event: str, t: int, cond: str) -> Fraction:
    """Check's own answer: enumerate every outcome when there are few, else closed formulas."""
    if s**n > BRUTE_LIMIT:
        return _formula(n, s, event, t, cond)
    outcomes = [o for o in itertools.product(range(1, s + 1), repeat=n)
                if not (cond == "first_even" and o[0] % 2) and not (cond == "sum_even" and sum(o) % 2)]
    return Fraction(sum(_holds(event, t, o) for o in outcomes), len(outcomes))


def _ways_sum(m: int, s: int, u: int) -> int:
    """Ways for m dice with s sides to total u (inclusion-exclusion)."""
    if m == 0:
        return int(u == 0)
    return sum((-1) ** k * math.comb(m, k) * math.comb(u - k * s - 1, m - 1)
               for k in range(m + 1) if u - k * s - 1 >= m - 1)


def _parity_ways(evens: int, odds: int, m: int, par: int | None) -> int:
    """m-tuples from a face set with ``evens`` even and ``odds`` odd faces, with sum parity ``par``."""
    whole, signed = (evens + odds) ** m, (evens - odds) ** m
    return whole if par is None else (whole + signed) // 2 if par == 0 else (whole - signed) // 2


def _formula(n: int, s: int, event: str, t: int, cond: str) -> Fraction:
    """Closed forms over the first die's value v and the m = n - 1 remaining dice."""
    m, half = n - 1, s // 2
    firsts = [v for v in range(1, s + 1) if cond != "first_even" or v % 2 == 0]
    space = s**n // 2 if cond == "sum_even" else len(firsts) * s**m
    fav = 0
    for v in firsts:
        par = v % 2 if cond == "sum_even" else None  # parity the other dice must total
        if event == "sum_equals":
            fav += 0 if (par is not None and t % 2) else _ways_sum(m, s, t - v)
        elif event == "sum_at_least":
            fav += sum(_ways_sum(m, s, u - v) for u in range(t, n * s + 1) if par is None or u % 2 == 0)
        elif event == "at_least_one_k":
            every, face = _parity_ways(half, half, m, par), 1 <= t <= s
            without_t = _parity_ways(half - (face and t % 2 == 0), half - (face and t % 2 == 1), m, par)
            fav += every if v == t else every - without_t
        elif event == "all_distinct":
            ev, od = half - (v % 2 == 0), half - (v % 2 == 1)
            fav += sum(math.comb(ev, j) * math.comb(od, m - j) * math.factorial(m) for j in range(m + 1)
                       if par is None or (m - j) % 2 == par)
        else:
            top = min(t, s)
            upto_t = _parity_ways(top // 2, (top + 1) // 2, m, par)  # other dice all <= t
            below_t = _parity_ways((t - 1) // 2, min(t, s + 1) // 2, m, par) if t <= s else upto_t
            fav += (upto_t if v <= t else 0) - (below_t if v <= t - 1 else 0)
    return Fraction(fav, space)
