"""list_transform: apply a chain of custom rules to a list of integers, in order.

The rules come in three kinds: *simple* ones map or filter each number on its own,
*positional* ones depend on where a number stands (positions counted from 1 in the
list as it is at that moment), and *structural* ones reorder or aggregate the list.
"""

from __future__ import annotations

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
    match_sequence,
)

_KINDS = {
    "simple": ("drop_below", "add", "times", "keep_multiples", "digit_sum", "mod"),
    "positional": ("add_even_pos", "times_odd_pos", "add_position", "drop_every", "swap_pairs"),
    "structural": ("reverse", "sort_desc", "sort_asc", "rotate", "pair_sums", "dedupe"),
}
_LEVELS = ("simple", "positional", "structural")

# rule -> (terse command, what the clerk does); {k} and {k2} are filled in
_TEXT = {
    "drop_below": ("Remove every number less than {k}.", "crosses out every number smaller than {k}"),
    "add": ("Add {k} to every number.", "adds {k} to every number"),
    "times": ("Multiply every number by {k}.", "multiplies every number by {k}"),
    "keep_multiples": ("Keep only the numbers divisible by {k}; remove the rest.",
                       "crosses out every number that is not a multiple of {k}"),
    "digit_sum": ("Replace every number by the sum of its digits.",
                  "replaces every number by the sum of its digits"),
    "mod": ("Replace every number by its remainder when divided by {k}.",
            "replaces every number by the remainder it leaves when divided by {k}"),
    "add_even_pos": ("Add {k} to every number in an even position.",
                     "adds {k} to every number standing in an even position"),
    "times_odd_pos": ("Multiply every number in an odd position by {k}.",
                      "multiplies every number standing in an odd position by {k}"),
    "add_position": ("Add to every number its own position.",
                     "adds to every number the position it stands in"),
    "drop_every": ("Remove the numbers in positions {k}, {k2}, and so on (every multiple of {k}).",
                   "crosses out the numbers in positions {k}, {k2}, and so on (every multiple of {k})"),
    "swap_pairs": ("Swap the numbers in positions 1 and 2, then 3 and 4, and so on "
                   "(a last unpaired number stays put).",
                   "swaps the numbers in positions 1 and 2, then 3 and 4, and so on "
                   "(a last unpaired number stays put)"),
    "reverse": ("Reverse the order of the list.", "rewrites the list in reverse order"),
    "sort_desc": ("Sort the list from largest to smallest.", "sorts the list from largest to smallest"),
    "sort_asc": ("Sort the list from smallest to largest.", "sorts the list from smallest to largest"),
    "rotate": ("Rotate the list left by {k} (move the first number to the end, {k} times).",
               "moves the first number to the end of the list, {k} times in a row"),
    "pair_sums": ("Replace the list by the sums of neighbouring numbers (1st+2nd, 2nd+3rd, and so on); "
                  "the new list is one shorter.",
                  "replaces the list by the sums of neighbouring numbers (1st+2nd, 2nd+3rd, and so on), "
                  "which makes it one shorter"),
    "dedupe": ("Remove repeated numbers, keeping only the first occurrence of each.",
               "crosses out every number that already appeared earlier in the list"),
}
_POSITIONAL = set(_KINDS["positional"])


def apply_rule(rule: str, k: int, xs: list[int], shift: int = 0) -> list[int]:
    """Reference: one rule on a list. ``shift=1`` misreads positions as 0-based (a near miss)."""
    pos = [i + 1 - shift for i in range(len(xs))]
    table = {
        "drop_below": lambda: [x for x in xs if x >= k],
        "add": lambda: [x + k for x in xs],
        "times": lambda: [x * k for x in xs],
        "keep_multiples": lambda: [x for x in xs if x % k == 0],
        "digit_sum": lambda: [sum(map(int, str(x))) for x in xs],
        "mod": lambda: [x % k for x in xs],
        "add_even_pos": lambda: [x + k if p % 2 == 0 else x for p, x in zip(pos, xs, strict=True)],
        "times_odd_pos": lambda: [x * k if p % 2 else x for p, x in zip(pos, xs, strict=True)],
        "add_position": lambda: [x + p for p, x in zip(pos, xs, strict=True)],
        "drop_every": lambda: [x for p, x in zip(pos, xs, strict=True) if p % k],
        "swap_pairs": lambda: xs[:shift] + [
            v for a, b in zip(xs[shift::2], xs[shift + 1::2], strict=False) for v in (b, a)
        ] + (xs[-1:] if (len(xs) - shift) % 2 else []),
        "reverse": lambda: xs[::-1],
        "sort_desc": lambda: sorted(xs, reverse=True),
        "sort_asc": lambda: sorted(xs),
        "rotate": lambda: xs[k % len(xs):] + xs[:k % len(xs)] if xs else [],
        "pair_sums": lambda: [a + b for a, b in zip(xs[:-1], xs[1:], strict=True)],
        "dedupe": lambda: list(dict.fromkeys(xs)),
    }
    return table[rule]()


def run(rules: list[list], xs: list[int], shift: int = 0) -> list[int]:
    for rule, k in rules:
        xs = apply_rule(rule, k, xs, shift if rule in _POSITIONAL else 0)
    return xs


def _draw_k(rule: str, xs: list[int], magnitude: int, rng: Random) -> int:
    if rule == "drop_below":
        values = sorted(set(xs))
        return rng.choice(values[1:-1] or values[1:] or values or [1])
    if rule in ("add", "add_even_pos"):
        return rng.randint(1, max(3, magnitude // 4))
    if rule in ("times", "times_odd_pos"):
        return rng.randint(2, 3)
    if rule == "keep_multiples":
        return rng.choice([d for d in (2, 3, 4, 5) if any(x % d == 0 for x in xs)] or [2])
    if rule == "mod":
        return rng.randint(3, 10)
    if rule == "drop_every":
        return rng.randint(2, 4)
    if rule == "rotate":
        return rng.randint(1, max(1, len(xs) - 1))
    return 0


@family("list_transform", version=2, domain="algorithms", answer=AnswerType.SEQUENCE,
        purpose="Apply a chain of map, filter, positional and reordering rules to an integer list.")
class ListTransform:
    length = IntRange(2, 20, base=8, levels=(3, 6, 10, 15, 20), role="logic",
                      help="how many numbers the starting list has")
    steps = IntRange(1, 6, base=3, levels=(1, 2, 3, 4, 6), role="logic",
                     help="how many rules are chained")
    rule_set = Choice(_LEVELS, base="positional", ordered=True, role="logic",
                      help="simple: map/filter only; positional adds index rules; structural adds reorders")
    magnitude = IntRange(9, 999, base=99, levels=(9, 30, 99, 300, 999), role="logic",
                         help="largest starting value (values are drawn from 1 to this)")
    phrasing = Choice(("terse", "story"), base="terse", role="surface",
                      help="numbered commands, or a story of a clerk working through the list")
    list_format = Choice(("brackets", "spaces"), base="brackets", role="surface",
                         help="the starting list as [3, 1, 4] or as 3 1 4")

    def generate(self, p: Params, rng: Random) -> Problem:
        xs = [rng.randint(1, p.magnitude) for _ in range(p.length)]
        pool = [r for level in _LEVELS[:_LEVELS.index(p.rule_set) + 1] for r in _KINDS[level]]
        forced = rng.randrange(p.steps)  # this step uses a rule of the hardest allowed kind
        rules: list[list] = []
        cur = xs
        for i in range(p.steps):
            choices = [r for r in (_KINDS[p.rule_set] if i == forced else pool)
                       if not rules or r != rules[-1][0]]
            best = None
            for _ in range(30):  # prefer a rule that changes the list and leaves it non-empty
                rule = rng.choice(choices)
                k = _draw_k(rule, cur, p.magnitude, rng)
                nxt = apply_rule(rule, k, cur)
                score = (bool(nxt), nxt != cur)
                if best is None or score > best[0]:
                    best = (score, rule, k, nxt)
                if score == (True, True):
                    break
            _, rule, k, cur = best
            rules.append([rule, k])
        shown = f"[{', '.join(map(str, xs))}]" if p.list_format == "brackets" else " ".join(map(str, xs))
        texts = [_TEXT[r][0 if p.phrasing == "terse" else 1].format(k=k, k2=2 * k) for r, k in rules]
        if p.phrasing == "terse":
            lines = [f"Start with the list {shown}. Apply these rules in order, each one to the list "
                     "produced by the previous rule:"]
            lines += [f"{n}. {t}" for n, t in enumerate(texts, 1)]
        else:
            words = ["First, she", *["Then she"] * (len(texts) - 2), "Finally, she"][-len(texts):]
            if len(texts) == 1:
                words = ["She"]
            lines = [f"A clerk is handed a slip with the numbers {shown} written on it, in that order. "
                     "She works through the slip one step at a time, each step on the list "
                     "left by the step before. "
                     + " ".join(f"{w} {t}." for w, t in zip(words, texts, strict=True))]
        if any(r in _POSITIONAL for r, _ in rules):
            lines.append("Positions are counted from 1 (the first number is in position 1), in the list "
                         "as it stands just before that step.")
        lines.append("What is the final list? "
                     + AnswerType.SEQUENCE.sentence("its numbers", empty="the list is empty"))
        return Problem("\n".join(lines), {"start": xs, "rules": rules}, AnswerType.SEQUENCE)

    def solve(self, problem: Problem) -> list[str]:
        return [str(x) for x in run(problem.data["rules"], problem.data["start"])] or ["none"]

    def check(self, problem: Problem, answer) -> Verdict:
        # An independent reading of every rule: explicit index loops and a hand-made digit sum.
        xs = list(problem.data["start"])
        for rule, k in problem.data["rules"]:
            xs = _by_hand(rule, k, xs)
        return match_sequence(answer, [str(x) for x in xs] or ["none"])

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        rules, start = problem.data["rules"], problem.data["start"]
        right = run(rules, start)
        shown = lambda xs: AnswerType.SEQUENCE.render(xs) if xs else "none"
        cands = [run(rules[:-1], start), run(rules[::-1], start), run(rules, start, shift=1),
                 right[:-1], right[1:] + right[:1]]
        others = distinct(shown(right), [shown(c) for c in cands] + ["0"])
        return distinct(shown(right), others[:4] + [hedge(shown(right), others[0])])


def _digit_sum(x: int) -> int:
    total = 0
    while x > 0:
        total, x = total + x % 10, x // 10
    return total


def _by_hand(rule: str, k: int, xs: list[int]) -> list[int]:
    n, out = len(xs), []
    if rule == "reverse":
        return [xs[n - 1 - i] for i in range(n)]
    if rule in ("sort_desc", "sort_asc"):
        out = list(xs)
        for i in range(1, n):  # insertion sort
            j = i
            while j > 0 and ((out[j] > out[j - 1]) if rule == "sort_desc" else (out[j] < out[j - 1])):
                out[j], out[j - 1] = out[j - 1], out[j]
                j -= 1
        return out
    if rule == "rotate":
        out = list(xs)
        for _ in range(k if n else 0):
            out.append(out.pop(0))
        return out
    if rule == "swap_pairs":
        out = list(xs)
        for i in range(0, n - 1, 2):
            out[i], out[i + 1] = out[i + 1], out[i]
        return out
    if rule == "pair_sums":
        return [xs[i] + xs[i + 1] for i in range(n - 1)]
    for i in range(n):
        x, position = xs[i], i + 1
        if rule == "dedupe" and x in xs[:i]:
            continue
        if (rule == "drop_below" and x < k) or (rule == "keep_multiples" and x % k != 0) or \
                (rule == "drop_every" and position % k == 0):
            continue
        if rule == "add" or (rule == "add_even_pos" and position % 2 == 0):
            x += k
        elif rule == "times" or (rule == "times_odd_pos" and position % 2 == 1):
            x *= k
        elif rule == "digit_sum":
            x = _digit_sum(x)
        elif rule == "mod":
            x -= k * (x // k)
        elif rule == "add_position":
            x += position
        out.append(x)
    return out
