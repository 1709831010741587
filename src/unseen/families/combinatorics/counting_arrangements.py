"""counting_arrangements: count the rows of a multiset (letters, books, flags) that meet conditions.

Identical copies are indistinguishable, so the row AAB counts once however its two As are
swapped. Conditions: two single items together or apart, one single item left of another,
single items at an end, a position that must (or must not) hold an item, the two copies of
a repeated item side by side, or no two identical items side by side.
Logic variables: ``length`` (items in the row), ``repeats`` (items present twice, capped so
two items stay single; at least 1 when ``repeat_rule`` needs one), the numbers of
``together``, ``apart``, ``before``, ``ends`` and ``places`` conditions (as many as the single
items allow), ``repeat_rule`` (none, block, no_identical) and ``ask`` (a count, or the
probability that a uniformly random row meets every condition). Surface: ``story`` and
``counting`` (how the multiset is written). A draw with no valid row is redrawn (25 times,
then conditions are dropped until one row is valid), so the count is never 0.
The label enumerates every distinct row with ``itertools.permutations`` and tests each
condition on the whole row; ``check`` counts with a memoised dynamic programme over positions
(state: copies left of each item and the last item placed), the total with a multinomial.
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import cache
from itertools import permutations
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
    letter,
    match_fraction,
    match_integer,
)

_STORIES = {
    "letters": {"names": [letter(i) for i in range(8)], "what": "letters", "row": "in a row",
                "one": "the letter {x}", "a": "a letter {x}", "copies": "the two letters {x}",
                "same": "identical letters"},
    "books": {"names": ["Atlas", "Bestiary", "Cookbook", "Diary", "Epic", "Fables", "Gazetteer", "Herbal"],
              "what": "books", "row": "side by side on a shelf", "one": "the {x}", "a": "a copy of the {x}",
              "copies": "the two copies of the {x}", "same": "copies of the same book"},
    "flags": {"names": ["red", "blue", "green", "yellow", "white", "black", "orange", "purple"],
              "what": "flags", "row": "in a row along a rope", "one": "the {x} flag", "a": "a {x} flag",
              "copies": "the two {x} flags", "same": "flags of the same colour"},
}
_SAY = {"together": "{x} and {y} are next to each other.", "apart": "{x} and {y} are not next to each other.",
        "before": "{x} is somewhere to the left of {y}.", "end": "{x} is at one of the two ends of the row.",
        "block": "{x} are next to each other.", "no_identical": "No two {same} are next to each other.",
        "at": "Position {k} from the left holds {a}.", "not_at": "Position {k} from the left does not hold {a}."}


def satisfied(row, c) -> bool:
    """Whether one whole row meets one condition [kind, i, j]."""
    kind, i, j = c
    if kind == "no_identical":
        return all(a != b for a, b in zip(row, row[1:], strict=False))
    if kind == "block":
        at = [k for k, t in enumerate(row) if t == i]
        return at[-1] - at[0] == len(at) - 1
    if kind == "end":
        return row[0] == i or row[-1] == i
    if kind in ("at", "not_at"):
        return (row[j] == i) == (kind == "at")
    pi, pj = row.index(i), row.index(j)
    return {"together": abs(pi - pj) == 1, "apart": abs(pi - pj) != 1, "before": pi < pj}[kind]


def brute_count(counts, conds) -> int:
    items = [t for t, c in enumerate(counts) for _ in range(c)]
    return sum(all(satisfied(row, c) for c in conds) for row in set(permutations(items)))


def dp_count(counts, conds) -> int:
    """Rows built left to right; every condition is decided by the copies left and the last item."""
    n, k = sum(counts), len(counts)
    conds = [tuple(c) for c in conds]

    def ok(left, last, t) -> bool:
        placed = [counts[u] - left[u] for u in range(k)]  # before t goes down
        pos = n - sum(left)
        for kind, i, j in conds:
            if kind == "no_identical" and t == last:
                return False
            if kind == "block" and t == i and placed[i] and last != i:
                return False
            if kind == "end" and t == i and pos not in (0, n - 1):
                return False
            if kind in ("at", "not_at") and pos == j and (t == i) != (kind == "at"):
                return False
            if kind == "before" and t == j and not placed[i]:
                return False
            if kind == "apart" and {t, last} == {i, j}:
                return False
            if kind == "together":
                for a, b in ((i, j), (j, i)):
                    if t == a and placed[b] and last != b:
                        return False
                    if last == a and not placed[b] and t != b:
                        return False
        return True

    @cache
    def ways(left: tuple, last: int) -> int:
        if not any(left):
            return 1
        return sum(ways(left[:t] + (left[t] - 1,) + left[t + 1:], t)
                   for t in range(k) if left[t] and ok(left, last, t))

    return ways(tuple(counts), -1)


def total_rows(counts) -> int:
    return math.factorial(sum(counts)) // math.prod(math.factorial(c) for c in counts)


@family("counting_arrangements", version=1, domain="combinatorics", answer=(AnswerType.INTEGER, AnswerType.FRACTION),
        purpose="Count the distinct rows of a multiset of letters, books or flags that meet placement conditions.")
class CountingArrangements:
    length = IntRange(4, 8, base=6, help="items in the row")
    repeats = IntRange(0, 3, base=1, help="items present twice (capped so two items stay single; at least 1 "
                                          "when repeat_rule is not none)")
    together = IntRange(0, 2, base=1, help="pairs of single items that must stand next to each other")
    apart = IntRange(0, 2, base=1, help="pairs of single items that must not stand next to each other")
    before = IntRange(0, 2, base=0, help="pairs of single items in a required left-to-right order")
    ends = IntRange(0, 2, base=0, help="single items that must stand at an end of the row")
    places = IntRange(0, 2, base=1, help="positions that must (or must not) hold a given item")
    repeat_rule = Choice(("none", "block", "no_identical"), base="none",
                         help="a condition on repeats: the two copies of one repeated item side by side, "
                              "or no two identical items side by side")
    ask = Choice(("count", "probability"), base="count", ordered=True,
                 help="the number of valid rows, or the chance a uniformly random row is valid")
    story = Choice(tuple(_STORIES), base="letters", role="surface", help="what is arranged")
    counting = Choice(("listed", "counted", "tally"), base="listed", role="surface",
                      help="the multiset written item by item, in words, or as a tally")

    def generate(self, p: Params, rng: Random) -> Problem:
        n = p.length
        r = min(p.repeats, (n - 2) // 2)
        if p.repeat_rule != "none":
            r = max(r, 1)
        counts = [2] * r + [1] * (n - 2 * r)
        rng.shuffle(counts)
        for _ in range(25):
            conds = self._draw(p, counts, rng)
            if dp_count(counts, conds):
                break
        while not dp_count(counts, conds):  # never met in 25 draws: drop conditions until one row is valid
            conds.pop()
        data = {"counts": counts, "conditions": conds, "ask": p.ask}
        return Problem(self._prompt(p, data), data,
                       AnswerType.INTEGER if p.ask == "count" else AnswerType.FRACTION)

    def _draw(self, p: Params, counts: list[int], rng: Random) -> list[list]:
        singles = [t for t, c in enumerate(counts) if c == 1]
        pairs = [[a, b] for a in singles for b in singles if a < b]
        rng.shuffle(pairs)
        conds: list[list] = []
        for kind in ("together", "apart", "before"):
            for _ in range(getattr(p, kind)):
                if pairs:
                    a, b = pairs.pop()
                    conds.append([kind, *((a, b) if rng.random() < 0.5 else (b, a))])
        for t in rng.sample(singles, min(p.ends, len(singles))):
            conds.append(["end", t, -1])
        for k in rng.sample(range(sum(counts)), p.places):
            conds.append([rng.choice(("at", "not_at")), rng.randrange(len(counts)), k])
        if p.repeat_rule == "block":
            conds.append(["block", rng.choice([t for t, c in enumerate(counts) if c > 1]), -1])
        elif p.repeat_rule == "no_identical":
            conds.append(["no_identical", -1, -1])
        rng.shuffle(conds)
        return conds

    def _prompt(self, p: Params, data: dict) -> str:
        s = _STORIES[p.story]
        counts, names = data["counts"], s["names"]
        n = sum(counts)
        if p.counting == "listed":
            shown = ", ".join(names[t] for t, c in enumerate(counts) for _ in range(c))
        elif p.counting == "counted":
            shown = ", ".join(f"{c} × {names[t]}" for t, c in enumerate(counts))
        else:
            shown = "; ".join(f"{names[t]}: {c}" for t, c in enumerate(counts))
        form = {"listed": "", "counted": " (count × name)", "tally": " (name: how many)"}[p.counting]
        one = lambda t: s["one"].format(x=names[t])  # noqa: E731
        lines = [f"There are {n} {s['what']}{form}: {shown}. They are placed {s['row']}. {s['same'][0].upper()}"
                 f"{s['same'][1:]} cannot be told apart, so two rows are the same when they show the same item "
                 "in every position."]
        if data["conditions"]:
            lines.append("Conditions:")
            for kind, i, j in data["conditions"]:
                x = s["copies"].format(x=names[i]) if kind == "block" else one(i) if i >= 0 else ""
                if kind in ("at", "not_at"):
                    a = (s["a"].format(x=names[i]) if counts[i] > 1 else one(i)).replace("a orange", "an orange")
                    text = _SAY[kind].format(k=j + 1, a=a)
                else:
                    text = _SAY[kind].format(x=x, y=one(j) if j >= 0 else "", same=s["same"])
                lines.append(f"- {text[0].upper()}{text[1:]}")
        every = "all the conditions" if data["conditions"] else "the description"
        if data["ask"] == "count":
            q = (f"How many different rows satisfy {every}? "
                 + AnswerType.INTEGER.sentence("the number of rows"))
        else:
            q = ("One row is chosen uniformly at random from all the different rows of these "
                 f"{s['what']}, ignoring the conditions. What is the probability that it satisfies {every}? "
                 + AnswerType.FRACTION.sentence("the probability"))
        return "\n".join(lines) + "\n\n" + q

    def solve(self, problem: Problem) -> int | Fraction:
        d = problem.data
        good = brute_count(d["counts"], d["conditions"])
        if d["ask"] == "count":
            return good
        rows = len(set(permutations([t for t, c in enumerate(d["counts"]) for _ in range(c)])))
        return Fraction(good, rows)

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        good = dp_count(d["counts"], d["conditions"])
        if d["ask"] == "count":
            return match_integer(answer, good)
        return match_fraction(answer, Fraction(good, total_rows(d["counts"])))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        counts, conds = d["counts"], d["conditions"]
        good, total = dp_count(counts, conds), total_rows(counts)
        labelled = math.prod(math.factorial(c) for c in counts)  # copies treated as different
        cands = [good * labelled, good + 1, good - 1]
        if conds:
            cands.append(dp_count(counts, conds[1:]))  # one condition forgotten
        if any(k == "together" for k, _, _ in conds) and good % 2 == 0:
            cands.append(good // 2)  # a glued pair counted in one order only
        if d["ask"] == "count":
            return distinct(str(good), [str(c) for c in cands if c >= 0])[:5] + [hedge(str(good), str(good + 1))]
        fr = AnswerType.FRACTION.render
        right = Fraction(good, total)
        probs = [Fraction(c, total) for c in cands[1:] if 0 <= c <= total]
        probs += [1 - right, Fraction(good, total * labelled)]
        return distinct(fr(right), [fr(x) for x in probs if x != right])[:5] + [hedge(fr(right), fr(1 - right))]
