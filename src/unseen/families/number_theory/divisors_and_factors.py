"""divisors_and_factors: prime factorisation, the number or sum of divisors, and gcd / lcm.

Tests factoring by hand and the formulas built on it: tau(N) = prod(e + 1), sigma(N) =
prod((p^(e+1) - 1) / (p - 1)), gcd and lcm as the least and greatest exponent of each
prime. Every number is built from chosen primes and exponents.

Logic variables: ``ask`` (the factorisation as a list of primes with repetition, the
number of divisors, their sum, the gcd or the lcm of several numbers), ``distinct_primes``
(1..8 primes in each number; for gcd / lcm, in the numbers together), ``max_exponent``
(exponents from 1..e; for gcd / lcm from 0..e, but one prime divides every number so the gcd
is never 1, and 1..2 for a single prime), ``prime_bits``
(primes below 2^b, or the smallest primes when there are too few) and ``numbers`` (2..6
numbers for gcd / lcm, fewer when fewer distinct numbers exist).
Surface: ``digit_groups`` (1234567 or 1 234 567) and ``phrasing`` (plain question, formal
notation, or a short story with the same arithmetic).

Label: sympy ``factorint``, ``divisor_count``, ``divisor_sigma``, ``gcd`` and ``ilcm``.
``check`` works on its own: the factorisation by multiplying back and trial division of
each listed prime, the divisor count and sum from its own trial-division factorisation,
gcd and lcm by its own Euclidean algorithm.
"""

from __future__ import annotations

import bisect
import math
import re
from functools import reduce
from random import Random

import sympy

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
    wrong,
)

# ask -> (plain, formal, story); {n} is the number, {list} the numbers ("A, B and C")
_ASK = {
    "factorise": ("What are the prime factors of {n}? List every prime factor as many times as it divides {n}, "
                  "from smallest to largest.",
                  "Give the prime factorisation of N = {n}: each prime p as many times as p divides N, "
                  "in increasing order.",
                  "A safe's code is {n}, the product of some prime numbers (a prime may be used more than once). "
                  "Which primes are they? List each prime as many times as it is used, from smallest to largest."),
    "count_divisors": ("How many positive whole numbers divide {n} exactly (counting 1 and {n} itself)?",
                       "Compute d(N), the number of positive divisors of N = {n}, including 1 and N.",
                       "A teacher arranges {n} chairs in a rectangle of equal rows. Every number of rows is "
                       "allowed, from one long row to rows of one chair each, as long as all rows have the same "
                       "number of chairs. In how many ways can she do it (r rows of c chairs and c rows of r chairs "
                       "count as different unless r = c)?"),
    "sum_divisors": ("What is the sum of all positive whole numbers that divide {n} exactly, including 1 and {n}?",
                     "Compute σ(N), the sum of the positive divisors of N = {n}, including 1 and N.",
                     "Mia writes down every positive whole number that divides {n} with no remainder, 1 and {n} "
                     "included. What is the sum of the numbers she writes?"),
    "gcd": ("What is the greatest common divisor of {list}?",
            "Compute gcd({args}).",
            "Ribbons of lengths {list} centimetres are cut into pieces that all have the same whole number of "
            "centimetres, with nothing left over. What is the longest such piece, in centimetres?"),
    "lcm": ("What is the least common multiple of {list}?",
            "Compute lcm({args}).",
            "Lamps blink every {list} seconds respectively, and all blink together at time 0. After how many "
            "seconds do they next all blink together?"),
}
_PHRASINGS = ("plain", "formal", "story")


_PRIMES = list(sympy.primerange(2, 2 ** 14))


def primes_below(bits: int, count: int) -> list[int]:
    """The primes below 2^bits, or the first ``count`` primes when there are fewer than that."""
    return _PRIMES[:max(bisect.bisect_left(_PRIMES, 2 ** bits), count)]


def trial_factor(n: int) -> dict[int, int]:
    """Prime -> exponent by trial division (every prime here is below 2^14, so this is quick)."""
    out: dict[int, int] = {}
    d = 2
    while d * d <= n:
        while n % d == 0:
            out[d] = out.get(d, 0) + 1
            n //= d
        d += 1 if d == 2 else 2
    if n > 1:
        out[n] = out.get(n, 0) + 1
    return out


def euclid(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def group(n: int, grouped: bool) -> str:
    return f"{n:,}".replace(",", " ") if grouped else str(n)


@family("divisors_and_factors", version=1, domain="number_theory", answer=(AnswerType.SEQUENCE, AnswerType.INTEGER),
        purpose="Factorise a number, count or sum its divisors, or find the gcd or lcm of several numbers.")
class DivisorsAndFactors:
    ask = Choice(("factorise", "count_divisors", "sum_divisors", "gcd", "lcm"), base="factorise",
                 help="what is asked")
    distinct_primes = IntRange(1, 8, base=3, help="distinct primes in the number (in the numbers, for gcd / lcm)")
    max_exponent = IntRange(1, 8, base=2, levels=(1, 2, 3, 5, 8), help="exponents from 1..e (0..e for gcd / lcm)")
    prime_bits = IntRange(3, 14, base=6, levels=(3, 6, 8, 10, 14), help="primes below 2^b")
    numbers = IntRange(2, 6, base=2, help="how many numbers, for gcd and lcm")
    digit_groups = Choice(("plain", "grouped"), base="plain", role="surface", help="1234567 or 1 234 567")
    phrasing = Choice(_PHRASINGS, base="plain", role="surface", help="question, formal notation or story")

    def generate(self, p: Params, rng: Random) -> Problem:
        primes = sorted(rng.sample(primes_below(p.prime_bits, p.distinct_primes), p.distinct_primes))
        grouped = p.digit_groups == "grouped"
        template = _ASK[p.ask][_PHRASINGS.index(p.phrasing)]
        if p.ask in ("gcd", "lcm"):
            top = max(p.max_exponent, 2) if len(primes) == 1 else p.max_exponent  # p and p^2 at least
            count = min(p.numbers, top * (top + 1) ** (len(primes) - 1))  # as many distinct numbers as exist
            shared = rng.choice(primes)  # divides every number, so the gcd is never 1
            values: list[int] = []
            while len(values) < count:
                v = math.prod(q ** rng.randint(1 if q == shared else 0, top) for q in primes)
                if v not in values:
                    values.append(v)
            shown = [group(v, grouped) for v in values]
            text = template.format(list=", ".join(shown[:-1]) + " and " + shown[-1], args=", ".join(shown))
            data = {"ask": p.ask, "numbers": values}
            form = AnswerType.INTEGER.sentence("that number")
            answer_type = AnswerType.INTEGER
        else:
            n = math.prod(q ** rng.randint(1, p.max_exponent) for q in primes)
            text = template.format(n=group(n, grouped))
            data = {"ask": p.ask, "n": n}
            if p.ask == "factorise":
                form = AnswerType.SEQUENCE.sentence("the prime factors", example="2, 2, 3", example_of="12")
                answer_type = AnswerType.SEQUENCE
            else:
                form = AnswerType.INTEGER.sentence("that number")
                answer_type = AnswerType.INTEGER
        return Problem(text + "\n" + form, data, answer_type)

    def solve(self, problem: Problem):
        d = problem.data
        if d["ask"] == "factorise":
            return [str(q) for q, e in sorted(sympy.factorint(d["n"]).items()) for _ in range(e)]
        if d["ask"] == "count_divisors":
            return int(sympy.divisor_count(d["n"]))
        if d["ask"] == "sum_divisors":
            return int(sympy.divisor_sigma(d["n"]))
        if d["ask"] == "gcd":
            return int(reduce(sympy.gcd, d["numbers"]))
        return int(sympy.ilcm(*d["numbers"]))

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        if d["ask"] == "factorise":
            items = []
            for item in answer:
                digits = re.sub(r"\s", "", item)
                if not digits.isdigit():
                    return wrong(f"{item!r} is not a whole number")
                items.append(int(digits))
            if math.prod(items) != d["n"]:
                return wrong("the factors do not multiply back to the number")
            if items != sorted(items):
                return wrong("the factors are not in increasing order")
            for q in items:  # each divides n, whose primes are small: trial division ends quickly
                if q < 2 or any(q % k == 0 for k in range(2, math.isqrt(q) + 1)):
                    return wrong(f"{q} is not prime")
            return Verdict(True)
        if d["ask"] in ("count_divisors", "sum_divisors"):
            powers = trial_factor(d["n"])
            if d["ask"] == "count_divisors":
                return match_integer(answer, math.prod(e + 1 for e in powers.values()))
            return match_integer(answer, math.prod(sum(q ** k for k in range(e + 1)) for q, e in powers.items()))
        g = reduce(euclid, d["numbers"])
        if d["ask"] == "gcd":
            return match_integer(answer, g)
        return match_integer(answer, reduce(lambda a, b: a * b // euclid(a, b), d["numbers"]))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = self.solve(problem)
        if d["ask"] == "factorise":
            text = ", ".join(right)
            uniq = sorted(set(right), key=int)
            merged = sorted([int(right[0]) * int(right[1])] + [int(q) for q in right[2:]]) if len(right) > 1 else []
            cands = [", ".join(uniq), ", ".join(right[:-1]) if len(right) > 1 else "1",
                     ", ".join(map(str, merged)), hedge(text, ", ".join(uniq))]
            return [c for c in distinct(text, cands) if c]
        cands = []
        if d["ask"] in ("count_divisors", "sum_divisors"):
            powers = sympy.factorint(d["n"])
            if d["ask"] == "count_divisors":
                cands += [str(math.prod(powers.values())), str(right - 2)]  # e's multiplied; 1 and N left out
            else:
                cands += [str(right - d["n"]), str(right - d["n"] - 1)]  # proper divisors only
        else:
            nums = d["numbers"]
            other = int(sympy.ilcm(*nums)) if d["ask"] == "gcd" else int(reduce(sympy.gcd, nums))
            cands += [str(other), str(math.prod(nums) if d["ask"] == "lcm" else min(nums))]
        cands += [str(right + 1), hedge(str(right), str(right + 1))]
        return distinct(str(right), cands)
