"""number_sequence: predict a later term of an integer sequence from its first terms.

The prompt names the rule family ("each term is the previous one times a fixed
integer", ...), and the generator shows at least as many terms as that family needs
to pin down its constants, and redraws any instance whose shown terms fit two rules of
the family that disagree. So exactly one answer follows from the prompt.
"""

from __future__ import annotations

from fractions import Fraction
from random import Random

from unseen.author import AnswerType, Choice, IntRange, Params, Problem, Verdict, distinct, family, hedge, match_integer

_RULES = ("arithmetic", "geometric", "quadratic", "interleaved", "alternating", "fibonacci")
_MIN_SHOWN = {"arithmetic": 3, "geometric": 3, "quadratic": 4, "interleaved": 4,
              "alternating": 4, "fibonacci": 5}
_FORM = {
    "arithmetic": "each {noun} equals the previous {noun} plus a fixed integer",
    "geometric": "each {noun} equals the previous {noun} multiplied by a fixed integer",
    "quadratic": "the differences between consecutive {noun}s change by the same fixed integer every "
                 "time (the second differences are constant)",
    "interleaved": "the {noun}s {pos_odd} (1st, 3rd, 5th, ...) form one arithmetic sequence and the "
                   "{noun}s {pos_even} (2nd, 4th, 6th, ...) form another arithmetic sequence",
    "alternating": "two fixed integers A and B are used in turn: the 2nd {noun} is the 1st plus A, the "
                   "3rd is the 2nd times B, the 4th is the 3rd plus A, the 5th is the 4th times B, and so on",
    "fibonacci": "from the 3rd {noun} on, each {noun} equals P times the previous {noun} plus Q times the "
                 "{noun} before that, for fixed integers P and Q",
}


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def terms_from(rule: str, c: dict, count: int) -> list[int]:
    """Reference: the first ``count`` terms generated from the rule's constants."""
    out = [c["a"]] if rule != "fibonacci" else [c["a"], c["b"]]
    while len(out) < count:
        n, last = len(out), out[-1]  # n = index (0-based) of the term being made
        if rule == "arithmetic":
            out.append(last + c["d"])
        elif rule == "geometric":
            out.append(last * c["r"])
        elif rule == "quadratic":
            out.append(last + c["d"] + c["s"] * (n - 1))
        elif rule == "interleaved":
            out.append(c["a"] + c["d"] * (n // 2) if n % 2 == 0 else c["b"] + c["e"] * (n // 2))
        elif rule == "alternating":
            out.append(last + c["d"] if n % 2 == 1 else last * c["r"])
        else:
            out.append(c["p"] * last + c["q"] * out[-2])
    return out[:count]


def _nonzero(rng: Random, lo: int, hi: int) -> int:
    return rng.choice([v for v in range(lo, hi + 1) if v != 0])


def _draw(rule: str, m: int, rng: Random) -> dict:
    big = max(2, m // 5)  # additive steps
    mult = 2 if m < 50 else 3 if m < 300 else 4  # multipliers
    small_start = max(3, m // 10)
    if rule == "arithmetic":
        return {"a": rng.randint(1, m), "d": _nonzero(rng, -big, big)}
    if rule == "geometric":
        ratios = list(range(2, mult + 1)) + (list(range(-mult, -1)) if m >= 50 else [])
        return {"a": rng.randint(1, small_start), "r": rng.choice(ratios)}
    if rule == "quadratic":
        return {"a": rng.randint(1, m), "d": rng.randint(-big, big), "s": _nonzero(rng, -max(2, m // 20),
                                                                                 max(2, m // 20))}
    if rule == "interleaved":
        d = _nonzero(rng, -big, big)
        return {"a": rng.randint(1, m), "d": d, "b": rng.randint(1, m),
                "e": rng.choice([v for v in range(-big, big + 1) if v not in (0, d)])}
    if rule == "alternating":
        start = rng.randint(1, small_start)
        return {"a": start, "d": rng.choice([v for v in range(-big, big + 1) if v not in (0, -start)]),
                "r": rng.choice(list(range(2, mult + 1)) + ([-2] if m >= 50 else []))}
    return {"a": rng.randint(1, small_start), "b": rng.randint(1, small_start),
            "p": rng.randint(1, mult), "q": _nonzero(rng, -mult, mult)}


def _fib_constants(t: list[int]) -> tuple[Fraction, Fraction] | None:
    """P and Q from the shown terms (Cramer's rule on two consecutive equations), or None."""
    for i in range(len(t) - 3):
        det = t[i + 1] * t[i + 1] - t[i] * t[i + 2]
        if det:
            p = Fraction(t[i + 2] * t[i + 1] - t[i] * t[i + 3], det)
            q = Fraction(t[i + 1] * t[i + 3] - t[i + 2] * t[i + 2], det)
            if all(p * t[j + 1] + q * t[j] == t[j + 2] for j in range(len(t) - 2)):
                return p, q
            return None
    return None


@family("number_sequence", version=3, domain="sequences", answer=AnswerType.INTEGER,
        purpose="Find a later term of an integer sequence whose rule family is named in the prompt.")
class NumberSequence:
    rule = Choice(_RULES, base="quadratic", ordered=True, role="logic",
                  help="the generating rule family, from easiest to hardest")
    shown = IntRange(3, 10, base=6, levels=(10, 8, 6, 4, 3), simplest=10, role="logic",
                     help="terms shown (raised to the rule's minimum: 3, or 4, or 5 for fibonacci)")
    ahead = IntRange(1, 5, base=1, role="logic", help="how many places after the last shown term is asked")
    magnitude = IntRange(5, 1000, base=100, levels=(5, 20, 100, 500, 1000), role="logic",
                         help="size of the starting values and steps; larger also allows bigger multipliers")
    presentation = Choice(("list", "ordinal", "story"), base="list", role="surface",
                          help="a comma list, 'the 1st term is ...', or daily readings of a gauge")

    def generate(self, p: Params, rng: Random) -> Problem:
        shown = max(p.shown, _MIN_SHOWN[p.rule])
        for _ in range(100):
            consts = _draw(p.rule, p.magnitude, rng)
            terms = terms_from(p.rule, consts, shown)
            if p.rule != "fibonacci" or _fib_constants(terms) is not None:
                break  # fibonacci: the shown terms must pin down P and Q
        else:  # (practically unreachable) fall back to the plain Fibonacci numbers
            consts = {"a": 1, "b": 1, "p": 1, "q": 1}
            terms = terms_from(p.rule, consts, shown)
        target = shown + p.ahead
        story = p.presentation == "story"
        noun, pos = ("reading", "on {}-numbered days") if story else ("term", "in {} positions")
        form = _FORM[p.rule].format(noun=noun, pos_odd=pos.format("odd"), pos_even=pos.format("even"))
        if p.presentation == "list":
            intro = f"The first {shown} terms of a sequence of integers are: {', '.join(map(str, terms))}."
            ask = f"What is the {ordinal(target)} term of the sequence?"
        elif p.presentation == "ordinal":
            parts = [f"the {ordinal(i)} term is {t}" for i, t in enumerate(terms, 1)]
            intro = "A sequence of integers begins as follows: " + "; ".join(parts) + "."
            ask = f"What is the {ordinal(target)} term of the sequence?"
        else:
            parts = [f"on day {i} it reads {t}" for i, t in enumerate(terms, 1)]
            intro = (f"A gauge shows one integer reading per day. For the first {shown} days: "
                     + "; ".join(parts) + ".")
            ask = f"What will the gauge read on day {target}?"
        prompt = (f"{intro}\nThe {noun}s follow one fixed rule of this form: {form}.\n{ask}\n"
                  + AnswerType.INTEGER.sentence("that number"))
        data = {"rule": p.rule, "consts": consts, "terms": terms, "target": target}
        return Problem(prompt, data, AnswerType.INTEGER)

    def solve(self, problem: Problem) -> int:
        d = problem.data
        return terms_from(d["rule"], d["consts"], d["target"])[-1]

    def check(self, problem: Problem, answer) -> Verdict:
        # Independently of the stored constants: re-derive the rule from the shown terms only.
        d = problem.data
        expected = _extend(d["rule"], d["terms"], d["target"])
        if expected is None:
            return Verdict(False, "the shown terms do not determine the rule")
        return match_integer(answer, expected)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        seq = terms_from(d["rule"], d["consts"], d["target"] + 1)
        right, shown, t = seq[d["target"] - 1], d["terms"], d["target"]
        naive = shown[-1] + (t - len(shown)) * (shown[-1] - shown[-2])  # as if arithmetic
        cands = [seq[len(shown)], seq[t - 2], seq[t], naive, right + 1]
        others = distinct(str(right), (str(c) for c in cands))
        return distinct(str(right), others[:4] + [hedge(str(right), others[0])])


def _extend(rule: str, t: list[int], target: int) -> int | None:
    """Extend the shown terms to position ``target`` by a rule re-derived from them."""
    seq = list(t)
    if rule in ("arithmetic", "quadratic"):  # finite differences: extend the difference table
        table = [seq]
        while len(table) < (2 if rule == "arithmetic" else 3):
            table.append([y - x for x, y in zip(table[-1], table[-1][1:], strict=False)])
        while len(table[0]) < target:
            for level in range(len(table) - 2, -1, -1):
                table[level].append(table[level][-1] + table[level + 1][-1])
            table[-1].append(table[-1][-1])
        return table[0][target - 1]
    if rule == "geometric":
        ratio = Fraction(t[1], t[0])
        return int(t[-1] * ratio ** (target - len(t)))
    if rule == "interleaved":
        odd, even = t[0::2], t[1::2]
        chain, k = (odd, (target - 1) // 2) if target % 2 else (even, target // 2 - 1)
        return chain[0] + k * (chain[1] - chain[0])
    if rule == "alternating":
        plus, times = t[1] - t[0], Fraction(t[2], t[1])
        for position in range(len(t) + 1, target + 1):
            seq.append(seq[-1] + plus if position % 2 == 0 else int(seq[-1] * times))
        return seq[target - 1]
    found = _fib_constants(t)
    if found is None:
        return None
    p, q = found
    prev, cur = t[-2], t[-1]
    for _ in range(target - len(t)):
        prev, cur = cur, int(p * cur + q * prev)
    return cur
