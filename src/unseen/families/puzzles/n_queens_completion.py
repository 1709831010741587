"""n_queens_completion: place the remaining queens on a board so that no two attack each other.

Some queens already stand on an n x n board and some squares are blocked (no queen may stand
there; attacks pass over them). Any placement of the missing queens that leaves no two of the n
queens in a row, column or diagonal passes. Logic variables: ``n`` (5..10), ``missing`` (queens
to place, at most n), ``holes`` (blocked squares), ``unique`` (exactly one completion: the given
queens are redrawn up to 30 times, then blocked squares are added where a rival completion puts a
queen), ``spread`` (the missing queens' rows at random or in one block) and ``scope`` (list only
the added queens, or all n). Surface: ``notation`` (chess
squares or row-column), ``story`` (queens, guards, turrets) and ``display`` (a drawn board or a
list of squares).

Label: the board is planted from a random solution; python-sat (MiniSat) counts completions up
to two for ``unique`` and finds the completion ``solve`` returns. ``check`` reads the answered
squares and tests counts, givens, blocked squares and every pair of queens for an attack.
"""

from __future__ import annotations

import re
from itertools import combinations
from random import Random

from pysat.solvers import Solver

from unseen.author import RIGHT, AnswerType, Choice, Flag, IntRange, Params, Problem, Verdict, distinct, family, wrong

_STORY = {  # piece, pieces, board words, square word, attack sentence, blocked words
    "queens": ("queen", "queens", "chessboard", "square",
               "A queen attacks every square in its row, its column and both of its diagonals, at any distance.",
               "blocked squares"),
    "guards": ("guard", "guards", "grid of watch posts", "post",
               "A guard watches every post in its row, its column and both of its diagonals, at any distance.",
               "closed posts"),
    "turrets": ("turret", "turrets", "grid of pads", "pad",
                "A turret fires along its row, its column and both of its diagonals, at any distance.",
                "broken pads"),
}


def random_solution(n: int, rng: Random) -> list[int]:
    """cols[r] = column of the queen in row r, by randomised backtracking."""
    cols: list[int] = []

    def rec() -> bool:
        r = len(cols)
        if r == n:
            return True
        for c in rng.sample(range(n), n):
            if all(c != c2 and abs(c - c2) != r - r2 for r2, c2 in enumerate(cols)):
                cols.append(c)
                if rec():
                    return True
                cols.pop()
        return False

    rec()
    return cols


class Board:
    """MiniSat over x(r, c) = a queen on (r, c): one a row, at most one a column or diagonal."""

    def __init__(self, n: int):
        self.n, self.top = n, n * n
        x = self.x
        cnf = [[x(r, c) for c in range(n)] for r in range(n)]
        lines = [[(r, c) for c in range(n)] for r in range(n)] + [[(r, c) for r in range(n)] for c in range(n)]
        lines += [[(r, c) for r in range(n) for c in range(n) if r - c == d] for d in range(1 - n, n)]
        lines += [[(r, c) for r in range(n) for c in range(n) if r + c == s] for s in range(2 * n - 1)]
        for line in lines:
            cnf += [[-x(*a), -x(*b)] for a, b in combinations(line, 2)]
        self.solver = Solver(name="minisat22", bootstrap_with=cnf)

    def x(self, r: int, c: int) -> int:
        return 1 + r * self.n + c

    def find(self, givens: list[list[int]], holes: list[list[int]], avoid: list[list[int]] | None = None):
        """A completion [[r, c], ...] of all n queens, or None; ``avoid`` forbids that one."""
        assume = [self.x(r, c) for r, c in givens] + [-self.x(r, c) for r, c in holes]
        if avoid:
            self.top += 1
            self.solver.add_clause([-self.top] + [-self.x(r, c) for r, c in avoid])
            assume.append(self.top)
        if not self.solver.solve(assumptions=assume):
            return None
        true = {lit for lit in self.solver.get_model() if lit > 0}
        n = self.n
        return [[r, c] for r in range(n) for c in range(n) if self.x(r, c) in true]


def completions(n: int, givens: list[list[int]], holes: list[list[int]]) -> list[list[int]]:
    board = Board(n)
    try:
        return board.find(givens, holes)
    finally:
        board.solver.delete()


@family("n_queens_completion", version=1, domain="puzzles", answer=AnswerType.SET,
        purpose="Complete a partial n-queens placement on a board with blocked squares; any valid completion.")
class NQueensCompletion:
    n = IntRange(5, 10, base=6, levels=(5, 6, 7, 8, 10), help="board side and number of queens")
    missing = IntRange(1, 10, base=3, levels=(1, 2, 3, 5, 7, 10), help="queens to place (at most n)")
    holes = IntRange(0, 20, base=2, levels=(0, 2, 5, 10, 20), help="blocked squares (more for unique)")
    unique = Flag(base=False, help="exactly one completion exists")
    spread = Choice(("scattered", "clustered"), base="scattered", ordered=True,
                    help="the missing queens' rows drawn at random, or one block of consecutive rows")
    scope = Choice(("new", "all"), base="new", help="list the added queens only, or all n queens")
    notation = Choice(("chess", "rowcol"), base="chess", role="surface", help="b3 or r2c3")
    story = Choice(tuple(_STORY), base="queens", role="surface", help="what the pieces are")
    display = Choice(("board", "list"), base="board", role="surface", help="a drawn board or lists of squares")

    def generate(self, p: Params, rng: Random) -> Problem:
        n, m = p.n, min(p.missing, p.n)
        board = Board(n)
        try:
            for _ in range(30 if p.unique else 1):
                sol = random_solution(n, rng)
                if p.spread == "scattered":
                    keep = sorted(rng.sample(range(n), n - m))
                else:  # the missing queens' rows form one block
                    first = rng.randrange(n - m + 1)
                    keep = [r for r in range(n) if not first <= r < first + m]
                givens = [[r, sol[r]] for r in keep]
                free = [[r, c] for r in range(n) for c in range(n) if c != sol[r]]
                holes = sorted(rng.sample(free, p.holes))
                planted = [[r, sol[r]] for r in range(n)]
                rival = board.find(givens, holes, planted) if p.unique else None
                if rival is None:
                    break
            while rival is not None:  # block a square the rival uses and the planted solution does not
                holes = sorted(holes + [rng.choice([s for s in rival if s not in planted])])
                rival = board.find(givens, holes, planted)
        finally:
            board.solver.delete()
        data = {"n": n, "givens": givens, "holes": holes, "scope": p.scope, "notation": p.notation}
        return Problem(self._prompt(p, data, rng), data, AnswerType.SET)

    @staticmethod
    def name(n: int, notation: str, r: int, c: int) -> str:
        return f"{'abcdefghij'[c]}{n - r}" if notation == "chess" else f"r{r + 1}c{c + 1}"

    def _prompt(self, p: Params, d: dict, rng: Random) -> str:
        n = d["n"]
        piece, pieces, board, sq, attack, blocked = _STORY[p.story]
        name = lambda r, c: self.name(n, p.notation, r, c)  # noqa: E731
        if p.notation == "chess":
            where = (f"{sq.capitalize()}s are named like chess squares: a letter for the column, a to "
                     f"{'abcdefghij'[n - 1]} from left to right, then a number for the row, 1 at the bottom to {n} at "
                     f"the top (a1 is the bottom-left {sq}).")
        else:
            where = (f"{sq.capitalize()} rRcC is in row R (1 at the top, {n} at the bottom) and column C (1 at the "
                     f"left, {n} at the right), so r1c1 is the top-left {sq}.")
        m = n - len(d["givens"])
        article = "an" if n == 8 else "a"
        text = (f"{n} {pieces} must stand on {article} {n} by {n} {board}, no two of them able to reach each other. "
                f"{attack} {blocked.capitalize()} (if any) cannot hold a {piece}, but they do not stop anything "
                f"passing over them. {where}\n\n")
        if p.display == "board":
            mark = piece[0].upper()
            marks = {(r, c): mark for r, c in d["givens"]} | {(r, c): "#" for r, c in d["holes"]}
            rows = [(f"{n - r:>3}" if p.notation == "chess" else f"r{r + 1:<2}") + "  " +
                    "".join(marks.get((r, c), ".").ljust(4) for c in range(n)).rstrip() for r in range(n)]
            labels = "".join(("abcdefghij"[c] if p.notation == "chess" else f"c{c + 1}").ljust(4) for c in range(n))
            if p.notation == "chess":
                rows.append("     " + labels.rstrip())
            else:
                rows.insert(0, "     " + labels.rstrip())
            text += (f"The {board}, top row first: {mark} is a {piece} already placed, # a {blocked[:-1]} and . a free "
                     f"{sq}.\n\n" + "\n".join(rows))
        else:
            placed = ", ".join(name(r, c) for r, c in rng.sample(d["givens"], len(d["givens"])))
            closed = ", ".join(name(r, c) for r, c in rng.sample(d["holes"], len(d["holes"])))
            text += (f"{pieces.capitalize()} already placed: {placed or 'none'}.\n"
                     f"{blocked.capitalize()}: {closed or 'none'}.")
        text += (f"\n\nPlace the {m} missing {pieces if m > 1 else piece} so that no two of all {n} can reach each "
                 "other.")
        giving = (f"the {sq}s of the {m} {pieces if m > 1 else piece} you add" if d["scope"] == "new" else
                  f"the {sq}s of all {n} {pieces} (the placed ones included)")
        example = "b3, e1" if p.notation == "chess" else "r2c3, r5c1"
        return text + "\n" + AnswerType.SET.sentence(giving, example=example, example_of=f"a list of two {sq}s")

    def solve(self, problem: Problem) -> list[str]:
        d = problem.data
        full = completions(d["n"], d["givens"], d["holes"])
        chosen = full if d["scope"] == "all" else [s for s in full if s not in d["givens"]]
        return [self.name(d["n"], d["notation"], r, c) for r, c in chosen]

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        n = d["n"]
        squares = []
        for item in answer:
            text = str(item).strip().casefold()
            m = (re.fullmatch(r"([a-j])(\d+)", text) if d["notation"] == "chess" else
                 re.fullmatch(r"r(\d+)\s*c(\d+)", text))
            if not m:
                return wrong(f"{item!r} is not a square in the asked notation")
            if d["notation"] == "chess":
                c, r = "abcdefghij".index(m.group(1)), n - int(m.group(2))
            else:
                r, c = int(m.group(1)) - 1, int(m.group(2)) - 1
            if not (0 <= r < n and 0 <= c < n):
                return wrong(f"{item!r} is off the board")
            squares.append((r, c))
        given = {tuple(g) for g in d["givens"]}
        if d["scope"] == "new":
            if given & set(squares):
                return wrong("a listed square already holds a piece")
            squares += sorted(given)
        elif not given <= set(squares):
            return wrong("the answer leaves out a piece already placed")
        if len(set(squares)) != n:
            return wrong(f"the board would hold {len(set(squares))} pieces, not {n}")
        if {tuple(h) for h in d["holes"]} & set(squares):
            return wrong("a piece stands on a blocked square")
        for (r1, c1), (r2, c2) in combinations(squares, 2):
            if r1 == r2 or c1 == c2 or abs(r1 - r2) == abs(c1 - c2):
                return wrong(f"two pieces reach each other ({r1 + 1},{c1 + 1}) and ({r2 + 1},{c2 + 1})")
        return RIGHT

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        n, notation = d["n"], d["notation"]
        full = completions(n, d["givens"], d["holes"])
        new = [s for s in full if s not in d["givens"]]
        listed = full if d["scope"] == "all" else new
        name = lambda s: self.name(n, notation, *s)  # noqa: E731
        right = [name(s) for s in listed]
        r, c = rng.choice(new)
        other_col = rng.choice([c2 for r2, c2 in full if r2 != r])  # that column already has a piece
        moved = [name([r, other_col]) if s == [r, c] else name(s) for s in listed]
        free = [[i, j] for i in range(n) for j in range(n) if [i, j] not in full]
        extra = right + [name(rng.choice(free))]
        fewer = [x for x in right if x != name([r, c])]
        hedged = right[:-1] + [f"{right[-1]} or {name([r, other_col])}"]
        if d["scope"] == "new" and d["givens"]:
            fewer = fewer + [name(rng.choice(d["givens"]))]  # one added piece swapped for a placed one
        cands = [moved, extra, fewer, hedged]
        return distinct(AnswerType.SET.render(right), [", ".join(x) for x in cands])
