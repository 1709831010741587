"""mini_sudoku: complete a Latin square or sudoku that has exactly one solution.

Every rule is a *unit*: a list of cells that must hold each symbol once (rows, columns,
optional boxes, optional diagonals). Generation fills a random valid grid, then blanks
cells in a drawn order, keeping a blank only while the puzzle stays uniquely solvable
(``deduction="singles"``: forced placements alone - a cell with one candidate, a symbol with
one place in a unit - finish it; ``"search"``: no other symbol fits the blanked cell, proven
within a small search budget). ``check`` validates a grid against the rules and the givens.
"""

from __future__ import annotations

from random import Random

from unseen.author import RIGHT, AnswerType, Choice, Flag, IntRange, Params, Problem, Verdict, distinct, family, wrong

_SYMBOLS = {
    "digits": list("123456789"), "letters": list("ABCDEFGHI"),
    "colours": ["red", "blue", "green", "yellow", "orange", "purple", "pink", "brown", "grey"],
    "shapes": ["circle", "square", "triangle", "star", "heart", "diamond", "cross", "moon", "arrow"],
}
_BUDGET = 8  # search nodes allowed per uniqueness test
_BOX = {4: (2, 2), 6: (2, 3), 8: (2, 4), 9: (3, 3)}  # rows x columns per box


def units(n: int, boxes: bool, diagonals: str) -> list[list[int]]:
    """Cell-index lists (cell = row * n + col) that must each hold every symbol once."""
    out = [[r * n + c for c in range(n)] for r in range(n)]
    out += [[r * n + c for r in range(n)] for c in range(n)]
    if boxes:
        br, bc = _BOX[n]
        out += [[(r0 + r) * n + c0 + c for r in range(br) for c in range(bc)]
                for r0 in range(0, n, br) for c0 in range(0, n, bc)]
    if diagonals != "none":
        out.append([i * n + i for i in range(n)])
    if diagonals == "both":
        out.append([i * n + n - 1 - i for i in range(n)])
    return out


class _OutOfBudget(Exception):
    pass


def count_solutions(grid: list[int], n: int, us: list[list[int]], limit: int, rng: Random | None = None,
                    ban: tuple[int, int] = (-1, -1), budget: int = 10**9) -> tuple[int, list[int]]:
    """Solutions up to ``limit`` (-1 when more than ``budget`` search nodes are needed) and the
    first one found. Forced symbols (one candidate in a cell, or one place in a unit) are placed
    in rounds before branching. ``ban`` = (cell, symbol) forbids one symbol in one cell."""
    g, full, nodes, first = list(grid), (1 << n) - 1, [0], []
    of: list[list[int]] = [[] for _ in g]  # the units holding each cell
    used = [0] * len(us)  # per unit, the bitmask of symbols already placed
    for k, u in enumerate(us):
        for c in u:
            of[c].append(k)
            used[k] |= 1 << g[c] if g[c] >= 0 else 0
    blanks = [c for c in range(len(g)) if g[c] < 0]

    def put(c: int, v: int) -> None:  # toggles: put(c, g[c]) takes the symbol out again
        g[c] = v
        for k in of[c]:
            used[k] ^= 1 << v

    def undo(cells: list[int]) -> None:
        for c in reversed(cells):
            put(c, g[c])
            g[c] = -1

    def rec(want: int) -> int:
        nodes[0] += 1
        if nodes[0] > budget:
            raise _OutOfBudget
        placed: list[int] = []
        while True:
            cand, forced, best, best_count = {}, [], -1, n + 1
            for c in blanks:
                if g[c] < 0:
                    m = full & ~(1 << ban[1]) if c == ban[0] else full
                    for k in of[c]:
                        m &= ~used[k]
                    cand[c], cnt = m, m.bit_count()
                    if cnt == 1:
                        forced.append((c, m.bit_length() - 1))
                    elif cnt < best_count:
                        best, best_count = c, cnt
            if best_count == 0:
                undo(placed)
                return 0
            if not forced:  # a symbol with one place left in a unit is forced; with none, a dead end
                for k, u in enumerate(us):
                    once = twice = 0
                    for c in u:
                        if g[c] < 0:
                            twice, once = twice | once & cand[c], once | cand[c]
                    if (once | used[k]) != full:
                        undo(placed)
                        return 0
                    single = once & ~twice
                    while single:
                        v = single.bit_length() - 1
                        single ^= 1 << v
                        forced.append((next(c for c in u if g[c] < 0 and cand[c] >> v & 1), v))
            if not forced:
                break
            for c, v in forced:
                if g[c] != v:
                    if g[c] >= 0 or any(used[k] >> v & 1 for k in of[c]):
                        undo(placed)
                        return 0
                    put(c, v)
                    placed.append(c)
        total = int(best < 0)
        if total:
            first[:] = first or list(g)
        else:
            values = [v for v in range(n) if cand[best] >> v & 1]
            if rng is not None:
                rng.shuffle(values)
            for v in values:
                put(best, v)
                total += rec(want - total)
                undo([best])
                if total >= want:
                    break
        undo(placed)
        return total

    try:
        return rec(limit), first
    except _OutOfBudget:
        return -1, first


@family("mini_sudoku", version=2, domain="puzzles", answer=AnswerType.GRID,
        purpose="Complete a Latin square or small sudoku (optionally with diagonals) with a unique solution.")
class MiniSudoku:
    size = Choice((4, 6, 8, 9), base=6, ordered=True, role="logic", help="grid side and number of symbols")
    blanks = IntRange(5, 100, base=50, levels=(20, 35, 50, 65, 80, 100), role="logic",
                      help="percent of cells to blank (fewer if uniqueness stops it)")
    boxes = Flag(base=True, role="logic", help="sudoku boxes as well as rows and columns")
    diagonals = Choice(("none", "one", "both"), base="none", ordered=True, role="logic",
                       help="diagonals that must also hold every symbol once")
    deduction = Choice(("singles", "search"), base="search", ordered=True, role="logic",
                       help="forced-cell filling suffices, or only uniqueness is kept")
    spread = Choice(("scattered", "clustered"), base="scattered", ordered=True, role="logic",
                    help="blanks spread out, or concentrated in a few rows")
    symbols = Choice(tuple(_SYMBOLS), base="digits", role="surface", help="the symbols written in cells")
    layout = Choice(("grid", "cells", "columns"), base="grid", role="surface",
                    help="a dotted grid, a list of given cells, or the grid told column by column")

    def generate(self, p: Params, rng: Random) -> Problem:
        n = p.size
        us = units(n, p.boxes, p.diagonals)
        for _ in range(50):  # a random full grid; redraw on the rare long search
            found, solution = count_solutions([-1] * (n * n), n, us, 1, rng, budget=5000)
            if found == 1:
                break
        rank = rng.sample(range(n), n)  # clustered: blank whole rows first, in this order
        keys = [(rank[c // n] if p.spread == "clustered" else 0, rng.random()) for c in range(n * n)]
        puzzle, removed, target = list(solution), 0, max(1, round(p.blanks * n * n / 100))
        for c in sorted(range(n * n), key=keys.__getitem__):
            if removed == target:
                break
            puzzle[c] = -1
            if p.deduction == "singles":  # forced placements alone must finish the grid
                ok = count_solutions(puzzle, n, us, 1, budget=1)[0] == 1
            else:  # no other symbol may fit in c; give up (keep c) past a small search budget
                ok = count_solutions(puzzle, n, us, 1, ban=(c, solution[c]), budget=_BUDGET)[0] == 0
            removed += ok
            if not ok:
                puzzle[c] = solution[c]
        data = {"n": n, "boxes": p.boxes, "diagonals": p.diagonals, "symbols": _SYMBOLS[p.symbols][:n],
                "puzzle": [puzzle[r * n:(r + 1) * n] for r in range(n)],
                "solution": [solution[r * n:(r + 1) * n] for r in range(n)]}
        return Problem(self._prompt(p, data), data, AnswerType.GRID)

    def _prompt(self, p: Params, data: dict) -> str:
        n, sym, puzzle = data["n"], data["symbols"], data["puzzle"]
        cell = lambda v: sym[v] if v >= 0 else "."
        text = (f"Fill the {n} by {n} grid so that every row and every column contains each of the symbols "
                f"{', '.join(sym)} exactly once.")
        if data["boxes"]:
            text += (" The grid is also cut into {} boxes of {} rows by {} columns, starting at the top-left "
                     "corner, and each box must contain every symbol exactly once too.").format(n, *_BOX[n])
        if data["diagonals"] != "none":
            text += " In addition, " + ("the main diagonal (top-left to bottom-right) and the anti-diagonal "
                                        "(top-right to bottom-left) must each" if data["diagonals"] == "both"
                                        else "the main diagonal (top-left to bottom-right) must")
            text += " contain every symbol exactly once."
        text += " The puzzle has exactly one solution.\n\n"
        if p.layout == "grid":
            text += "The grid, top row first, with '.' for an empty cell:\n" + "\n".join(
                " ".join(cell(v) for v in row) for row in puzzle)
        elif p.layout == "columns":
            text += "The grid column by column from the left, each read top to bottom, '.' = empty:\n"
            text += "\n".join(f"Column {c + 1}: " + " ".join(cell(r[c]) for r in puzzle) for c in range(n))
        else:
            text += ("Rows are numbered from 1 at the top, columns from 1 at the left. The filled cells "
                     "are (row, column) = symbol; all other cells are empty:\n") + "; ".join(
                f"({r + 1}, {c + 1}) = {sym[v]}" for r, row in enumerate(puzzle) for c, v in enumerate(row)
                if v >= 0)
        example = f"{sym[0]} {sym[1]} / {sym[1]} {sym[0]}"
        return text + "\n\n" + AnswerType.GRID.sentence("the completed grid", example=example,
                                                        example_of="a 2 by 2 grid")

    def solve(self, problem: Problem) -> list[list[str]]:
        sym = problem.data["symbols"]
        return [[sym[v] for v in row] for row in problem.data["solution"]]

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        n, index = d["n"], {s.casefold(): i for i, s in enumerate(d["symbols"])}
        if len(answer) != n or any(len(row) != n for row in answer):
            return wrong(f"expected {n} rows of {n} symbols")
        try:
            grid = [[index[str(s).casefold()] for s in row] for row in answer]
        except KeyError as exc:
            return wrong(f"{exc.args[0]!r} is not one of the symbols")
        if any(v >= 0 and grid[r][c] != v for r, row in enumerate(d["puzzle"]) for c, v in enumerate(row)):
            return wrong("the answer changes a given cell")
        lines = [("row", grid[i]) for i in range(n)]
        lines += [("column", [row[i] for row in grid]) for i in range(n)]
        if d["boxes"]:
            br, bc = _BOX[n]
            lines += [("box", [grid[r][c] for r in range(r0, r0 + br) for c in range(c0, c0 + bc)])
                      for r0 in range(0, n, br) for c0 in range(0, n, bc)]
        if d["diagonals"] in ("one", "both"):
            lines.append(("main diagonal", [grid[i][i] for i in range(n)]))
        if d["diagonals"] == "both":
            lines.append(("anti-diagonal", [grid[i][n - 1 - i] for i in range(n)]))
        for what, values in lines:
            if sorted(values) != list(range(n)):
                return wrong(f"a {what} repeats a symbol")
        return RIGHT

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right, sym, n = self.solve(problem), d["symbols"], d["n"]
        r, c = rng.choice([(r, c) for r in range(n) for c in range(n) if d["puzzle"][r][c] < 0])
        swapped, changed = [list(row) for row in right], [list(row) for row in right]
        c2 = rng.choice([k for k in range(n) if k != c])  # a swap within a row breaks two columns
        swapped[r][c], swapped[r][c2] = right[r][c2], right[r][c]
        changed[r][c] = rng.choice([s for s in sym if s != right[r][c]])
        unfilled = [[sym[v] if v >= 0 else "." for v in row] for row in d["puzzle"]]
        return distinct(AnswerType.GRID.render(right),
                        [AnswerType.GRID.render(g) for g in (swapped, changed, unfilled)])
