"""kakuro: fill the white cells with digits 1-9 so that every run has the stated sum, no repeats.

A run is a maximal line of two or more white cells across or down; its digits are all different
and add up to its clue. Logic variables: ``rows`` and ``cols`` (2..7, the white area), ``blacks``
(black cells tried inside the area; one is kept only where every run stays at least two long and
the white cells stay connected), ``digits`` (how the planted digits are drawn: ``extreme`` sums
have few digit combinations, ``middle`` sums many) and ``hints`` (cells filled in beyond those
uniqueness needs). Surface: ``layout`` (an ASCII board with ``down\\across`` clue cells, a list of
runs, or a list of cell sums) and ``mark`` (how a black cell is written in the answer).

Label: generation plants a digit fill, then asks python-sat (CaDiCaL; each run is one of the digit
sets with its sum, digits distinct) for a second solution; while one exists it fills in a cell
where the two differ, then drops every filled cell uniqueness does not need, so the puzzle kept has
exactly one solution (an UNSAT call proves it).
``solve`` reads the solution from the SAT solver; ``check`` adds up every run of the answer.
"""

from __future__ import annotations

from itertools import combinations
from random import Random

from pysat.solvers import Solver

from unseen.author import RIGHT, AnswerType, Choice, IntRange, Params, Problem, Verdict, distinct, family, wrong

_WEIGHTS = {"extreme": [5, 3, 1, 0.5, 0.3, 0.5, 1, 3, 5], "mixed": [1] * 9,
            "middle": [0.4, 0.8, 2, 3, 3, 3, 2, 0.8, 0.4]}


def runs_of(rows: int, cols: int, black: set) -> list[list]:
    """[direction, r, c, length] of every maximal line of white cells (length 1 included)."""
    out = []
    for across in (True, False):
        outer, inner = (rows, cols) if across else (cols, rows)
        for a in range(outer):
            b = 0
            while b < inner:
                cell = (a, b) if across else (b, a)
                if cell in black:
                    b += 1
                    continue
                start = b
                while b < inner and ((a, b) if across else (b, a)) not in black:
                    b += 1
                out.append(["across" if across else "down", *cell, b - start])
    return out


def cells_of(run: list) -> list[tuple[int, int]]:
    d, r, c, n = run[:4]
    return [(r, c + k) if d == "across" else (r + k, c) for k in range(n)]


def shape(rows: int, cols: int, tries: int, rng: Random) -> set:
    """Black cells: each tried cell stays black only if every run stays 2+ long and whites connect."""
    black: set = set()
    for _ in range(tries):
        cell = (rng.randrange(rows), rng.randrange(cols))
        if cell in black:
            continue
        trial = black | {cell}
        white = [(r, c) for r in range(rows) for c in range(cols) if (r, c) not in trial]
        if any(run[3] < 2 for run in runs_of(rows, cols, trial)):
            continue
        seen, todo = {white[0]}, [white[0]]
        while todo:
            r, c = todo.pop()
            for nb in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if nb in white and nb not in seen:
                    seen.add(nb)
                    todo.append(nb)
        if len(seen) == len(white):
            black = trial
    return black


def plant(rows: int, cols: int, runs: list[list], digits: str, rng: Random) -> dict:
    """A digit for every white cell, all different within each run (randomised backtracking)."""
    mine = {}
    for k, run in enumerate(runs):
        for cell in cells_of(run):
            mine.setdefault(cell, []).append(k)
    order = sorted(mine)
    fill: dict = {}

    def rec(i: int) -> bool:
        if i == len(order):
            return True
        cell = order[i]
        used = {fill[x] for k in mine[cell] for x in cells_of(runs[k]) if x in fill}
        keys = {d: rng.random() ** (1 / _WEIGHTS[digits][d - 1]) for d in range(1, 10)}
        for d in sorted(range(1, 10), key=keys.__getitem__, reverse=True):
            if d not in used:
                fill[cell] = d
                if rec(i + 1):
                    return True
                del fill[cell]
        return False

    rec(0)
    return fill


class Sums:
    """CaDiCaL over x(cell, digit): one digit a cell, no digit twice in a run, each run one of its sets."""

    def __init__(self, runs: list[list]):
        cells = sorted({cell for run in runs for cell in cells_of(run)})
        self.index = {cell: i for i, cell in enumerate(cells)}
        x = self.x
        cnf = []
        for cell in cells:
            cnf.append([x(cell, d) for d in range(1, 10)])
            cnf += [[-x(cell, a), -x(cell, b)] for a, b in combinations(range(1, 10), 2)]
        top = 9 * len(cells)
        for run in runs:
            members = cells_of(run)
            for d in range(1, 10):
                cnf += [[-x(a, d), -x(b, d)] for a, b in combinations(members, 2)]
            sets = [s for s in combinations(range(1, 10), len(members)) if sum(s) == run[4]]
            chosen = list(range(top + 1, top + 1 + len(sets)))
            top += len(sets)
            cnf.append(chosen)
            for y, digits in zip(chosen, sets, strict=True):
                cnf += [[-y] + [x(cell, d) for d in digits] for cell in members]
        self.block_var = top + 1
        self.solver = Solver(name="cadical153", bootstrap_with=cnf)

    def x(self, cell: tuple[int, int], d: int) -> int:
        return 1 + 9 * self.index[tuple(cell)] + d - 1

    def block(self, fill: dict) -> None:
        self.solver.add_clause([-self.block_var] + [-self.x(cell, d) for cell, d in fill.items()])

    def solve(self, givens: list[list[int]], blocked: bool) -> dict | None:
        assume = [self.x((r, c), d) for r, c, d in givens] + ([self.block_var] if blocked else [])
        if not self.solver.solve(assumptions=assume):
            return None
        true = {lit for lit in self.solver.get_model() if lit > 0}
        return {cell: next(d for d in range(1, 10) if self.x(cell, d) in true) for cell in self.index}


@family("kakuro", version=1, domain="puzzles", answer=AnswerType.GRID,
        purpose="Solve a small kakuro: digits 1-9 in the white cells, each run distinct and adding up to its clue.")
class Kakuro:
    rows = IntRange(2, 7, base=4, levels=(2, 3, 4, 5, 6, 7), help="rows of the white area")
    cols = IntRange(2, 7, base=4, levels=(2, 3, 4, 5, 6, 7), help="columns of the white area")
    blacks = IntRange(0, 12, base=3, levels=(0, 3, 6, 12), help="black cells tried inside the area")
    digits = Choice(("extreme", "mixed", "middle"), base="mixed", ordered=True,
                    help="planted digits lean to 1-2 and 8-9 (sums with few digit sets) or to the middle")
    hints = IntRange(0, 12, base=1, levels=(0, 1, 3, 6, 12), simplest=12,
                     help="cells filled in beyond those uniqueness needs (at most half the empty cells)")
    layout = Choice(("board", "runs", "sums"), base="board", role="surface",
                    help="an ASCII board of clue cells, a list of runs, or each run as a sum of cells")
    mark = Choice(("x", "0"), base="x", role="surface", help="how a black cell is written in the answer")

    def generate(self, p: Params, rng: Random) -> Problem:
        rows, cols = p.rows, p.cols
        black = shape(rows, cols, p.blacks, rng)
        runs = runs_of(rows, cols, black)
        fill = plant(rows, cols, runs, p.digits, rng)
        runs = [run + [sum(fill[c] for c in cells_of(run))] for run in runs]
        sums = Sums(runs)
        sums.block(fill)
        givens: list[list[int]] = []
        try:
            while (other := sums.solve(givens, True)) is not None:
                r, c = rng.choice(sorted(cell for cell in fill if other[cell] != fill[cell]))
                givens.append([r, c, fill[r, c]])
            for given in rng.sample(givens, len(givens)):  # keep only the filled cells uniqueness needs
                fewer = [g for g in givens if g != given]
                if sums.solve(fewer, True) is None:
                    givens = fewer
        finally:
            sums.solver.delete()
        free = sorted(cell for cell in fill if [*cell, fill[cell]] not in givens)
        givens += [[r, c, fill[r, c]] for r, c in rng.sample(free, min(p.hints, len(free) // 2))]
        data = {"rows": rows, "cols": cols, "black": sorted([r, c] for r, c in black), "runs": runs,
                "givens": sorted(givens), "mark": p.mark}
        body = {"board": self._board, "runs": self._runs, "sums": self._runs}[p.layout](data, p.layout, rng)
        intro = (f"Solve this kakuro puzzle on a grid of {rows} rows and {cols} columns. Write a digit from 1 to 9 in "
                 "every white cell. A run is a horizontal or vertical line of two or more white cells between black "
                 "cells or the edge of the grid; the digits in a run must all be different and add up to the run's "
                 "clue. The puzzle has exactly one solution.\n\n")
        m = p.mark
        form = AnswerType.GRID.sentence(
            f"the {rows} by {cols} grid (the digit of each white cell, {m} for each black cell)",
            example=f"{m} 3 / 1 2", example_of="a 2 by 2 grid whose top-left cell is black")
        return Problem(intro + body + "\n\n" + form, data, AnswerType.GRID)

    @staticmethod
    def _board(data: dict, layout: str, rng: Random) -> str:
        rows, cols, black = data["rows"], data["cols"], {tuple(b) for b in data["black"]}
        clue = {}
        for d, r, c, _, s in data["runs"]:
            start = (r, c - 1) if d == "across" else (r - 1, c)
            clue.setdefault(start, ["-", "-"])[d == "across"] = str(s)
        given = {(r, c): str(d) for r, c, d in data["givens"]}
        lines = []
        for r in range(-1, rows):
            cells = []
            for c in range(-1, cols):
                white = 0 <= r and 0 <= c and (r, c) not in black
                cells.append(given.get((r, c), ".") if white else
                             "\\".join(clue[r, c]) if (r, c) in clue else "#")
            lines.append("".join(x.ljust(7) for x in cells).rstrip())
        return (f"The board below has one extra row on top and one extra column on the left for clues, so the grid "
                f"is its last {rows} rows and last {cols} columns. '.' is an empty white cell and a digit a white "
                "cell already filled in. Every other cell is black: '#' is a black cell without a clue, and 'D\\A' "
                "is a black cell holding clues, where D is the sum of the run going down from just below it and "
                "A the sum of the run going right from just right of it ('-' where there is no such run).\n\n"
                + "\n".join(lines))

    @staticmethod
    def _runs(data: dict, layout: str, rng: Random) -> str:
        name = lambda cell: f"({cell[0] + 1}, {cell[1] + 1})"  # noqa: E731
        lines = []
        for run in rng.sample(data["runs"], len(data["runs"])):
            d, r, c, n, s = run
            if layout == "sums":
                lines.append(" + ".join(name(x) for x in cells_of(run)) + f" = {s}")
            elif d == "across":
                lines.append(f"across in row {r + 1}, columns {c + 1} to {c + n}: sum {s}")
            else:
                lines.append(f"down in column {c + 1}, rows {r + 1} to {r + n}: sum {s}")
        blacks = ", ".join(name(b) for b in data["black"]) or "none"
        givens = "; ".join(f"{name((r, c))} = {d}" for r, c, d in data["givens"]) or "none"
        return (f"(r, c) is the cell in row r (from 1 at the top) and column c (from 1 at the left). Black cells: "
                f"{blacks}; every other cell is white. White cells already filled in: {givens}.\n"
                "The runs and their clues:\n" + "\n".join(lines))

    def solve(self, problem: Problem) -> list[list[str]]:
        d = problem.data
        sums = Sums(d["runs"])
        try:
            fill = sums.solve(d["givens"], False)
        finally:
            sums.solver.delete()
        return [[str(fill[r, c]) if (r, c) in fill else d["mark"] for c in range(d["cols"])]
                for r in range(d["rows"])]

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        rows, cols, black = d["rows"], d["cols"], {tuple(b) for b in d["black"]}
        if len(answer) != rows or any(len(row) != cols for row in answer):
            return wrong(f"expected {rows} rows of {cols} entries")
        for r in range(rows):
            for c in range(cols):
                x = str(answer[r][c]).casefold()
                if (r, c) in black and x != d["mark"]:
                    return wrong(f"cell ({r + 1}, {c + 1}) is black and must be written {d['mark']}")
                if (r, c) not in black and (len(x) != 1 or x not in "123456789"):
                    return wrong(f"cell ({r + 1}, {c + 1}) must hold one digit from 1 to 9")
        if any(answer[r][c] != str(v) for r, c, v in d["givens"]):
            return wrong("the answer changes a filled-in cell")
        for run in d["runs"]:
            digits = [int(answer[r][c]) for r, c in cells_of(run)]
            if len(set(digits)) != len(digits) or sum(digits) != run[4]:
                return wrong(f"the {run[0]} run at ({run[1] + 1}, {run[2] + 1}) breaks its clue {run[4]}")
        return RIGHT

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = self.solve(problem)
        run = rng.choice(d["runs"])
        (r1, c1), (r2, c2) = rng.sample(cells_of(run), 2)
        swapped = [list(row) for row in right]  # the same run sum, another order: breaks the crossing runs
        swapped[r1][c1], swapped[r2][c2] = right[r2][c2], right[r1][c1]
        bumped = [list(row) for row in right]
        bumped[r1][c1] = str(int(right[r1][c1]) % 9 + 1)
        unmarked = [["." if x == d["mark"] else x for x in row] for row in right]
        render = AnswerType.GRID.render
        return distinct(render(right), [render(g) for g in (swapped, bumped, unmarked, right[:-1])])
