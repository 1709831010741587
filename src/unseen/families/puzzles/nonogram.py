"""nonogram: paint a grid from the lengths of the filled blocks in every row and column.

Each row and column has a clue: the lengths, in order, of its runs of filled cells (0 for an
empty line). Logic variables: ``rows`` and ``cols`` (5..10), ``density`` (percent of cells
filled in the planted picture), ``deduction`` (``lines``: reasoning one line at a time finishes
the puzzle; ``search``: the solution is unique but line reasoning alone gets stuck, so cases must
be tried; dropped to ``lines`` when 100 pictures give no such puzzle) and ``revealed`` (cells
shown beyond those the deduction level needs). Surface: ``symbols`` (how filled and empty cells
are written) and ``clues`` (one line per clue, or two compact lists).

Label: the picture is planted; python-sat (MiniSat; each line is one of its placements of blocks)
looks for a second picture with the same clues and shown cells, and while one exists a cell where
the two differ is shown (or, for ``lines``, cells are shown until line reasoning settles every
cell); a final UNSAT call proves every kept puzzle unique. ``solve`` reads the picture
from the SAT solver; ``check`` recomputes every clue from the answer grid.
"""

from __future__ import annotations

from functools import cache
from random import Random

from pysat.solvers import Solver

from unseen.author import RIGHT, AnswerType, Choice, IntRange, Params, Problem, Verdict, distinct, family, wrong

_SYMBOLS = {"digits": ("1", "0"), "letters": ("X", "O")}


def clue(line) -> list[int]:
    out, run = [], 0
    for v in list(line) + [0]:
        if v:
            run += 1
        elif run:
            out.append(run)
            run = 0
    return out or [0]


@cache
def placements(length: int, blocks: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    """Every 0/1 line of ``length`` whose blocks are ``blocks`` (``(0,)`` for an empty line)."""
    if blocks == (0,) or not blocks:
        return ((0,) * length,)
    first, rest = blocks[0], blocks[1:]
    need = sum(rest) + len(rest)
    out = []
    for start in range(length - need - first + 1):
        head = (0,) * start + (1,) * first
        if rest:
            out += [head + (0,) + tail for tail in placements(length - len(head) - 1, rest)]
        else:
            out.append(head + (0,) * (length - len(head)))
    return tuple(out)


def lines_of(rows: int, cols: int) -> list[list[tuple[int, int]]]:
    return [[(r, c) for c in range(cols)] for r in range(rows)] + [[(r, c) for r in range(rows)] for c in range(cols)]


@cache
def masks(length: int, blocks: tuple[int, ...]) -> tuple[int, ...]:
    """The placements as bit masks, bit i set when cell i is filled."""
    return tuple(sum(v << i for i, v in enumerate(p)) for p in placements(length, blocks))


def line_solve(rows: int, cols: int, clues: list[list[int]], known: dict) -> dict:
    """Line reasoning to a fixpoint: a cell is settled when every placement of its line that fits the
    settled cells agrees on it."""
    known = dict(known)
    lines = [(line, masks(len(line), tuple(b))) for line, b in zip(lines_of(rows, cols), clues, strict=True)]
    changed = True
    while changed:
        changed = False
        for line, options in lines:
            kmask = sum(1 << i for i, cell in enumerate(line) if cell in known)
            vmask = sum(1 << i for i, cell in enumerate(line) if known.get(cell))
            every, some = -1, 0
            for m in options:
                if (m ^ vmask) & kmask == 0:
                    every &= m
                    some |= m
            for i, cell in enumerate(line):
                if cell not in known and (every >> i & 1 or not some >> i & 1):
                    known[cell] = every >> i & 1
                    changed = True
    return known


class Picture:
    """MiniSat over one variable per cell (true = filled) and one selector per line placement."""

    def __init__(self, rows: int, cols: int, clues: list[list[int]]):
        self.rows, self.cols = rows, cols
        cnf, top = [], rows * cols
        for line, blocks in zip(lines_of(rows, cols), clues, strict=True):
            options = placements(len(line), tuple(blocks))
            cnf.append(list(range(top + 1, top + 1 + len(options))))
            for k, pattern in enumerate(options):
                cnf += [[-(top + 1 + k), self.x(cell) if v else -self.x(cell)]
                        for cell, v in zip(line, pattern, strict=True)]
            top += len(options)
        self.block_var = top + 1
        self.solver = Solver(name="minisat22", bootstrap_with=cnf)

    def x(self, cell) -> int:
        return 1 + cell[0] * self.cols + cell[1]

    def block(self, grid: list[list[int]]) -> None:
        self.solver.add_clause([-self.block_var] + [-self.x((r, c)) if grid[r][c] else self.x((r, c))
                                                    for r in range(self.rows) for c in range(self.cols)])

    def solve(self, shown: list[list[int]], blocked: bool) -> list[list[int]] | None:
        assume = [self.x((r, c)) if v else -self.x((r, c)) for r, c, v in shown]
        if not self.solver.solve(assumptions=assume + ([self.block_var] if blocked else [])):
            return None
        true = {lit for lit in self.solver.get_model() if lit > 0}
        return [[int(self.x((r, c)) in true) for c in range(self.cols)] for r in range(self.rows)]


def unique_shown(rows: int, cols: int, grid: list[list[int]], clues: list[list[int]], rng: Random) -> list:
    """Cells to show so that the picture is the only one (MiniSat), none of them spare."""
    pic = Picture(rows, cols, clues)
    pic.block(grid)
    shown: list[list[int]] = []
    try:
        while (other := pic.solve(shown, True)) is not None:  # show a cell where a rival picture differs
            r, c = rng.choice([(r, c) for r in range(rows) for c in range(cols) if other[r][c] != grid[r][c]])
            shown.append([r, c, grid[r][c]])
        for cell in rng.sample(shown, len(shown)):
            fewer = [s for s in shown if s != cell]
            if pic.solve(fewer, True) is None:
                shown = fewer
    finally:
        pic.solver.delete()
    return sorted(shown)


def make_puzzle(rows: int, cols: int, density: int, search: bool, rng: Random):
    """(picture, clues, shown cells [[r, c, v]], whether line reasoning alone finishes it)."""
    n = rows * cols
    for _ in range(100 if search else 1):
        grid = [[int(rng.random() < density / 100) for _ in range(cols)] for _ in range(rows)]
        clues = [clue(grid[r]) for r in range(rows)] + [clue([grid[r][c] for r in range(rows)]) for c in range(cols)]
        if len(line_solve(rows, cols, clues, {})) == n:
            if not search:
                return grid, clues, [], True
            continue
        if not search:
            break
        shown = unique_shown(rows, cols, grid, clues, rng)
        if len(line_solve(rows, cols, clues, {(r, c): v for r, c, v in shown})) < n:
            return grid, clues, shown, False
    start: dict = {}
    while len(known := line_solve(rows, cols, clues, start)) < n:  # show cells until lines finish it
        r, c = rng.choice([(r, c) for r in range(rows) for c in range(cols) if (r, c) not in known])
        start[r, c] = grid[r][c]
    for cell in rng.sample(sorted(start), len(start)):  # drop shown cells that line reasoning does not need
        fewer = {k: v for k, v in start.items() if k != cell}
        if len(line_solve(rows, cols, clues, fewer)) == n:
            start = fewer
    return grid, clues, sorted([r, c, v] for (r, c), v in start.items()), True


@family("nonogram", version=1, domain="puzzles", answer=AnswerType.GRID,
        purpose="Solve a nonogram: paint the grid whose rows and columns have the given block lengths.")
class Nonogram:
    rows = IntRange(5, 10, base=6, levels=(5, 6, 7, 8, 10), help="rows of the grid")
    cols = IntRange(5, 10, base=6, levels=(5, 6, 7, 8, 10), help="columns of the grid")
    density = IntRange(25, 75, base=50, levels=(25, 40, 50, 60, 75), help="percent of cells filled in the picture")
    deduction = Choice(("lines", "search"), base="lines", ordered=True,
                       help="line-by-line reasoning finishes it, or it needs trying cases")
    revealed = IntRange(0, 10, base=0, levels=(0, 2, 5, 10), simplest=10,
                        help="cells shown beyond those needed (at most half of the hidden cells)")
    symbols = Choice(tuple(_SYMBOLS), base="digits", role="surface", help="how filled and empty cells are written")
    clues = Choice(("lines", "compact"), base="lines", role="surface", help="one line per clue, or two lists")

    def generate(self, p: Params, rng: Random) -> Problem:
        rows, cols = p.rows, p.cols
        grid, clues, shown, by_lines = make_puzzle(rows, cols, p.density, p.deduction == "search", rng)
        pic = Picture(rows, cols, clues)  # the proof, whichever way the shown cells were chosen
        pic.block(grid)
        try:
            if pic.solve(shown, True) is not None:
                raise RuntimeError("nonogram: a second picture fits the clues")
        finally:
            pic.solver.delete()
        hidden = sorted({(r, c) for r in range(rows) for c in range(cols)} - {(r, c) for r, c, _ in shown})
        shown = sorted(shown + [[r, c, grid[r][c]] for r, c in rng.sample(hidden, min(p.revealed, len(hidden) // 2))])
        full, empty = _SYMBOLS[p.symbols]
        data = {"rows": rows, "cols": cols, "clues": clues, "shown": shown, "symbols": [full, empty],
                "by_lines": by_lines}
        text = (f"Solve this nonogram. The grid has {rows} rows and {cols} columns, and every cell is either filled "
                "or empty. The clue of a row or column lists, in order, the lengths of its blocks of consecutive "
                "filled cells, separated by at least one empty cell; a clue of 0 means the line is empty. Rows are "
                "read from left to right and columns from top to bottom. The puzzle has exactly one solution.\n\n")
        row_clues, col_clues = clues[:rows], clues[rows:]
        if p.clues == "lines":
            text += "Row clues, top to bottom:\n" + "\n".join(
                f"Row {r + 1}: {' '.join(map(str, b))}" for r, b in enumerate(row_clues))
            text += "\n\nColumn clues, left to right:\n" + "\n".join(
                f"Column {c + 1}: {' '.join(map(str, b))}" for c, b in enumerate(col_clues))
        else:
            text += ("Row clues, top to bottom: " + " | ".join(" ".join(map(str, b)) for b in row_clues) +
                     "\nColumn clues, left to right: " + " | ".join(" ".join(map(str, b)) for b in col_clues))
        if shown:
            text += ("\n\nCells already known (row, column), counting from 1 at the top left: " +
                     "; ".join(f"({r + 1}, {c + 1}) {'filled' if v else 'empty'}" for r, c, v in shown) + ".")
        example = f"{full} {empty} / {empty} {full}"
        form = AnswerType.GRID.sentence(f"the grid ({full} for a filled cell, {empty} for an empty one)",
                                        example=example,
                                        example_of="a 2 by 2 grid with only its top-left and bottom-right cells filled")
        return Problem(text + "\n\n" + form, data, AnswerType.GRID)

    def solve(self, problem: Problem) -> list[list[str]]:
        d = problem.data
        pic = Picture(d["rows"], d["cols"], d["clues"])
        try:
            grid = pic.solve(d["shown"], False)
        finally:
            pic.solver.delete()
        full, empty = d["symbols"]
        return [[full if v else empty for v in row] for row in grid]

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        rows, cols = d["rows"], d["cols"]
        full, empty = (s.casefold() for s in d["symbols"])
        if len(answer) != rows or any(len(row) != cols for row in answer):
            return wrong(f"expected {rows} rows of {cols} cells")
        cells = [[str(x).casefold() for x in row] for row in answer]
        if any(x not in (full, empty) for row in cells for x in row):
            return wrong(f"every cell must be {d['symbols'][0]} or {d['symbols'][1]}")
        g = [[int(x == full) for x in row] for row in cells]
        if any(g[r][c] != v for r, c, v in d["shown"]):
            return wrong("the answer contradicts a known cell")
        for i, want in enumerate(d["clues"]):
            line = g[i] if i < rows else [row[i - rows] for row in g]
            blocks, run = [], 0
            for v in line + [0]:
                if v:
                    run += 1
                elif run:
                    blocks.append(run)
                    run = 0
            if (blocks or [0]) != want:
                what = f"row {i + 1}" if i < rows else f"column {i - rows + 1}"
                return wrong(f"{what} has blocks {blocks or [0]}, its clue is {want}")
        return RIGHT

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = self.solve(problem)
        full, empty = d["symbols"]
        flip = {full: empty, empty: full}
        r, c = rng.randrange(d["rows"]), rng.randrange(d["cols"])
        flipped = [list(row) for row in right]
        flipped[r][c] = flip[right[r][c]]
        inverse = [[flip[x] for x in row] for row in right]
        mirrored = [row[::-1] for row in right]
        shifted = right[1:] + right[:1]
        render = AnswerType.GRID.render
        return distinct(render(right), [render(g) for g in (flipped, inverse, mirrored, shifted)])
