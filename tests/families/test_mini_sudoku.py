"""mini_sudoku: a plain backtracking solver confirms uniqueness and the reference; checker tests."""

from __future__ import annotations

import random
import re

from families import random_instances
from unseen import registry
from unseen.answers import parse, render
from unseen.problem import Problem
from unseen.verify import verify

FAM = registry.get("mini_sudoku")
BOX = {4: (2, 2), 6: (2, 3)}


def groups(n, boxes, diagonals):
    cells = [(r, c) for r in range(n) for c in range(n)]
    out = [[(r, c) for c in range(n)] for r in range(n)] + [[(r, c) for r in range(n)] for c in range(n)]
    if boxes:
        br, bc = BOX[n]
        out += [[x for x in cells if x[0] // br == i and x[1] // bc == j] for i in range(n // br)
                for j in range(n // bc)]
    if diagonals in ("one", "both"):
        out.append([(i, i) for i in range(n)])
    if diagonals == "both":
        out.append([(i, n - 1 - i) for i in range(n)])
    return out


def all_solutions(puzzle, n, gs, limit=2):
    """Plain backtracking in reading order, no propagation."""
    grid = [row[:] for row in puzzle]
    peers = {(r, c): {x for g in gs if (r, c) in g for x in g} for r in range(n) for c in range(n)}
    blanks = [(r, c) for r in range(n) for c in range(n) if grid[r][c] < 0]
    found = []

    def go(i):
        if len(found) >= limit:
            return
        if i == len(blanks):
            found.append([row[:] for row in grid])
            return
        r, c = blanks[i]
        taken = {grid[a][b] for a, b in peers[(r, c)]}
        for v in range(n):
            if v not in taken:
                grid[r][c] = v
                go(i + 1)
                grid[r][c] = -1

    go(0)
    return found


def test_unique_and_equal_to_reference():
    rng = random.Random(5)
    for seed in range(220):
        params = {"size": rng.choice([4, 6]), "blanks": rng.randint(5, 100), "boxes": rng.random() < 0.5,
                  "diagonals": rng.choice(["none", "one", "both"]),
                  "deduction": rng.choice(["singles", "search"]),
                  "spread": rng.choice(["scattered", "clustered"]),
                  "symbols": rng.choice(["digits", "colours"]),
                  "layout": rng.choice(["grid", "cells", "columns"])}
        problem = FAM.generate(params, random.Random(seed))
        d = problem.data
        sols = all_solutions(d["puzzle"], d["n"], groups(d["n"], d["boxes"], d["diagonals"]))
        assert len(sols) == 1, params
        assert FAM.solve(problem) == [[d["symbols"][v] for v in row] for row in sols[0]]
        assert any(v < 0 for row in d["puzzle"] for v in row)
        assert verify(FAM, problem, seed).ok


def test_large_sizes_verify():
    for seed, size in enumerate([8, 9, 8, 9]):
        problem = FAM.generate({"size": size, "blanks": 100, "diagonals": "both"}, random.Random(seed))
        assert verify(FAM, problem, seed).ok


def blank_problem(boxes, diagonals="none"):
    return Problem("", {"n": 4, "boxes": boxes, "diagonals": diagonals, "symbols": ["1", "2", "3", "4"],
                        "puzzle": [[0, -1, -1, -1]] + [[-1] * 4 for _ in range(3)], "solution": []}, "grid")


def test_checker_validates_rules_not_a_stored_grid():
    latin_only = parse("grid", "1 2 3 4 / 2 3 4 1 / 3 4 1 2 / 4 1 2 3")  # boxes repeat symbols
    sudoku = parse("grid", "1 2 3 4 / 3 4 1 2 / 2 1 4 3 / 4 3 2 1")
    x_sudoku = parse("grid", "1 2 3 4 / 3 4 1 2 / 4 3 2 1 / 2 1 4 3")
    assert FAM.check(blank_problem(False), latin_only)
    assert not FAM.check(blank_problem(True), latin_only)
    assert FAM.check(blank_problem(True), sudoku)  # any grid that keeps the rules passes
    assert not FAM.check(blank_problem(True, "one"), sudoku)
    assert FAM.check(blank_problem(True, "both"), x_sudoku)
    assert not FAM.check(blank_problem(True), parse("grid", "2 1 3 4 / 3 4 1 2 / 1 2 4 3 / 4 3 2 1"))  # given
    assert not FAM.check(blank_problem(True), parse("grid", "1 2 3 4 / 3 4 1 2 / 2 1 4 3"))
    assert not FAM.check(blank_problem(True), parse("grid", "1 2 3 4 / 3 4 1 2 / 2 1 4 3 / 4 3 2 x"))


def test_symbols_and_near_misses():
    problem = FAM.generate({"symbols": "colours", "size": 4}, random.Random(1))
    ref = render("grid", FAM.solve(problem))
    assert FAM.judge_text(problem, ref.upper()).correct
    assert FAM.judge_text(problem, ref.replace(" / ", "\n")).correct
    misses = FAM.near_misses(problem, random.Random(2))
    assert len(misses) == 3 and not any(FAM.judge_text(problem, m).correct for m in misses)


# ---- the answer from the prompt text alone ---------------------------------------------

def read_prompt(prompt: str):
    """Symbols, the units (cell lists) the rules name, and the givens, all from the text."""
    symbols = re.search(r"contains each of the symbols (.+?) exactly once\.", prompt)[1].split(", ")
    n = int(re.match(r"Fill the (\d+) by (\d+) grid", prompt)[1])
    assert len(symbols) == n
    units = [[(r, c) for c in range(n)] for r in range(n)] + [[(r, c) for r in range(n)] for c in range(n)]
    m = re.search(r"cut into (\d+) boxes of (\d+) rows by (\d+) columns, starting at the top-left corner", prompt)
    if m:
        k, br, bc = map(int, m.groups())
        assert k * br * bc == n * n and n % br == 0 and n % bc == 0
        units += [[(r0 + r, c0 + c) for r in range(br) for c in range(bc)]
                  for r0 in range(0, n, br) for c0 in range(0, n, bc)]
    if "the main diagonal (top-left to bottom-right)" in prompt:
        units.append([(i, i) for i in range(n)])
    if "the anti-diagonal (top-right to bottom-left)" in prompt:
        units.append([(i, n - 1 - i) for i in range(n)])
    code = {s: i for i, s in enumerate(symbols)}
    grid = [[-1] * n for _ in range(n)]
    body = prompt.split("\n\n")[1]
    if body.startswith("The grid, top row first"):
        for r, line in enumerate(body.split("\n")[1:]):
            grid[r] = [code.get(x, -1) for x in line.split(" ")]
            assert all(x in code or x == "." for x in line.split(" ")) and len(grid[r]) == n
    elif body.startswith("The grid column by column"):
        for c, cells in re.findall(r"^Column (\d+): (.+)$", body, re.MULTILINE):
            for r, x in enumerate(cells.split(" ")):
                grid[r][int(c) - 1] = code[x] if x != "." else -1
    else:
        for r, c, x in re.findall(r"\((\d+), (\d+)\) = (\w+)", body):
            grid[int(r) - 1][int(c) - 1] = code[x]
    return symbols, units, grid


def solutions_from_text(units, grid, limit=2):
    """Backtracking on the most constrained empty cell, with bitmasks per unit."""
    n = len(grid)
    grid = [row[:] for row in grid]
    of = {(r, c): [k for k, u in enumerate(units) if (r, c) in u] for r in range(n) for c in range(n)}
    used = [0] * len(units)
    for k, u in enumerate(units):
        for r, c in u:
            if grid[r][c] >= 0:
                assert not used[k] >> grid[r][c] & 1, "the givens break a rule"
                used[k] |= 1 << grid[r][c]
    empty = [(r, c) for r in range(n) for c in range(n) if grid[r][c] < 0]
    found = []

    def go():
        if len(found) >= limit:
            return
        best, best_free = None, None
        for cell in empty:
            if grid[cell[0]][cell[1]] < 0:
                free = ((1 << n) - 1) & ~sum_or(used[k] for k in of[cell])
                if best is None or free.bit_count() < best_free.bit_count():
                    best, best_free = cell, free
                    if free.bit_count() <= 1:
                        break
        if best is None:
            found.append([row[:] for row in grid])
            return
        for v in range(n):
            if best_free >> v & 1:
                grid[best[0]][best[1]] = v
                for k in of[best]:
                    used[k] |= 1 << v
                go()
                for k in of[best]:
                    used[k] &= ~(1 << v)
                grid[best[0]][best[1]] = -1

    go()
    return found


def sum_or(masks) -> int:
    out = 0
    for m in masks:
        out |= m
    return out


def test_answer_from_prompt_text_alone():
    for params, seed, problem in random_instances(FAM, 300, 6):
        symbols, units, grid = read_prompt(problem.prompt)
        found = solutions_from_text(units, grid)
        assert len(found) == 1, (params, seed, f"{len(found)} solutions")
        assert [[symbols[v] for v in row] for row in found[0]] == FAM.solve(problem), (params, seed)
