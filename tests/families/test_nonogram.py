"""nonogram: a row-by-row backtracker over the clues read back from the prompt text finds exactly one
picture, and it is the reference."""

from __future__ import annotations

import random
import re
from itertools import combinations

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("nonogram")


def read_prompt(prompt: str):
    """(rows, cols, row clues, column clues, known {(r, c): 0/1}, (filled, empty) symbols), text only."""
    rows, cols = map(int, re.search(r"The grid has (\d+) rows and (\d+) columns", prompt).groups())
    if "\nRow 1: " in prompt:
        row_clues = [list(map(int, c.split())) for c in re.findall(r"^Row \d+: ([\d ]+)$", prompt, re.M)]
        col_clues = [list(map(int, c.split())) for c in re.findall(r"^Column \d+: ([\d ]+)$", prompt, re.M)]
    else:
        row_clues = [list(map(int, c.split())) for c in
                     re.search(r"^Row clues, top to bottom: (.*)$", prompt, re.M).group(1).split(" | ")]
        col_clues = [list(map(int, c.split())) for c in
                     re.search(r"^Column clues, left to right: (.*)$", prompt, re.M).group(1).split(" | ")]
    assert len(row_clues) == rows and len(col_clues) == cols
    known = {(int(r) - 1, int(c) - 1): int(v == "filled")
             for r, c, v in re.findall(r"\((\d+), (\d+)\) (filled|empty)", prompt)}
    symbols = re.search(r"giving the grid \((\S+) for a filled cell, (\S+) for an empty one\)", prompt).groups()
    return rows, cols, row_clues, col_clues, known, symbols


def lines_with(length: int, blocks: list[int]) -> list[tuple[int, ...]]:
    """Every 0/1 line with these blocks, by choosing the block starts (a different method from the family's)."""
    if blocks == [0]:
        return [(0,) * length]
    k, slack = len(blocks), length - sum(blocks) - (len(blocks) - 1)
    out = []
    for gaps in combinations(range(slack + k), k):  # gaps[i] - i = extra empties before block i
        line, pos = [0] * length, 0
        for i, (g, b) in enumerate(zip(gaps, blocks, strict=True)):
            pos += g - (gaps[i - 1] if i else -1) - 1
            line[pos:pos + b] = [1] * b
            pos += b + 1
        out.append(tuple(line))
    return out


def pictures(rows, cols, row_clues, col_clues, known, limit=2):
    """All pictures up to ``limit``: rows chosen top to bottom, each column keeping its still-possible lines."""
    row_opts = [[p for p in lines_with(cols, b) if all(known.get((r, c), v) == v for c, v in enumerate(p))]
                for r, b in enumerate(row_clues)]
    col_opts = [[p for p in lines_with(rows, b) if all(known.get((r, c), v) == v for r, v in enumerate(p))]
                for c, b in enumerate(col_clues)]
    found: list = []

    def rec(r: int, cols_left: list, chosen: list) -> None:
        if len(found) >= limit:
            return
        if r == rows:
            found.append([list(x) for x in chosen])
            return
        for pattern in row_opts[r]:
            nxt = [[p for p in opts if p[r] == pattern[c]] for c, opts in enumerate(cols_left)]
            if all(nxt):
                rec(r + 1, nxt, chosen + [pattern])

    rec(0, col_opts, [])
    return found


def test_the_prompt_alone_gives_exactly_one_picture_the_reference():
    for params, seed, problem in random_instances(FAM, 220, 23):
        rows, cols, row_clues, col_clues, known, (full, empty) = read_prompt(problem.prompt)
        found = pictures(rows, cols, row_clues, col_clues, known)
        assert len(found) == 1, (seed, params)
        mine = render("grid", [[full if v else empty for v in row] for row in found[0]])
        assert mine == render(problem.answer_type, FAM.solve(problem)), (seed, params)
        assert verify(FAM, problem, seed).ok


def line_reasoning(rows, cols, row_clues, col_clues, known) -> dict:
    """Settle cells line by line until nothing changes (the test's own version)."""
    known = dict(known)
    changed = True
    while changed:
        changed = False
        for kind, count, length, clues in (("row", rows, cols, row_clues), ("col", cols, rows, col_clues)):
            for i in range(count):
                at = (lambda j, i=i: (i, j)) if kind == "row" else (lambda j, i=i: (j, i))
                fits = [p for p in lines_with(length, clues[i])
                        if all(known.get(at(j), v) == v for j, v in enumerate(p))]
                for j in range(length):
                    if at(j) not in known and len({p[j] for p in fits}) == 1:
                        known[at(j)] = fits[0][j]
                        changed = True
    return known


def test_the_deduction_level_is_what_it_says():
    """lines: line reasoning settles every cell; search (when not dropped): it gets stuck."""
    stuck = 0
    for seed in range(40):
        for deduction in ("lines", "search"):
            problem = FAM.generate({"deduction": deduction, "rows": 7, "cols": 6}, random.Random(seed))
            rows, cols, rc, cc, known, _ = read_prompt(problem.prompt)
            settled = len(line_reasoning(rows, cols, rc, cc, known)) == rows * cols
            assert settled == problem.data["by_lines"], (seed, deduction)
            if deduction == "lines":
                assert settled
            stuck += not settled
    assert stuck >= 30


def test_near_misses_and_foreign_symbols_are_rejected():
    for seed in range(30):
        problem = FAM.generate({"symbols": "letters" if seed % 2 else "digits", "revealed": 4}, random.Random(seed))
        right = FAM.solve(problem)
        assert FAM.judge_text(problem, render("grid", right).lower())
        misses = FAM.near_misses(problem, random.Random(seed))
        assert len(misses) >= 2 and not any(FAM.judge_text(problem, m) for m in misses)
        other = {"X": "1", "O": "0", "1": "X", "0": "O"}
        assert not FAM.check(problem, [[other[x] for x in row] for row in right])


def test_the_surface_leaves_the_picture_unchanged():
    for seed in range(20):
        pictures_seen = set()
        for symbols in ("digits", "letters"):
            for clues in ("lines", "compact"):
                problem = FAM.generate({"symbols": symbols, "clues": clues, "deduction": "search"}, random.Random(seed))
                full = problem.data["symbols"][0]
                pictures_seen.add(str([[int(x == full) for x in row] for row in FAM.solve(problem)]))
        assert len(pictures_seen) == 1
