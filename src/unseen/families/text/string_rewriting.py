"""string_rewriting: apply ordered rewrite rules to a string, one replacement per step.

Tests careful step-by-step execution of a string-rewriting system: at each step the first
rule (in list order) whose left side occurs in the string replaces the leftmost occurrence of
that left side with its right side; the process stops when no rule applies. The question
asks for the string after a given number of steps (``ask=after``) or the string at which the
process stops (``ask=halt``, generated to stop within ``steps`` steps).

Logic variables: ``rules``, ``steps``, ``symbols`` (alphabet size), ``rule_length`` (left
sides have 1..rule_length symbols), ``conflicts`` (the share of steps where more than one rule
applies or the chosen left side occurs more than once, so that priority and leftmost-ness
matter: of 60 draws, the one with the smallest share, the share nearest one half, or the
largest share),
``ask``. Surface: ``story`` (symbols, chemistry, word game: the intro only) and ``notation``
(``ab -> ba`` arrows or "replace ab with ba" sentences).

Label: direct simulation with ``str.find`` and slicing. ``check`` simulates again with
``re.search`` over escaped left sides, then compares strings.
"""

from __future__ import annotations

import re
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
    match_string,
)

_ALPHABET = "abcdef"
_MAX_LEN = 40
_CONFLICT = {"few": lambda share: share, "some": lambda share: abs(share - 0.5), "many": lambda share: 1 - share}
_STORIES = {
    "symbols": "A string of symbols is rewritten step by step by a list of rules.",
    "chemistry": ("A polymer chain is written as a string of letters, one letter per unit. A catalyst changes it "
                  "step by step, following a list of reactions (rules)."),
    "word_game": "In a word game, a word is changed step by step by a list of rules.",
}


def step(s: str, rules: list[list[str]]) -> tuple[str, bool, bool] | None:
    """One rewrite (the new string, whether another rule also applied, whether the chosen left
    side occurs again further right), or None when no rule applies."""
    for i, (lhs, rhs) in enumerate(rules):
        at = s.find(lhs)
        if at >= 0:
            others = any(lhs2 in s for lhs2, _ in rules[i + 1:])
            again = s.find(lhs, at + 1) >= 0
            return s[:at] + rhs + s[at + len(lhs):], others, again
    return None


def trace(start: str, rules: list[list[str]], limit: int) -> tuple[list[str], int]:
    """The strings after 0, 1, ... steps (at most ``limit`` steps) and how many steps were ambiguous."""
    out, ambiguous = [start], 0
    for _ in range(limit):
        nxt = step(out[-1], rules)
        if nxt is None:
            break
        out.append(nxt[0])
        ambiguous += nxt[1] or nxt[2]
    return out, ambiguous


def draw(rng: Random, p: Params) -> tuple[str, list[list[str]], list[str], float]:
    letters = _ALPHABET[:p.symbols]
    rules: list[list[str]] = []
    while len(rules) < min(p.rules, sum(p.symbols ** n for n in range(1, p.rule_length + 1))):
        lhs = "".join(rng.choice(letters) for _ in range(rng.randint(1, p.rule_length)))
        if any(lhs == r[0] for r in rules):
            continue
        size = rng.randint(max(0, len(lhs) - 1), len(lhs) + 1)
        rhs = "".join(rng.choice(letters) for _ in range(size))
        if rhs != lhs:
            rules.append([lhs, rhs])
    start = "".join(rng.choice(letters) for _ in range(rng.randint(4, 8)))
    strings, ambiguous = trace(start, rules, p.steps + 1)
    return start, rules, strings, ambiguous / max(1, len(strings) - 1)


def fits(p: Params, strings: list[str]) -> int | None:
    """None when the draw cannot be used (no rule applies to the start, an empty or overlong
    string, or ask=halt and the process does not stop within ``steps``); else 0 when it fits
    the ask well (after: still rewriting after the asked step; halt: stops after at least half
    of ``steps``), 1 when it may still be used (it stops earlier)."""
    done = len(strings) - 1  # steps performed, at most steps + 1
    if not done or any(len(s) > _MAX_LEN or not s for s in strings):
        return None
    if p.ask == "after":
        return 0 if done > p.steps else 1
    return 0 if (p.steps + 1) // 2 <= done <= p.steps else 1 if done <= p.steps else None


@family("string_rewriting", version=1, domain="text", answer=AnswerType.STRING,
        purpose="Apply ordered rewrite rules (first rule that applies, leftmost occurrence) to a string.")
class StringRewriting:
    rules = IntRange(1, 8, base=3, help="number of rewrite rules (at most the distinct left sides possible)")
    steps = IntRange(1, 30, base=5, levels=(1, 3, 5, 8, 12, 20, 30),
                     help="steps asked for (ask=after), or the most steps before the process stops (ask=halt)")
    symbols = IntRange(2, 6, base=3, help="alphabet size")
    rule_length = IntRange(1, 3, base=2, help="left sides have 1..rule_length symbols")
    conflicts = Choice(("few", "some", "many"), base="some", ordered=True,
                       help="share of steps where rule order or leftmost-ness decides the rewrite")
    ask = Choice(("after", "halt"), base="after", help="the string after `steps` steps, or where the process stops")
    story = Choice(tuple(_STORIES), base="symbols", role="surface", help="the intro's story")
    notation = Choice(("arrow", "words"), base="arrow", role="surface", help="how a rule is written")

    def generate(self, p: Params, rng: Random) -> Problem:
        best = None
        for _ in range(60):
            start, rules, strings, share = draw(rng, p)
            rank = fits(p, strings)
            if rank is None:
                continue
            score = (rank, _CONFLICT[p.conflicts](share))
            if best is None or score < best[0]:
                best = (score, start, rules)
            if score == (0, 0.0):
                break
        if best is None:  # no usable draw: shrinking rules, which stop and never empty the string
            start, rules = self._shrinking(rng, p)
        else:
            _, start, rules = best
        deletes = any(not rhs for _, rhs in rules)
        if p.notation == "arrow":
            shown = [f"{i}. {lhs} -> {rhs or '(nothing)'}" for i, (lhs, rhs) in enumerate(rules, 1)]
            note = " A rule `P -> R` replaces the pattern P with R" + (
                "; `(nothing)` means P is deleted." if deletes else ".")
        else:
            shown = [f"{i}. " + (f"Replace {lhs} with {rhs}." if rhs else f"Delete {lhs}.")
                     for i, (lhs, rhs) in enumerate(rules, 1)]
            note = ""
        how = ("At each step, take the first rule in the list whose pattern (the piece it replaces" +
               (" or deletes" if deletes else "") + ") occurs somewhere in the current string, and rewrite the "
               "leftmost occurrence of that pattern as the rule says: exactly one rewrite per step. When no rule's "
               "pattern occurs in the string, the process stops." + note)
        if p.ask == "after":
            question = (f"What is the string after {p.steps} step{'s' if p.steps > 1 else ''}? If the process "
                        f"stops before that, give the string at which it stops.")
        else:
            question = "The process stops after some number of steps. What is the string when it stops?"
        prompt = (f"{_STORIES[p.story]} {how}\n\nStart: {start}\nRules, in order:\n" + "\n".join(shown)
                  + f"\n\n{question}\n" + AnswerType.STRING.sentence("the string, with no spaces"))
        return Problem(prompt, {"start": start, "rules": rules, "ask": p.ask, "steps": p.steps}, AnswerType.STRING)

    def _shrinking(self, rng: Random, p: Params) -> tuple[str, list[list[str]]]:
        letters = _ALPHABET[:p.symbols]
        keep = letters[-1]  # never on a left side, so the string never empties
        rules: list[list[str]] = []
        while len(rules) < min(p.rules, sum((p.symbols - 1) ** n for n in range(1, p.rule_length + 1))):
            lhs = "".join(rng.choice(letters[:-1]) for _ in range(rng.randint(1, p.rule_length)))
            if all(lhs != r[0] for r in rules):
                rules.append([lhs, "".join(rng.choice(letters) for _ in range(len(lhs) - 1))])
        start = keep + rules[0][0] + "".join(rng.choice(letters) for _ in range(rng.randint(2, 5)))
        return start, rules  # rule 1 applies to the start

    def solve(self, problem: Problem) -> str:
        d = problem.data
        strings, _ = trace(d["start"], d["rules"], d["steps"] if d["ask"] == "after" else 10_000)
        return strings[-1]

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        s, done = d["start"], 0
        while done < (10_000 if d["ask"] == "halt" else d["steps"]):  # halt: every instance stops
            for lhs, rhs in d["rules"]:
                m = re.search(re.escape(lhs), s)
                if m:
                    s = s[:m.start()] + rhs + s[m.end():]
                    done += 1
                    break
            else:
                break
        return match_string(answer, s)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        rules = d["rules"]
        strings, _ = trace(d["start"], rules, 10_000 if d["ask"] == "halt" else d["steps"] + 1)
        right = self.solve(problem)
        k = len(strings) - 1 if d["ask"] == "halt" else min(d["steps"], len(strings) - 1)
        cands = [strings[max(0, k - 1)], strings[min(k + 1, len(strings) - 1)]]
        s = d["start"]  # the rightmost occurrence, and any rule by the earliest position
        r = d["start"]
        for _ in range(k):
            hit = next(((lhs, rhs) for lhs, rhs in rules if lhs in s), None)
            if hit:
                at = s.rfind(hit[0])
                s = s[:at] + hit[1] + s[at + len(hit[0]):]
            found = [(r.find(lhs), i) for i, (lhs, _) in enumerate(rules) if lhs in r]
            if found:
                at, i = min(found)
                r = r[:at] + rules[i][1] + r[at + len(rules[i][0]):]
        cands += [s, r, right[::-1]]
        return distinct(right, [c for c in cands if c] + [hedge(right, cands[0] or right + right[-1])])[:5]
