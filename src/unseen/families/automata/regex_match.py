"""regex_match: which candidate strings match a whole regular expression.

Tests reading a small regular expression (symbols, `.`, classes `[ab]`, `*`, `+`, `?`, `|`,
groups) and deciding full matches, including near-miss strings one edit away from a match.

Logic variables: ``size`` (symbol positions in the pattern), ``nesting`` (operators
nested above the deepest position; exact when size >= nesting), ``star_height`` (nested
repetitions, exactly), ``candidates``, ``near_miss`` (how many candidates are one edit from a
matching string), ``symbols`` (alphabet size). Surface: ``alphabet`` (ab.. / 01.. / pq..)
and ``notation`` (regex syntax, or textbook notation with `+` for union, `ε` and `Σ`).

Label: Python ``re.fullmatch`` on the pattern rendered as a Python regex. ``check`` runs its
own matcher on the pattern tree (sets of end positions, with a closure for repetitions).
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
    match_set,
)

_ALPHABETS = {"letters": "abcd", "digits": "0123", "late_letters": "pqrs"}
_REPEAT = ("star", "plus")
_NOTATION = {
    "regex": ("The pattern uses this syntax: a symbol matches itself; `.` matches any one symbol; `[..]` matches "
              "any one of the symbols listed inside it; `X*` matches zero or more repetitions of X, `X+` one or "
              "more, `X?` zero or one; `X|Y` matches X or Y; parentheses group. `*`, `+` and `?` bind tightest, "
              "then concatenation, then `|`."),
    "formal": ("The pattern uses textbook notation: a symbol matches itself; `Σ` matches any one symbol; `ε` "
               "matches the empty string; writing expressions side by side concatenates them; `X + Y` matches X "
               "or Y; `X*` matches zero or more repetitions of X; parentheses group. `*` binds tightest, then "
               "concatenation, then `+`."),
}


def _atom(rng: Random, k: int) -> list:
    roll = rng.random()
    if roll < 0.12:
        return ["any"]
    if roll < 0.3 and k >= 3:
        return ["cls", sorted(rng.sample(range(k), rng.randint(2, k - 1)))]
    return ["sym", rng.randrange(k)]


def _cat(items: list) -> list:
    return items[0] if len(items) == 1 else ["cat", items]


def build(rng: Random, n: int, d: int, h: int, k: int, solid: bool = False) -> list:
    """A tree with exactly n atoms, star height exactly h (h <= d) and operator nesting d (exactly
    when n >= d). ``solid``: the tree must not match the empty string. Every operand of `*`,
    `+` and `?` is solid, which also keeps backtracking matchers fast (no `(a*)*`)."""
    if d == 0:
        return _cat([_atom(rng, k) for _ in range(n)])
    if h == d:
        op = rng.choice(_REPEAT)
    else:
        op = rng.choice(["alt", "opt"] + ([] if h == 0 else list(_REPEAT)))
    if op == "alt" and n < 2:
        op = "opt"
    if solid and n == 1 and op in ("star", "opt"):  # a lone nullable operator cannot be solid
        if h == 0:
            return _atom(rng, k)  # too few atoms for the nesting: the only place it falls short
        op = "plus"
    if op == "alt":
        spine = rng.randint(min(n - 1, d), n - 1)  # the deeper branch keeps room for its depth
        other = rng.randint(1, n - spine)
        d2 = rng.randint(0, d - 1)
        branches = [build(rng, spine, d - 1, h, k, solid),
                    build(rng, other, d2, rng.randint(0, min(h, d2)), k, solid)]
        rng.shuffle(branches)
        node, used = ["alt", branches], spine + other
    else:
        top = n - 1 if solid and op != "plus" else n  # a nullable node needs a solid neighbour
        used = rng.randint(min(top, max(d, (n + 1) // 2)), top)
        node = [op, build(rng, used, d - 1, h - (op in _REPEAT), k, True)]
    rest = n - used
    if not rest:
        return node
    left = rng.randint(0, rest)
    parts = [_atom(rng, k) for _ in range(left)] + [node] + [_atom(rng, k) for _ in range(rest - left)]
    return ["cat", parts]


def render(node: list, alphabet: str, notation: str, ctx: str = "top") -> str:
    """The pattern text; ctx is where it stands (top, alt branch, cat item, under a postfix)."""
    kind = node[0]
    if kind == "sym":
        return alphabet[node[1]]
    if kind == "any":
        return "." if notation == "regex" else "Σ"
    if kind == "cls":
        if notation == "regex":
            return "[" + "".join(alphabet[i] for i in node[1]) + "]"
        return "(" + " + ".join(alphabet[i] for i in node[1]) + ")"
    if kind == "cat":
        text = "".join(render(x, alphabet, notation, "cat") for x in node[1])
        return f"({text})" if ctx == "post" else text
    if kind == "alt":
        sep = "|" if notation == "regex" else " + "
        text = sep.join(render(x, alphabet, notation, "alt") for x in node[1])
        return f"({text})" if ctx in ("cat", "post") else text
    inner = render(node[1], alphabet, notation, "post")
    if notation == "regex":
        text = inner + {"star": "*", "plus": "+", "opt": "?"}[kind]
        return f"({text})" if ctx == "post" else text  # `a*?` or `a+*` would read as one operator
    if kind == "star":
        return f"({inner}*)" if ctx == "post" else inner + "*"
    if kind == "plus":
        text = inner + inner + "*"
        return f"({text})" if ctx == "post" else text
    text = render(node[1], alphabet, notation, "alt") + " + ε"
    return f"({text})"


def sample(rng: Random, node: list, k: int) -> list[int]:
    """A random string of the pattern's language (as symbol indices)."""
    kind = node[0]
    if kind == "sym":
        return [node[1]]
    if kind == "any":
        return [rng.randrange(k)]
    if kind == "cls":
        return [rng.choice(node[1])]
    if kind == "cat":
        return [s for x in node[1] for s in sample(rng, x, k)]
    if kind == "alt":
        return sample(rng, rng.choice(node[1]), k)
    times = {"star": rng.choice((0, 1, 1, 2, 3)), "plus": rng.choice((1, 1, 2, 3)), "opt": rng.randint(0, 1)}[kind]
    return [s for _ in range(times) for s in sample(rng, node[1], k)]


def mutate(rng: Random, s: list[int], k: int) -> list[int]:
    """One edit: change, insert or delete a symbol, or swap two neighbours."""
    s = list(s)
    how = rng.choice(("change", "insert", "delete", "swap") if len(s) > 1 else ("change", "insert"))
    i = rng.randrange(len(s))
    if how == "change":
        s[i] = rng.choice([c for c in range(k) if c != s[i]])
    elif how == "insert":
        s.insert(rng.randint(0, len(s)), rng.randrange(k))
    elif how == "delete":
        del s[i]
    else:
        i = min(i, len(s) - 2)
        s[i], s[i + 1] = s[i + 1], s[i]
    return s


def ends(node: list, s: str, i: int, alphabet: str) -> set[int]:
    """Every position a match of ``node`` starting at ``i`` in ``s`` can end at."""
    kind = node[0]
    if kind in ("sym", "any", "cls"):
        if i >= len(s):
            return set()
        ok = {"sym": lambda c: c == alphabet[node[1]], "any": lambda c: c in alphabet,
              "cls": lambda c: c in {alphabet[j] for j in node[1]}}[kind](s[i])
        return {i + 1} if ok else set()
    if kind == "cat":
        at = {i}
        for x in node[1]:
            at = {e for p in at for e in ends(x, s, p, alphabet)}
        return at
    if kind == "alt":
        return {e for x in node[1] for e in ends(x, s, i, alphabet)}
    if kind == "opt":
        return {i} | ends(node[1], s, i, alphabet)
    reached = {i} if kind == "star" else ends(node[1], s, i, alphabet)
    todo = list(reached)
    while todo:
        for e in ends(node[1], s, todo.pop(), alphabet):
            if e not in reached:
                reached.add(e)
                todo.append(e)
    return reached


@family("regex_match", version=1, domain="automata", answer=AnswerType.SET,
        purpose="Decide which candidate strings match the whole of a small regular expression.")
class RegexMatch:
    size = IntRange(2, 14, base=5, levels=(2, 3, 5, 7, 10, 14), help="symbol positions (atoms) in the pattern")
    nesting = IntRange(1, 4, base=2, help="operators nested above the deepest atom (exact when size >= nesting)")
    star_height = IntRange(0, 3, base=1, help="nested repetitions (* or +), at most nesting")
    candidates = IntRange(3, 12, base=6, help="candidate strings to judge")
    near_miss = Choice(("none", "some", "most"), base="some", ordered=True,
                       help="candidates that are one edit away from a matching string: none, a third, two thirds")
    symbols = IntRange(2, 4, base=2, help="alphabet size")
    alphabet = Choice(tuple(_ALPHABETS), base="letters", role="surface", help="which symbols are written")
    notation = Choice(("regex", "formal"), base="regex", role="surface", help="regex syntax or textbook notation")

    def generate(self, p: Params, rng: Random) -> Problem:
        k, letters = p.symbols, _ALPHABETS[p.alphabet][:p.symbols]
        height = min(p.star_height, p.nesting)
        tree = build(rng, p.size, p.nesting, height, k)
        kinds = {"none": ("in", "out"), "some": ("in", "near", "out"), "most": ("in", "near", "near")}[p.near_miss]
        found: list[str] = []
        for attempt in range(60 * p.candidates):
            kind = kinds[len(found) % len(kinds)] if attempt < 40 * p.candidates else "out"
            s = sample(rng, tree, k)
            if kind == "near" and s:
                s = mutate(rng, s, k)
            elif kind == "out":
                s = [rng.randrange(k) for _ in range(rng.randint(1, 8))]
            text = "".join(letters[c] for c in s)
            if 1 <= len(text) <= 10 and text not in found:
                found.append(text)
            if len(found) == p.candidates:
                break
        rng.shuffle(found)
        pattern = render(tree, letters, p.notation)
        prompt = (f"Strings are written with the symbols {', '.join(letters)}. {_NOTATION[p.notation]}\n\n"
                  f"Pattern: {pattern}\n\nCandidates:\n" + "\n".join(f"- {s}" for s in found)
                  + "\n\nWhich candidates match the whole pattern (the entire string, not just a part of it)?\n"
                  + AnswerType.SET.sentence("the matching candidates", empty="none of them matches"))
        python = render(tree, letters, "regex")
        return Problem(prompt, {"tree": tree, "alphabet": letters, "regex": python, "candidates": found},
                       AnswerType.SET)

    def solve(self, problem: Problem) -> list[str]:
        d = problem.data
        pattern = re.compile(d["regex"])
        return sorted(s for s in d["candidates"] if pattern.fullmatch(s)) or ["none"]

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        matching = [s for s in d["candidates"] if len(s) in ends(d["tree"], s, 0, d["alphabet"])]
        return match_set(answer, matching or ["none"])

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = [s for s in self.solve(problem) if s != "none"]
        others = [s for s in d["candidates"] if s not in right]
        partial = sorted(s for s in d["candidates"] if re.search(d["regex"], s))  # matched somewhere inside
        cands = [partial, right + others[:1], right[:-1], d["candidates"]]
        texts = [", ".join(sorted(c)) if c else "none" for c in cands]
        mine = ", ".join(sorted(right)) or "none"
        return distinct(mine, texts + [hedge(mine, texts[1])])
