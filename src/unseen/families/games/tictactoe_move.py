"""tictactoe_move: find a best move in a game of tic-tac-toe or one of its bigger cousins.

Two players take turns marking cells of an n x n board; whoever first has k of their marks in a
row, column or diagonal wins. Some cells may be blocked (no one marks them), and with ``gravity``
a mark must rest on the bottom edge or on a marked or blocked cell. A best move keeps the best
result the player to move can force (win, else draw); ANY best move passes. Logic variables:
``board`` (3x3 with 3 in a row, 4x4 with 3 or 4, 5x5 with 4), ``empty`` (empty cells left),
``ask`` (the position holds a win in one, a threat that must be blocked, or neither), ``optimal``
(any number of best moves, or exactly one), ``shown`` (a drawn board or the list of moves played),
``blocked`` (blocked cells, at most 2 / 4 / 4 / 8 by board) and ``gravity``. Up to 80 random
games are played to reach the position (at most 8 fully analysed once one is kept); where none is of
the asked kind, ``optimal`` and then ``ask`` are relaxed, and a position where every move is as good
as any other is kept only when nothing else turns up. Surface: ``symbols`` (X/O, O/X, black/white stones, red/blue) and
``notation`` (chess-style a1, r1c1, numbered cells, spreadsheet-style A1).

Label: ``solve`` is a memoised minimax over bitboards (line masks); ``check`` replays the answer
on its own board and scores every move by an independent memoised negamax that finds lines by
walking the four directions from the last mark, and accepts any move whose score is the best.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from random import Random

from unseen.author import RIGHT, AnswerType, Choice, Flag, IntRange, Params, Problem, Verdict, distinct, family, wrong

_BOARDS = {"3x3": (3, 3, 2), "4x4-3": (4, 3, 4), "4x4-4": (4, 4, 4), "5x5-4": (5, 4, 8)}  # n, k, most blocked
_SYMBOLS = {"XO": ("X", "O", "X", "O"), "OX": ("O", "X", "O", "X"), "stones": ("B", "W", "Black", "White"),
            "colours": ("R", "B", "Red", "Blue")}
_FILES = "abcde"
_ANALYSES = 8  # positions fully analysed per instance, at most, once one is kept


class Game:
    """Bitboards: bit r * n + c is the cell in row r (0 at the top), column c."""

    def __init__(self, n: int, k: int, blocked: int, gravity: bool):
        self.n, self.k, self.blocked, self.gravity = n, k, blocked, gravity
        self.lines: list[list[int]] = [[] for _ in range(n * n)]
        for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
            for r in range(n):
                for c in range(n):
                    cells = [(r + i * dr, c + i * dc) for i in range(k)]
                    if all(0 <= a < n and 0 <= b < n for a, b in cells):
                        mask = sum(1 << (a * n + b) for a, b in cells)
                        for a, b in cells:
                            self.lines[a * n + b].append(mask)
        self.memo: dict[tuple[int, int], int] = {}

    def legal(self, me: int, opp: int) -> list[int]:
        n, full = self.n, me | opp | self.blocked
        return [i for i in range(n * n) if not full >> i & 1
                and (not self.gravity or i >= n * (n - 1) or full >> (i + n) & 1)]

    def wins(self, marks: int, i: int) -> bool:
        return any(marks & m == m for m in self.lines[i])

    def value(self, me: int, opp: int) -> int:
        """+1 / 0 / -1: what the player to move (owning ``me``) can force. A win in one ends the search;
        an opponent's win in one must be blocked (two of them lose), as every other move lets it happen."""
        key = (me, opp)
        memo = self.memo
        if key in memo:
            return memo[key]
        moves, lines = self.legal(me, opp), self.lines
        threats = []
        for i in moves:
            bit = 1 << i
            for m in lines[i]:
                if (me | bit) & m == m:
                    memo[key] = 1
                    return 1
                if (opp | bit) & m == m and i not in threats:
                    threats.append(i)
        if len(threats) > 1:
            best = -1
        else:
            best = 0 if not moves else -1
            for i in threats or moves:
                v = -self.value(opp, me | 1 << i)
                if v > best:
                    best = v
                    if best == 1:
                        break
        memo[key] = best
        return best

    def scores(self, me: int, opp: int) -> dict[int, int]:
        return {i: 1 if self.wins(me | 1 << i, i) else -self.value(opp, me | 1 << i) for i in self.legal(me, opp)}


def playout(g: Game, moves: int, rng: Random, ask: str) -> list[int] | None:
    """A random game of ``moves`` moves in which nobody completes a line, played quietly (no move leaves
    its player a win in one) except at the end: for ``block`` the last move makes a threat, for ``win``
    the one before does and the last one leaves it open. None if the game gets stuck."""
    marks, history = [0, 0], []

    def can_win(who: int, other: int) -> bool:
        return any(g.wins(who | 1 << i, i) for i in g.legal(who, other))

    for t in range(moves):
        me, opp = marks[t % 2], marks[1 - t % 2]
        options = [i for i in g.legal(me, opp) if not g.wins(me | 1 << i, i)]
        if not options:
            return None
        left = moves - t
        if (ask, left) in (("block", 1), ("win", 2)):
            wanted = [i for i in options if can_win(me | 1 << i, opp)]  # make a threat
        elif (ask, left) == ("win", 1):
            wanted = [i for i in options if can_win(opp, me | 1 << i)]  # leave the threat open
        else:
            wanted = [i for i in options if not can_win(me | 1 << i, opp)]  # quiet
        i = rng.choice(wanted or options)
        marks[t % 2] |= 1 << i
        history.append(i)
    return history


def kind(g: Game, me: int, opp: int) -> str:
    legal = g.legal(me, opp)
    if any(g.wins(me | 1 << i, i) for i in legal):
        return "win"
    return "block" if any(g.wins(opp | 1 << i, i) for i in legal) else "best"


@lru_cache(maxsize=4096)
def judge(n: int, k: int, start: str, gravity: bool) -> dict[int, int]:
    """Check's own analysis: cell -> the score (+1/0/-1) of marking it, for the player to move.
    ``start`` is the board row by row: '1' the player to move, '2' the other, '#' blocked, '.' empty."""

    def line_through(board: str, i: int, who: str) -> bool:
        r, c = divmod(i, n)
        for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
            run = 1
            for sign in (1, -1):
                a, b = r + sign * dr, c + sign * dc
                while 0 <= a < n and 0 <= b < n and board[a * n + b] == who:
                    run += 1
                    a, b = a + sign * dr, b + sign * dc
            if run >= k:
                return True
        return False

    def playable(board: str) -> list[int]:
        return [i for i, x in enumerate(board) if x == "." and (not gravity or i + n >= n * n or board[i + n] != ".")]

    @cache
    def negamax(board: str, who: str) -> int:
        other = "2" if who == "1" else "1"
        best = None
        for i in playable(board):
            after = board[:i] + who + board[i + 1:]
            score = 1 if line_through(after, i, who) else -negamax(after, other)
            best = score if best is None else max(best, score)
        return 0 if best is None else best

    out = {}
    for i in playable(start):
        after = start[:i] + "1" + start[i + 1:]
        out[i] = 1 if line_through(after, i, "1") else -negamax(after, "2")
    return out


@family("tictactoe_move", version=1, domain="games", answer=AnswerType.STRING,
        purpose="Find a best move in a tic-tac-toe-like position (3 or 4 in a row, blocked cells, gravity).")
class TicTacToeMove:
    board = Choice(tuple(_BOARDS), base="4x4-4", help="board side and how many in a row win")
    empty = IntRange(2, 9, base=6, levels=(2, 4, 6, 8, 9), help="empty cells left (at most all playable - 1)")
    ask = Choice(("win", "block", "best"), base="best", ordered=True,
                 help="a win in one is on offer, the opponent threatens one, or neither")
    optimal = Choice(("any", "one"), base="any", ordered=True, help="how many best moves the position has")
    shown = Choice(("board", "moves"), base="board", ordered=True, help="a drawn board, or the moves played so far")
    blocked = IntRange(0, 8, base=0, levels=(0, 1, 2, 4, 8), help="blocked cells (at most 2, 4, 4, 8 by board)")
    gravity = Flag(base=False, help="a mark must rest on the bottom edge or on a marked or blocked cell")
    symbols = Choice(tuple(_SYMBOLS), base="XO", role="surface", help="the two players' marks (first one first)")
    notation = Choice(("chess", "rowcol", "numbered", "sheet"), base="chess", role="surface",
                      help="how cells are named")

    def generate(self, p: Params, rng: Random) -> Problem:
        n, k, most = _BOARDS[p.board]
        holes = rng.sample(range(n * n), min(p.blocked, most))
        g = Game(n, k, sum(1 << i for i in holes), p.gravity)
        playable = n * n - len(holes)
        kept: tuple[int, list[int]] | None = None  # (rank, history): 0 is what was asked, lower is better
        for empty in range(max(2, min(p.empty, playable - 1)), playable + 1):  # fewer moves if games get stuck
            analysed = 0
            for _ in range(80):
                history = playout(g, playable - empty, rng, p.ask)
                if history is None:
                    continue
                t = len(history)
                me, opp = sum(1 << i for i in history[t % 2::2]), sum(1 << i for i in history[1 - t % 2::2])
                right_kind = kind(g, me, opp) == p.ask
                if kept is not None and (2 * (not right_kind) >= kept[0] or analysed >= _ANALYSES):
                    continue
                scores = g.scores(me, opp)
                analysed += 1
                tops = sum(v == max(scores.values()) for v in scores.values())
                rank = (4 if tops == len(scores) else 0) + 2 * (not right_kind) + (p.optimal == "one" and tops > 1)
                if kept is None or rank < kept[0]:
                    kept = (rank, history)
                if rank == 0:
                    break
            if kept is not None:
                break
        data = {"n": n, "k": k, "blocked": sorted(holes), "history": kept[1], "gravity": p.gravity,
                "symbols": p.symbols, "notation": p.notation}
        return Problem(self._prompt(p, data, rng), data, AnswerType.STRING)

    @staticmethod
    def name(n: int, notation: str, i: int) -> str:
        r, c = divmod(i, n)
        return {"chess": f"{_FILES[c]}{n - r}", "rowcol": f"r{r + 1}c{c + 1}", "numbered": str(i + 1),
                "sheet": f"{_FILES[c].upper()}{r + 1}"}[notation]

    def _prompt(self, p: Params, d: dict, rng: Random) -> str:
        n, k, history = d["n"], d["k"], d["history"]
        first, second, first_name, second_name = _SYMBOLS[d["symbols"]]
        mover = first_name if len(history) % 2 == 0 else second_name
        name = lambda i: self.name(n, d["notation"], i)  # noqa: E731
        where = {
            "chess": f"a cell is named by its column letter (a to {_FILES[n - 1]}, left to right) and its row number "
                     f"(1 at the bottom to {n} at the top), so a1 is the bottom-left cell",
            "rowcol": "cell rRcC is in row R (1 at the top) and column C (1 at the left), so r1c1 is the top-left "
                      "cell",
            "numbered": f"the cells are numbered 1 to {n * n} row by row, from the top-left cell to the bottom-right "
                        "one",
            "sheet": f"a cell is named by its column letter (A to {_FILES[n - 1].upper()}, left to right) and its row "
                     f"number (1 at the top to {n} at the bottom), so A1 is the top-left cell",
        }[d["notation"]]
        text = (f"Two players, {first_name} and {second_name}, play on a {n} by {n} board; {first_name} moved first "
                f"and they take turns, each marking one empty cell per turn. The first to have {k} of their own "
                "marks in a straight line (along a row, a column or a diagonal, with no gap) wins; if no cell can "
                "be marked, the game is a draw.")
        if d["blocked"]:
            text += " Blocked cells can never be marked."
        if d["gravity"]:
            text += (" Gravity applies: a cell can be marked only if it is in the bottom row or the cell directly "
                     "below it is already marked or blocked.")
        text += f" Naming: {where}.\n\n"
        blocked = ", ".join(name(i) for i in d["blocked"])
        if p.shown == "board":
            marks = {i: "#" for i in d["blocked"]}
            marks |= {i: (first if t % 2 == 0 else second) for t, i in enumerate(history)}
            legend = [] if first == first_name else [f"{first} = {first_name}", f"{second} = {second_name}"]
            legend += (["# = blocked"] if d["blocked"] else []) + [". = empty"]
            text += (f"The board, top row first ({', '.join(legend)}):\n"
                     + "\n".join(" ".join(marks.get(r * n + c, ".") for c in range(n)) for r in range(n)))
        else:
            text += ((f"Blocked cells: {blocked}.\n" if d["blocked"] else "") +
                     "The moves so far, in order: " +
                     ", ".join(f"{first_name if t % 2 == 0 else second_name} {name(i)}" for t, i in enumerate(history))
                     + ".")
        example = name(0)
        text += (f"\n\nIt is {mover}'s turn. Find a best move for {mover}: a move after which {mover} can still force "
                 "the best result available (a win if one can be forced, otherwise a draw if one can be forced), "
                 "whatever the opponent does.\n")
        return text + AnswerType.STRING.sentence(f"the cell {mover} should mark, named as above (for instance "
                                                 f"{example})", placeholder="CELL")

    def _start(self, d: dict) -> str:
        n, history = d["n"], d["history"]
        board = ["#" if i in d["blocked"] else "." for i in range(n * n)]
        t = len(history)
        for j, i in enumerate(history):
            board[i] = "1" if j % 2 == t % 2 else "2"
        return "".join(board)

    @staticmethod
    def _scores(d: dict) -> dict[int, int]:
        g, h, t = Game(d["n"], d["k"], sum(1 << i for i in d["blocked"]), d["gravity"]), d["history"], len(d["history"])
        return g.scores(sum(1 << i for i in h[t % 2::2]), sum(1 << i for i in h[1 - t % 2::2]))

    def solve(self, problem: Problem) -> str:
        d = problem.data
        scores = self._scores(d)
        tops = sorted(i for i, v in scores.items() if v == max(scores.values()))
        return self.name(d["n"], d["notation"], tops[sum(d["history"]) % len(tops)])  # any best move; spread them

    def _cell(self, d: dict, text: str) -> int | None:
        n, how = d["n"], d["notation"]
        m = re.fullmatch({"rowcol": r"r(\d)\s*c(\d)", "numbered": r"(\d+)"}.get(how, r"([a-e])(\d)"),
                         text.strip().casefold())
        if not m:
            return None
        if how == "numbered":
            r, c = divmod(int(m.group(1)) - 1, n) if 1 <= int(m.group(1)) <= n * n else (-1, -1)
        elif how == "rowcol":
            r, c = int(m.group(1)) - 1, int(m.group(2)) - 1
        else:
            c, r = _FILES.index(m.group(1)), (n - int(m.group(2)) if how == "chess" else int(m.group(2)) - 1)
        return r * n + c if 0 <= r < n and 0 <= c < n else None

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        i = self._cell(d, str(answer))
        if i is None:
            return wrong(f"{answer!r} is not a cell of the board in the asked naming")
        scores = judge(d["n"], d["k"], self._start(d), d["gravity"])
        if i not in scores:
            return wrong(f"{answer!r} cannot be marked now (taken, blocked, or not resting on anything)")
        if scores[i] < max(scores.values()):
            return wrong(f"{answer!r} gives away the best result")
        return RIGHT

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        n, scores = d["n"], self._scores(d)
        best = max(scores.values())
        right = self.solve(problem)
        name = lambda i: self.name(n, d["notation"], i)  # noqa: E731
        worse = [name(i) for i, v in sorted(scores.items()) if v < best]
        cands = rng.sample(worse, min(2, len(worse))) + [name(rng.choice(d["history"]))]
        unplayable = [i for i in range(n * n) if i not in scores and i not in d["history"]]
        if unplayable:  # blocked, or floating under gravity
            cands.append(name(rng.choice(unplayable)))
        cands.append(f"{right} or {name(rng.choice(d['history']))}")
        return distinct(right, cands)
