"""kakuro: a digit-set backtracker over the runs read back from the prompt text finds exactly one
solution, and it is the reference."""

from __future__ import annotations

import random
import re
from itertools import combinations

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("kakuro")


def read_prompt(prompt: str):
    """(rows, cols, black cells, runs [(cells, sum)], givens {cell: digit}, mark) from the text alone."""
    rows, cols = map(int, re.search(r"on a grid of (\d) rows and (\d) columns", prompt).groups())
    mark = re.search(r"\(the digit of each white cell, (\S+) for each black cell\)", prompt).group(1)
    runs, givens, black = [], {}, set()
    if "The board below" in prompt:
        lines = prompt.split("\n\n")[2].split("\n")
        board = [line.split() for line in lines]
        assert len(board) == rows + 1 and all(len(t) == cols + 1 for t in board)
        white = lambda i, j: i < rows + 1 and j < cols + 1 and re.fullmatch(r"[.1-9]", board[i][j])  # noqa: E731
        for i, tokens in enumerate(board):
            for j, tok in enumerate(tokens):
                if white(i, j):
                    assert i > 0 and j > 0
                    if tok != ".":
                        givens[i - 1, j - 1] = int(tok)
                    continue
                if i > 0 and j > 0:
                    black.add((i - 1, j - 1))
                if tok == "#":
                    continue
                down, across = tok.split("\\")
                for total, (di, dj) in ((down, (1, 0)), (across, (0, 1))):
                    if total == "-":
                        continue
                    cells, k = [], 1
                    while white(i + k * di, j + k * dj):
                        cells.append((i + k * di - 1, j + k * dj - 1))
                        k += 1
                    runs.append((cells, int(total)))
    else:
        black = {(int(r) - 1, int(c) - 1) for r, c in
                 re.findall(r"\((\d), (\d)\)", re.search(r"Black cells: (.*?); every", prompt).group(1))}
        filled = re.search(r"already filled in: (.*)\.\n", prompt).group(1)
        givens = {(int(r) - 1, int(c) - 1): int(d) for r, c, d in re.findall(r"\((\d), (\d)\) = (\d)", filled)}
        for r, a, b, s in re.findall(r"^across in row (\d), columns (\d) to (\d): sum (\d+)$", prompt, re.M):
            runs.append(([(int(r) - 1, c - 1) for c in range(int(a), int(b) + 1)], int(s)))
        for c, a, b, s in re.findall(r"^down in column (\d), rows (\d) to (\d): sum (\d+)$", prompt, re.M):
            runs.append(([(r - 1, int(c) - 1) for r in range(int(a), int(b) + 1)], int(s)))
        for line, s in re.findall(r"^(\(\d, \d\)(?: \+ \(\d, \d\))+) = (\d+)$", prompt, re.M):
            runs.append(([(int(r) - 1, int(c) - 1) for r, c in re.findall(r"\((\d), (\d)\)", line)], int(s)))
    return rows, cols, black, runs, givens, mark


def maximal_lines(rows: int, cols: int, black: set) -> set:
    """Every maximal line of two or more white cells, as a frozenset of cells."""
    out = set()
    for lines in ([[(r, c) for c in range(cols)] for r in range(rows)],
                  [[(r, c) for r in range(rows)] for c in range(cols)]):
        for line in lines:
            chunk: list = []
            for cell in line + [None]:
                if cell is None or cell in black:
                    if len(chunk) >= 2:
                        out.add(frozenset(chunk))
                    chunk = []
                else:
                    chunk.append(cell)
    return out


def solutions(cells: list, runs: list, givens: dict, limit: int = 2) -> list[dict]:
    """All fills up to ``limit``: each cell's candidates are the digits some still-possible digit set of
    each of its runs allows; branch on the cell with the fewest."""
    sets = [[set(s) for s in combinations(range(1, 10), len(cs)) if sum(s) == total] for cs, total in runs]
    of = {cell: [k for k, (cs, _) in enumerate(runs) if cell in cs] for cell in cells}
    found: list = []

    def candidates(fill: dict, cell) -> set:
        out = set(range(1, 10))
        for k in of[cell]:
            placed = {fill[x] for x in runs[k][0] if x in fill}
            out &= set().union(*(s for s in sets[k] if placed <= s)) - placed if sets[k] else set()
        return out

    def rec(fill: dict) -> None:
        if len(found) >= limit:
            return
        empty = [c for c in cells if c not in fill]
        if not empty:
            assert all(sum(fill[x] for x in cs) == t and len({fill[x] for x in cs}) == len(cs) for cs, t in runs)
            found.append(dict(fill))
            return
        options = {c: candidates(fill, c) for c in empty}
        cell = min(empty, key=lambda c: len(options[c]))
        for d in sorted(options[cell]):
            rec({**fill, cell: d})

    start = dict(givens)
    assert all(givens[c] in candidates({k: v for k, v in givens.items() if k != c}, c) for c in givens)
    rec(start)
    return found


def test_the_prompt_alone_gives_exactly_one_solution_the_reference():
    for params, seed, problem in random_instances(FAM, 220, 11):
        rows, cols, black, runs, givens, mark = read_prompt(problem.prompt)
        assert maximal_lines(rows, cols, black) == {frozenset(cs) for cs, _ in runs}, (seed, params)
        whites = [(r, c) for r in range(rows) for c in range(cols) if (r, c) not in black]
        found = solutions(whites, runs, givens)
        assert len(found) == 1, (seed, params)
        grid = [[str(found[0][r, c]) if (r, c) in found[0] else mark for c in range(cols)] for r in range(rows)]
        assert render("grid", grid) == render(problem.answer_type, FAM.solve(problem)), (seed, params)
        assert verify(FAM, problem, seed).ok


def test_no_filled_cell_is_spare_beyond_the_asked_hints():
    """With hints=0 every filled cell is needed: emptying any one of them lets a second fill in."""
    for seed in range(25):
        problem = FAM.generate({"hints": 0, "rows": 4, "cols": 5, "layout": "runs"}, random.Random(seed))
        rows, cols, black, runs, givens, _ = read_prompt(problem.prompt)
        whites = [(r, c) for r in range(rows) for c in range(cols) if (r, c) not in black]
        for cell in givens:
            assert len(solutions(whites, runs, {k: v for k, v in givens.items() if k != cell})) == 2, seed


def test_near_misses_and_wrong_marks_are_rejected():
    for seed in range(30):
        problem = FAM.generate({"blacks": 8, "mark": "0" if seed % 2 else "x"}, random.Random(seed))
        right = FAM.solve(problem)
        misses = FAM.near_misses(problem, random.Random(seed))
        assert len(misses) >= 2 and not any(FAM.judge_text(problem, m) for m in misses)
        if problem.data["black"]:
            other = "x" if problem.data["mark"] == "0" else "0"
            relabelled = [[other if x == problem.data["mark"] else x for x in row] for row in right]
            assert not FAM.check(problem, relabelled)
            assert FAM.check(problem, right)


def test_the_surface_leaves_the_solution_unchanged():
    for seed in range(20):
        grids = set()
        for layout in ("board", "runs", "sums"):
            for mark in ("x", "0"):
                problem = FAM.generate({"layout": layout, "mark": mark}, random.Random(seed))
                grids.add(render("grid", [[x if x != mark else "#" for x in row] for row in FAM.solve(problem)]))
        assert len(grids) == 1
