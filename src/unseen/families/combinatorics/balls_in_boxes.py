"""balls_in_boxes: count the ways to distribute balls into boxes under lower and upper limits.

Balls are identical, of two or three colours (identical within a colour; coloured draws hold
at most 12 balls) or numbered; boxes are labelled or identical (two ways are the same when
swapping boxes with their contents turns one into the other). Labelled boxes each get their
own drawn limits; identical boxes share one. Logic variables: ``balls``, ``boxes``,
``balls_kind``, ``boxes_kind``, ``lower`` (no minimum, every box non-empty, or drawn
minimums) and ``upper`` (no maximum, loose or tight drawn maximums). Surface: ``story``,
``box_names`` (drawn letters or numbers) and ``layout``. Limits are drawn so that a way
exists, except that "every box non-empty" with fewer balls than boxes is kept (answer 0).
The label comes from formulas: generating-function coefficients with sympy (stars and bars
with limits for identical and coloured balls, exponential generating functions and restricted
Stirling numbers for numbered balls) and sympy's partition enumerators (``partitions``,
``multiset_partitions``) for identical boxes. ``check`` counts independently by memoised
enumeration: box by box over every content a box can take, multisets of allowed contents for
identical boxes, and for numbered balls over subset sizes (binomials) or the group of the
lowest remaining ball.
"""

from __future__ import annotations

import math
from functools import cache
from itertools import product
from random import Random

import sympy
from sympy.utilities.iterables import multiset_partitions, partitions

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
    match_integer,
)

_STORIES = {"balls": ("ball", "box", "boxes", ("red", "blue", "green")),
            "marbles": ("marble", "jar", "jars", ("black", "white", "striped")),
            "coins": ("coin", "purse", "purses", ("gold", "silver", "copper"))}
_COLOURS = {"identical": 1, "two_colours": 2, "three_colours": 3}


def label(d: dict) -> int:
    """The count from generating functions (labelled boxes) or sympy's partition enumerators."""
    counts, k, lo, hi = d["counts"], d["k"], d["lo"], d["hi"]
    x = sympy.Symbol("x")
    if d["numbered"]:
        n = counts[0]

        def egf(a: int, b: int) -> sympy.Poly:
            return sympy.Poly(sum(x**t / sympy.factorial(t) for t in range(a, b + 1)), x, domain="QQ")
        if d["labelled"]:
            total = sympy.Poly(1, x, domain="QQ")
            for a, b in zip(lo, hi, strict=True):
                total *= egf(a, b)
            return int(total.coeff_monomial(x**n) * sympy.factorial(n))
        one = egf(max(lo[0], 1), hi[0])
        blocks = range(1, k + 1) if lo[0] == 0 else [k]  # empty identical boxes are not told apart
        return int(sum((one**j).coeff_monomial(x**n) * sympy.factorial(n) / sympy.factorial(j) for j in blocks))
    if d["labelled"]:  # stars and bars with limits: the coefficient of c0^a c1^b ... in a product of boxes
        xs = sympy.symbols(f"c0:{len(counts)}")
        total = sympy.Poly(1, *xs)
        for a, b in zip(lo, hi, strict=True):
            box = {es: 1 for es in product(*(range(c + 1) for c in counts)) if a <= sum(es) <= b}
            total = total * sympy.Poly.from_dict(box, *xs)
            total = sympy.Poly.from_dict({m: c for m, c in total.as_dict().items()  # drop what overshoots
                                          if all(e <= c for e, c in zip(m, counts, strict=True))}, *xs)
        return int(total.coeff_monomial(sympy.prod([v**c for v, c in zip(xs, counts, strict=True)])))
    a, b = lo[0], hi[0]
    if len(counts) == 1:
        return sum(1 for part in partitions(counts[0], m=k, k=b)
                   if a == 0 or (sum(part.values()) == k and min(part) >= a))
    items = [i for i, c in enumerate(counts) for _ in range(c)]
    return sum(1 for m in (range(1, k + 1) if a == 0 else [k]) for split in multiset_partitions(items, m)
               if all(max(a, 1) <= len(block) <= b for block in split))


def enumerate_count(d: dict) -> int:
    """Independent count: memoised enumeration of what each box holds."""
    counts, k, lo, hi = tuple(d["counts"]), d["k"], d["lo"], d["hi"]
    if d["numbered"]:
        n = counts[0]
        if d["labelled"]:
            @cache
            def fill(i: int, rest: int) -> int:  # choose which of the remaining balls box i takes
                if i == k:
                    return int(rest == 0)
                return sum(math.comb(rest, t) * fill(i + 1, rest - t) for t in range(lo[i], min(hi[i], rest) + 1))
            return fill(0, n)

        @cache
        def groups(rest: int, used: int) -> int:  # the lowest remaining ball opens a new group
            if rest == 0:
                return int(used == k or (lo[0] == 0 and used <= k))
            if used == k:
                return 0
            return sum(math.comb(rest - 1, t - 1) * groups(rest - t, used + 1)
                       for t in range(max(lo[0], 1), min(hi[0], rest) + 1))
        return groups(n, 0)
    contents = list(product(*(range(c + 1) for c in counts)))
    fits = lambda c, rest: all(v <= r for v, r in zip(c, rest, strict=True))  # noqa: E731
    less = lambda rest, c: tuple(r - v for r, v in zip(rest, c, strict=True))  # noqa: E731
    if d["labelled"]:
        @cache
        def place(i: int, rest: tuple) -> int:  # every content box i can take, then the next box
            if i == k:
                return int(not any(rest))
            return sum(place(i + 1, less(rest, c)) for c in contents if lo[i] <= sum(c) <= hi[i] and fits(c, rest))
        return place(0, counts)
    allowed = [c for c in contents if max(lo[0], 1) <= sum(c) <= hi[0]]

    @cache
    def bag(j: int, rest: tuple, parts: int) -> int:  # multisets of allowed non-empty contents, at most `parts`
        if not any(rest):
            return int(lo[0] == 0 or parts == 0)
        if j == len(allowed) or parts == 0:
            return 0
        take = bag(j, less(rest, allowed[j]), parts - 1) if fits(allowed[j], rest) else 0
        return take + bag(j + 1, rest, parts)
    return bag(0, counts, k)


def _limits(rng: Random, p: Params, n: int, k: int) -> tuple[list[int], list[int]]:
    """Per-box (labelled) or shared (identical) limits with sum(lo) <= n <= sum(hi); every box
    non-empty is kept even when there are fewer balls than boxes (then no way exists)."""
    per_box = p.boxes_kind == "labelled"
    draw = (lambda f: [f() for _ in range(k)]) if per_box else (lambda f: [f()] * k)  # noqa: E731
    fair = -(-n // k)
    for _ in range(200):
        if p.lower == "drawn":
            lo = draw(lambda: rng.choice((0, 1, 2)) if per_box else rng.choice((1, 2)))
        else:
            lo = [int(p.lower == "nonempty")] * k
        if p.upper == "loose" and n >= fair + 2:
            hi = draw(lambda: rng.choice((n, rng.randint(fair + 1, n - 1))))
        elif p.upper == "tight":
            hi = draw(lambda: rng.randint(fair, min(fair + 1, n)))
        else:
            hi = [n] * k
        hi = [max(a, b) for a, b in zip(lo, hi, strict=True)]
        if (p.lower == "drawn" and not any(lo)) or (hi == [n] * k and p.upper != "none" and n >= fair + 2):
            continue
        if sum(lo) <= n <= sum(hi):
            return lo, hi
    return [0 if p.lower == "none" else 1] * k, [n] * k


def _at_least(m: int, noun: str) -> str:
    return f"{m} {noun}" + ("s" if m != 1 else "")


@family("balls_in_boxes", version=1, domain="combinatorics", answer=AnswerType.INTEGER,
        purpose="Count the ways to distribute identical, coloured or numbered balls into labelled or identical boxes.")
class BallsInBoxes:
    balls = IntRange(2, 20, base=7, levels=(2, 4, 7, 10, 14, 20), help="balls to distribute (at most 12 coloured)")
    boxes = IntRange(2, 8, base=3, levels=(2, 3, 4, 6, 8), help="boxes")
    balls_kind = Choice(("identical", "two_colours", "three_colours", "numbered"), base="identical", ordered=True,
                        help="balls all alike, alike within two or three colours (at most one per ball), or all "
                             "different")
    boxes_kind = Choice(("labelled", "identical"), base="labelled", ordered=True,
                        help="boxes told apart, or interchangeable")
    lower = Choice(("none", "nonempty", "drawn"), base="drawn", ordered=True,
                   help="no minimum, at least one ball per box, or drawn minimums (0-2 per labelled box)")
    upper = Choice(("none", "loose", "tight"), base="loose", ordered=True,
                   help="no maximum, some boxes capped with slack, or every box capped near balls/boxes")
    story = Choice(tuple(_STORIES), base="balls", role="surface", help="what is distributed into what")
    box_names = Choice(("letters", "numbers"), base="letters", role="surface",
                       help="labelled boxes named by drawn letters or drawn numbers")
    layout = Choice(("lines", "paragraph"), base="lines", role="surface",
                    help="the limits one per line or in one paragraph")

    def generate(self, p: Params, rng: Random) -> Problem:
        n, k = (p.balls if p.balls_kind in ("identical", "numbered") else min(p.balls, 12)), p.boxes
        colours = _COLOURS.get(p.balls_kind, 1)
        colours = min(colours, n)
        cuts = sorted(rng.sample(range(1, n), colours - 1))
        counts = [b - a for a, b in zip([0, *cuts], [*cuts, n], strict=True)] if p.balls_kind != "numbered" else [n]
        lo, hi = _limits(rng, p, n, k)
        pool = [letter(i) for i in range(23)] if p.box_names == "letters" else [str(i) for i in range(1, 41)]
        data = {"counts": counts, "k": k, "lo": lo, "hi": hi, "numbered": p.balls_kind == "numbered",
                "labelled": p.boxes_kind == "labelled", "names": sorted(rng.sample(pool, k), key=pool.index)}
        return Problem(self._prompt(p, data), data, AnswerType.INTEGER)

    def _prompt(self, p: Params, d: dict) -> str:
        one, box, boxes, hues = _STORIES[p.story]
        n, k, lo, hi = sum(d["counts"]), d["k"], d["lo"], d["hi"]
        names = d["names"]
        if d["numbered"]:
            what = f"{n} {one}s, numbered 1 to {n}, so every {one} can be told apart"
            same = f"the same {one}s end up together"
        elif len(d["counts"]) == 1:
            what = f"{n} identical {one}s, which cannot be told apart"
            same = f"the same numbers of {one}s appear in the {boxes}, whichever {box} holds which"
        else:
            parts = [f"{c} {hues[i]}" for i, c in enumerate(d["counts"])]
            what = (f"{n} {one}s, {', '.join(parts[:-1])} and {parts[-1]}; {one}s of the same colour cannot be "
                    "told apart")
            same = (f"the same {box} contents (how many {one}s of each colour) appear, whichever {box} holds "
                    "which")
        if d["labelled"]:
            listed = [f"{box} {name}" for name in names]
            text = (f"There are {what}. Every {one} is put into one of {k} {boxes}: {', '.join(listed[:-1])} and "
                    f"{listed[-1]}. Two ways are the same only when every {box} gets the same contents.")
            rules = []
            cap = box[0].upper() + box[1:]
            for i in range(k):
                if lo[i] and hi[i] < n:
                    rules.append(f"{cap} {names[i]} must get between {lo[i]} and {hi[i]} {one}s (inclusive).")
                elif lo[i]:
                    rules.append(f"{cap} {names[i]} must get at least {_at_least(lo[i], one)}.")
                elif hi[i] < n:
                    rules.append(f"{cap} {names[i]} can hold at most {_at_least(hi[i], one)}.")
        else:
            text = (f"There are {what}. Every {one} is put into one of {k} identical {boxes}, which cannot be told "
                    f"apart: two ways are the same when swapping {boxes} (with their contents) turns one into the "
                    f"other, that is, when {same}.")
            rules = [f"Every {box} must get at least {_at_least(lo[0], one)}."] * (lo[0] > 0)
            rules += [f"No {box} can hold more than {_at_least(hi[0], one)}."] * (hi[0] < n)
        if not any(lo):
            rules.append(f"A {box} may stay empty.")
        elif not all(lo):
            rules.append(f"A {box} with no minimum stated may stay empty.")
        gap = "\n" if p.layout == "lines" else " "
        return (text + gap + gap.join(rules) + f"\n\nIn how many different ways can the {one}s be put into the "
                f"{boxes}? " + AnswerType.INTEGER.sentence("the number of ways"))

    def solve(self, problem: Problem) -> int:
        return label(problem.data)

    def check(self, problem: Problem, answer) -> Verdict:
        return match_integer(answer, enumerate_count(problem.data))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = enumerate_count(d)
        n, k = sum(d["counts"]), d["k"]
        cands = [math.comb(n + k - 1, k - 1), k ** n,  # plain stars and bars; every ball told apart
                 math.prod(math.comb(c + k - 1, k - 1) for c in d["counts"])]  # colours split independently
        if len(d["counts"]) == 1:  # cheap recounts: boxes taken the other way, the limits forgotten
            cands.append(enumerate_count({**d, "labelled": not d["labelled"], "lo": [min(d["lo"])] * k,
                                          "hi": [max(d["hi"])] * k}))
            cands.append(enumerate_count({**d, "lo": [0] * k, "hi": [n] * k}))
        if d["numbered"] or len(d["counts"]) > 1:
            cands.append(enumerate_count({**d, "numbered": False, "counts": [n]}))  # balls taken as alike
        cands = [c for c in cands if c != right][:4] + [right + 1, right - 1]
        return distinct(str(right), [str(c) for c in cands if c > 0]) + [hedge(str(right), str(right + 1))]
