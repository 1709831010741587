"""futoshiki: complete a Latin square under inequality signs between neighbouring cells.

Every row and every column of an n x n grid holds each of n ordered symbols once; some cells
are given, and some pairs of side-by-side or stacked cells carry a sign (<, >) saying which of
the two is smaller. Logic variables: ``size`` (4..7), ``signs`` (percent of neighbour pairs that
show a sign), ``givens`` (percent of cells given before uniqueness is enforced) and ``prune``
(drop every clue that uniqueness does not need). Surface: ``layout`` (an ASCII board or a list
of statements) and ``symbols`` (digits or letters).

Label: generation plants a random Latin square, then asks python-sat (MiniSat) for a second
solution under the clues; while one exists it gives a cell where the two differ, so the
puzzle it keeps has exactly one solution, proved by an UNSAT call. ``solve`` reads that solution
back from the SAT solver; ``check`` validates rows, columns, givens and every sign directly.
"""

from __future__ import annotations

from itertools import combinations
from random import Random

from pysat.solvers import Solver

from unseen.author import RIGHT, AnswerType, Choice, Flag, IntRange, Params, Problem, Verdict, distinct, family, wrong

_SYMBOLS = {"digits": list("1234567"), "letters": list("ABCDEFG")}


def latin_square(n: int, rng: Random) -> list[list[int]]:
    """A random n x n Latin square on 0..n-1 by randomised backtracking, cell by cell."""
    grid = [[-1] * n for _ in range(n)]

    def fill(i: int) -> bool:
        if i == n * n:
            return True
        r, c = divmod(i, n)
        used = {grid[r][k] for k in range(c)} | {grid[k][c] for k in range(r)}
        for v in rng.sample(range(n), n):
            if v not in used:
                grid[r][c] = v
                if fill(i + 1):
                    return True
        grid[r][c] = -1
        return False

    fill(0)
    return grid


def neighbour_pairs(n: int) -> list[tuple[int, int, int, int]]:
    """Every (r1, c1, r2, c2) with the second cell right of or below the first."""
    return [(r, c, r, c + 1) for r in range(n) for c in range(n - 1)] + \
           [(r, c, r + 1, c) for r in range(n - 1) for c in range(n)]


class Clues:
    """A MiniSat instance of the Latin square, with one selector literal per sign."""

    def __init__(self, n: int, signs: list[list[int]]):
        self.n = n
        x = self.x
        cnf = []
        for a in range(n):
            for b in range(n):
                for group in ([x(a, b, v) for v in range(n)], [x(a, v, b) for v in range(n)],
                              [x(v, a, b) for v in range(n)]):  # cell (a,b); row a, value b; column a, value b
                    cnf.append(group)
                    cnf += [[-p, -q] for p, q in combinations(group, 2)]
        self.selector = {}
        top = n * n * n
        for k, (r1, c1, r2, c2, less) in enumerate(signs):
            s = self.selector[k] = top + 1 + k
            lo, hi = ((r1, c1), (r2, c2)) if less else ((r2, c2), (r1, c1))
            for v in range(n):  # lo holds v -> hi holds a larger value
                cnf.append([-s, -x(*lo, v)] + [x(*hi, w) for w in range(v + 1, n)])
        self.block_var = top + len(signs) + 1
        self.solver = Solver(name="minisat22", bootstrap_with=cnf)

    def x(self, r: int, c: int, v: int) -> int:
        return 1 + (r * self.n + c) * self.n + v

    def block(self, grid: list[list[int]]) -> None:
        """Forbid ``grid`` whenever the block literal is assumed."""
        n = self.n
        self.solver.add_clause([-self.block_var] + [-self.x(r, c, grid[r][c]) for r in range(n) for c in range(n)])

    def solve(self, givens: list[list[int]], signs: list[int], blocked: bool) -> list[list[int]] | None:
        assume = [self.x(r, c, v) for r, c, v in givens] + [self.selector[k] for k in signs]
        if not self.solver.solve(assumptions=assume + ([self.block_var] if blocked else [])):
            return None
        true = {lit for lit in self.solver.get_model() if lit > 0}
        n = self.n
        return [[next(v for v in range(n) if self.x(r, c, v) in true) for c in range(n)] for r in range(n)]


def make_puzzle(n: int, sign_pct: int, given_pct: int, prune: bool, rng: Random):
    """(solution, givens [[r, c, v]], signs [[r1, c1, r2, c2, less]]) with a proved-unique solution."""
    sol = latin_square(n, rng)
    pairs = neighbour_pairs(n)
    chosen = sorted(rng.sample(range(len(pairs)), round(sign_pct * len(pairs) / 100)))
    signs = [[*pairs[i], int(sol[pairs[i][0]][pairs[i][1]] < sol[pairs[i][2]][pairs[i][3]])] for i in chosen]
    cells = rng.sample(range(n * n), round(given_pct * n * n / 100))
    givens = [[i // n, i % n, sol[i // n][i % n]] for i in sorted(cells)]
    clues = Clues(n, signs)
    clues.block(sol)
    on = list(range(len(signs)))
    try:
        while (other := clues.solve(givens, on, True)) is not None:  # a second solution: pin a cell
            r, c = rng.choice([(r, c) for r in range(n) for c in range(n) if other[r][c] != sol[r][c]])
            givens = sorted(givens + [[r, c, sol[r][c]]])
        if prune:  # drop, in random order, every clue whose loss keeps the solution unique
            items = [("g", tuple(g)) for g in givens] + [("s", k) for k in on]
            for kind, item in rng.sample(items, len(items)):
                g2 = [g for g in givens if tuple(g) != item] if kind == "g" else givens
                on2 = [k for k in on if k != item] if kind == "s" else on
                if clues.solve(g2, on2, True) is None:
                    givens, on = g2, on2
    finally:
        clues.solver.delete()
    return sol, givens, [signs[k] for k in on]


@family("futoshiki", version=1, domain="puzzles", answer=AnswerType.GRID,
        purpose="Complete a futoshiki: a Latin square with givens and inequality signs between neighbours.")
class Futoshiki:
    size = Choice((4, 5, 6, 7), base=5, ordered=True, help="grid side and number of symbols")
    signs = IntRange(0, 100, base=40, levels=(0, 20, 40, 60, 80, 100),
                     help="percent of neighbouring pairs that carry an inequality sign")
    givens = IntRange(0, 50, base=10, levels=(0, 10, 20, 35, 50), simplest=50,
                      help="percent of cells given before more are added for uniqueness")
    prune = Flag(base=False, help="remove every given and sign that uniqueness does not need")
    layout = Choice(("board", "list"), base="board", role="surface",
                    help="an ASCII board with the signs between cells, or a list of statements")
    symbols = Choice(tuple(_SYMBOLS), base="digits", role="surface", help="digits 1..n or letters A..")

    def generate(self, p: Params, rng: Random) -> Problem:
        n = p.size
        sol, givens, signs = make_puzzle(n, p.signs, p.givens, p.prune, rng)
        sym = _SYMBOLS[p.symbols][:n]
        data = {"n": n, "symbols": sym, "givens": givens, "signs": signs}
        order = (f"digits 1 to {n}" if p.symbols == "digits" else
                 f"letters {sym[0]} to {sym[-1]}, ordered alphabetically ({' < '.join(sym)}),")
        text = (f"Solve this futoshiki puzzle. Fill the {n} by {n} grid with the {order} so that every row and "
                "every column contains each symbol exactly once. Some cells may already be filled, and an "
                "inequality sign between two neighbouring cells says which of the two holds the smaller "
                "symbol. The puzzle has exactly one solution.\n\n")
        if p.layout == "board":
            text += self._board(n, sym, givens, signs)
        else:
            text += self._statements(n, sym, givens, signs, rng)
        example = f"{sym[0]} {sym[1]} / {sym[1]} {sym[0]}"
        prompt = text + "\n\n" + AnswerType.GRID.sentence("the completed grid", example=example,
                                                          example_of="a 2 by 2 grid")
        return Problem(prompt, data, AnswerType.GRID)

    @staticmethod
    def _board(n: int, sym: list[str], givens: list[list[int]], signs: list[list[int]]) -> str:
        width = 4 * n - 3
        lines = [[" "] * width for _ in range(2 * n - 1)]
        for r in range(n):
            for c in range(n):
                lines[2 * r][4 * c] = "."
        for r, c, v in givens:
            lines[2 * r][4 * c] = sym[v]
        for r1, c1, r2, _, less in signs:
            if r1 == r2:
                lines[2 * r1][4 * c1 + 2] = "<" if less else ">"
            else:
                lines[2 * r1 + 1][4 * c1] = "^" if less else "v"
        rows = ["".join(line).rstrip() or "-" for line in lines]
        return ("The board, top row first. '.' is an empty cell; cells in a row are 4 characters apart, with "
                "any < or > sign between two of them. Between two rows of cells is a line of signs for the cells "
                "stacked in a column, each sign directly below the upper cell: '^' means the upper cell is "
                "smaller than the cell below it, 'v' means the upper cell is larger; a line holding only '-' "
                "has no signs.\n\n" + "\n".join(rows))

    @staticmethod
    def _statements(n: int, sym: list[str], givens, signs, rng: Random) -> str:
        cell = lambda r, c: f"({r + 1}, {c + 1})"  # noqa: E731
        facts = []
        for r1, c1, r2, c2, less in signs:
            a, b = cell(r1, c1), cell(r2, c2)
            if rng.random() < 0.5:
                a, b, less = b, a, not less
            facts.append(f"{a} {'<' if less else '>'} {b}")
        return (f"Rows are numbered 1 to {n} from the top and columns 1 to {n} from the left; (r, c) is the cell "
                "in row r, column c.\nFilled cells: " + ("; ".join(f"{cell(r, c)} = {sym[v]}" for r, c, v in givens)
                                                         or "none") +
                ".\nSigns: " + ("; ".join(facts) or "none") + ".")

    def solve(self, problem: Problem) -> list[list[str]]:
        d = problem.data
        clues = Clues(d["n"], d["signs"])
        try:
            grid = clues.solve(d["givens"], list(range(len(d["signs"]))), False)
        finally:
            clues.solver.delete()
        return [[d["symbols"][v] for v in row] for row in grid]

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        n, index = d["n"], {s.casefold(): i for i, s in enumerate(d["symbols"])}
        if len(answer) != n or any(len(row) != n for row in answer):
            return wrong(f"expected {n} rows of {n} symbols")
        try:
            g = [[index[str(s).casefold()] for s in row] for row in answer]
        except KeyError as exc:
            return wrong(f"{exc.args[0]!r} is not one of the symbols")
        for i in range(n):
            if len(set(g[i])) != n or len({row[i] for row in g}) != n:
                return wrong(f"row or column {i + 1} repeats a symbol")
        if any(g[r][c] != v for r, c, v in d["givens"]):
            return wrong("the answer changes a filled cell")
        for r1, c1, r2, c2, less in d["signs"]:
            if (g[r1][c1] < g[r2][c2]) != bool(less):
                return wrong(f"the sign between ({r1 + 1}, {c1 + 1}) and ({r2 + 1}, {c2 + 1}) is broken")
        return RIGHT

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right, n, sym = self.solve(problem), d["n"], d["symbols"]
        r = rng.randrange(n)
        c1, c2 = rng.sample(range(n), 2)
        swapped = [list(row) for row in right]
        swapped[r][c1], swapped[r][c2] = right[r][c2], right[r][c1]  # breaks two columns
        changed = [list(row) for row in right]
        changed[r][c1] = rng.choice([s for s in sym if s != right[r][c1]])
        reversed_rows = [row[::-1] for row in right]
        render = AnswerType.GRID.render
        return distinct(render(right), [render(g) for g in (swapped, changed, reversed_rows, right[:-1])])
