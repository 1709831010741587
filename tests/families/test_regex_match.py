"""regex_match: the pattern and candidates read back from the prompt text alone, parsed by a
recursive-descent parser written here and matched by Brzozowski derivatives, give the reference."""

from __future__ import annotations

import random
import re

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("regex_match")
NOTHING, EMPTY = ("nothing",), ("empty",)


def parse_pattern(text: str, symbols: list[str], formal: bool):
    """A tree of ('sym', set) | ('cat', a, b) | ('alt', a, b) | ('star', a) | EMPTY."""
    tokens = [t for t in text if t != " "]
    pos = 0
    union = "+" if formal else "|"

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def alt():
        nonlocal pos
        node = cat()
        while peek() == union:
            pos += 1
            node = ("alt", node, cat())
        return node

    def cat():
        items = []
        while peek() is not None and peek() not in (union, ")"):
            items.append(post())
        assert items, text
        node = items[0]
        for x in items[1:]:
            node = ("cat", node, x)
        return node

    def post():
        nonlocal pos
        node = prim()
        while peek() is not None and peek() in ("*",) + (() if formal else ("+", "?")):
            op = tokens[pos]
            pos += 1
            node = {"*": ("star", node), "+": ("cat", node, ("star", node)), "?": ("alt", node, EMPTY)}[op]
        return node

    def prim():
        nonlocal pos
        t = tokens[pos]
        pos += 1
        if t == "(":
            node = alt()
            assert tokens[pos] == ")"
            pos += 1
            return node
        if t == "[":
            end = tokens.index("]", pos)
            chars, pos = set(tokens[pos:end]), end + 1
            return ("sym", chars)
        if t in (".", "Σ"):
            return ("sym", set(symbols))
        if t == "ε":
            return EMPTY
        assert t in symbols, (t, text)
        return ("sym", {t})

    tree = alt()
    assert pos == len(tokens), text
    return tree


def nullable(r) -> bool:
    if r in (NOTHING,) or r[0] == "sym":
        return False
    if r == EMPTY or r[0] == "star":
        return True
    if r[0] == "cat":
        return nullable(r[1]) and nullable(r[2])
    return nullable(r[1]) or nullable(r[2])


def derive(r, c):
    if r in (NOTHING, EMPTY):
        return NOTHING
    if r[0] == "sym":
        return EMPTY if c in r[1] else NOTHING
    if r[0] == "alt":
        a, b = derive(r[1], c), derive(r[2], c)
        return b if a == NOTHING else a if b == NOTHING else ("alt", a, b)
    if r[0] == "star":
        d = derive(r[1], c)
        return NOTHING if d == NOTHING else ("cat", d, r)
    first = derive(r[1], c)
    left = NOTHING if first == NOTHING else r[2] if first == EMPTY else ("cat", first, r[2])
    if not nullable(r[1]):
        return left
    right = derive(r[2], c)
    return right if left == NOTHING else left if right == NOTHING else ("alt", left, right)


def matches(tree, s: str) -> bool:
    for c in s:
        tree = derive(tree, c)
        if tree == NOTHING:
            return False
    return nullable(tree)


def read_prompt(prompt: str):
    symbols = re.search(r"^Strings are written with the symbols ([^.]+)\.", prompt).group(1).split(", ")
    formal = "textbook notation" in prompt
    pattern = re.search(r"^Pattern: (.+)$", prompt, re.M).group(1)
    candidates = re.findall(r"^- (\S+)$", prompt, re.M)
    return parse_pattern(pattern, symbols, formal), candidates, symbols


def test_the_prompt_alone_gives_the_reference_answer():
    notations = set()
    for params, seed, problem in random_instances(FAM, 300, 19):
        tree, candidates, symbols = read_prompt(problem.prompt)
        assert len(candidates) == params["candidates"] == len(set(candidates))
        assert len(symbols) == params["symbols"]
        mine = sorted(c for c in candidates if matches(tree, c)) or ["none"]
        assert render("set", mine) == render("set", FAM.solve(problem)), (seed, params, problem.prompt)
        assert verify(FAM, problem, seed).ok
        notations.add(params["notation"])
    assert notations == {"regex", "formal"}


def shape(tree) -> tuple[int, int, int]:
    """(atoms, operator nesting, star height) of a family tree in problem.data."""
    kind = tree[0]
    if kind in ("sym", "any", "cls"):
        return 1, 0, 0
    if kind in ("cat", "alt"):
        parts = [shape(x) for x in tree[1]]
        up = kind == "alt"
        return sum(p[0] for p in parts), max(p[1] for p in parts) + up, max(p[2] for p in parts)
    a, n, h = shape(tree[1])
    return a, n + 1, h + (kind in ("star", "plus"))


def test_size_nesting_and_star_height_are_exact_when_size_allows():
    for params, seed, problem in random_instances(FAM, 300, 3):
        atoms, nesting, height = shape(problem.data["tree"])
        assert atoms == params["size"], (seed, params)
        assert height == min(params["star_height"], params["nesting"]), (seed, params)
        if params["size"] >= params["nesting"]:
            assert nesting == params["nesting"], (seed, params, problem.data["regex"])


def test_notation_and_alphabet_leave_the_answer_unchanged():
    for seed in range(40):
        answers = set()
        for notation in ("regex", "formal"):
            for alphabet in FAM.variable("alphabet").domain:
                problem = FAM.generate({"notation": notation, "alphabet": alphabet, "symbols": 3, "size": 8},
                                       random.Random(seed))
                letters = re.search(r"symbols ([^.]+)\.", problem.prompt).group(1).split(", ")
                right = FAM.solve(problem)
                answers.add(str([[letters.index(c) for c in s] for s in right if s != "none"]))
                misses = FAM.near_misses(problem, random.Random(seed))
                assert len(misses) >= 2 and not any(FAM.judge_text(problem, m) for m in misses)
        assert len(answers) == 1


def test_answers_are_mixed_and_a_partial_match_is_wrong():
    sizes, partial = [], 0
    for seed in range(200):
        problem = FAM.generate({}, random.Random(seed))
        right = [s for s in FAM.solve(problem) if s != "none"]
        sizes.append(len(right))
        inside = sorted(s for s in problem.data["candidates"] if re.search(problem.data["regex"], s))
        if inside != sorted(right):
            partial += 1
            assert not FAM.check(problem, inside or ["none"])
    assert sizes.count(0) < 40 and sizes.count(6) < 20 and partial > 40
