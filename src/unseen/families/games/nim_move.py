"""nim_move: find a winning move in Nim (or a capped Nim), or say that every move loses.

Heaps of objects; a move takes at least one object from one heap (at most ``max_take`` in the
capped game); whoever takes the last object wins. Logic variables: ``heaps`` (2..6), ``size``
(the largest heap size drawn), ``rule`` (plain Nim or capped), ``max_take`` (the cap, for the
capped game) and ``unique`` (a winning position has exactly one winning move; in the capped game
all heaps but one are then drawn no larger than the cap, since a heap above it nearly always has a
winning move; dropped where 200 draws give none). About a quarter of positions are lost (the
answer is then ``none``; where no lost position fits the heaps and sizes, a won one is drawn).
Surface: ``story`` (coins, matches, stones) and ``listing`` (one sentence, or one line per heap).

Label: ``solve`` searches the game tree exhaustively (memoised over sorted positions) when the
position has at most 2,000 sub-positions, and otherwise uses the closed forms (Bouton's nim-sum;
heap mod (cap + 1) for the capped game). ``check`` accepts ANY legal move that leaves a position
whose Sprague-Grundy value, computed by its own mex tables, is 0, and ``none`` only when the
position's value is 0.
"""

from __future__ import annotations

import math
import re
from functools import cache, reduce
from operator import xor
from random import Random

from unseen.author import RIGHT, AnswerType, Choice, Flag, IntRange, Params, Problem, Verdict, distinct, family, wrong

_STORY = {"coins": ("coin", "coins"), "matches": ("match", "matches"), "stones": ("stone", "stones")}
_MOVE = re.compile(r"heap\s*#?\s*(\d+)\s*[:,;-]?\s*take\s*(\d+)(?:\s+[a-z]+)?")


def grundy(h: int, cap: int | None) -> int:
    """Closed form: h for Nim, h mod (cap + 1) for the capped game."""
    return h if cap is None else h % (cap + 1)


def winning_moves_closed(heaps: list[int], cap: int | None) -> list[tuple[int, int]]:
    s = reduce(xor, (grundy(h, cap) for h in heaps), 0)
    out = []
    for i, h in enumerate(heaps):
        for take in range(1, (h if cap is None else min(h, cap)) + 1):
            if s ^ grundy(h, cap) ^ grundy(h - take, cap) == 0:
                out.append((i, take))
    return out


def winning_moves_search(heaps: list[int], cap: int | None) -> list[tuple[int, int]]:
    """Exhaustive game-tree search: a position is won iff some move reaches a lost one."""

    @cache
    def won(pos: tuple[int, ...]) -> bool:
        for i, h in enumerate(pos):
            for take in range(1, (h if cap is None else min(h, cap)) + 1):
                if not won(tuple(sorted(pos[:i] + (h - take,) + pos[i + 1:]))):
                    return True
        return False

    return [(i, take) for i, h in enumerate(heaps) for take in range(1, (h if cap is None else min(h, cap)) + 1)
            if not won(tuple(sorted(heaps[:i] + [h - take] + heaps[i + 1:])))]


def winning_moves(heaps: list[int], cap: int | None) -> list[tuple[int, int]]:
    if math.prod(h + 1 for h in heaps) <= 2000:
        return winning_moves_search(heaps, cap)
    return winning_moves_closed(heaps, cap)


def count_winning(heaps: list[int], cap: int | None) -> int:
    if cap is not None:
        return len(winning_moves_closed(heaps, cap))
    s = reduce(xor, heaps, 0)
    return sum(h ^ s < h for h in heaps)  # Bouton: a heap has a winning move iff it holds s's top bit


def draw(rng: Random, k: int, size: int, cap: int | None, lost: bool, unique: bool) -> list[int]:
    """k heaps: k - 1 drawn, the last one chosen among the sizes that give the asked kind of position."""
    small = unique and not lost and cap is not None  # a heap above the cap nearly always has a winning move
    for _ in range(200):
        others = [rng.randint(1, min(size, cap) if small else size) for _ in range(k - 1)]
        rest = reduce(xor, (grundy(h, cap) for h in others), 0)
        fits = [v for v in range(1, size + 1) if (grundy(v, cap) == rest) == lost
                and (lost or not unique or count_winning(others + [v], cap) == 1)]
        if fits:
            heaps = others + [rng.choice(fits)]
            rng.shuffle(heaps)
            return heaps
    if not lost and not unique:
        raise RuntimeError(f"nim_move: no won position with {k} heaps of 1..{size}")
    return draw(rng, k, size, cap, False, unique and lost)  # no lost (or unique) position fits: relax


@family("nim_move", version=1, domain="games", answer=AnswerType.STRING,
        purpose="Find a winning move in a position of Nim or capped Nim, or say that every move loses.")
class NimMove:
    heaps = IntRange(2, 6, base=3, help="number of heaps")
    size = IntRange(2, 127, base=31, levels=(3, 7, 15, 31, 63, 127), help="heap sizes are drawn from 1..size")
    rule = Choice(("nim", "capped"), base="nim", ordered=True, help="take any number, or at most max_take")
    max_take = IntRange(2, 9, base=3, levels=(2, 3, 5, 9), help="the most one move may take (capped game only)")
    unique = Flag(base=False, help="a won position has exactly one winning move")
    story = Choice(tuple(_STORY), base="coins", role="surface", help="what the heaps are made of")
    listing = Choice(("sentence", "lines"), base="sentence", role="surface", help="how the heaps are listed")

    def generate(self, p: Params, rng: Random) -> Problem:
        cap = p.max_take if p.rule == "capped" else None
        lost = rng.random() < 0.25
        heaps = draw(rng, p.heaps, p.size, cap, lost, p.unique)
        one, many = _STORY[p.story]
        word = lambda h: f"{h} {one if h == 1 else many}"  # noqa: E731
        if p.listing == "sentence":
            listed = "; ".join(f"heap {i + 1} has {word(h)}" for i, h in enumerate(heaps)) + "."
            listed = listed[0].upper() + listed[1:]
        else:
            listed = "\n".join(f"Heap {i + 1}: {word(h)}" for i, h in enumerate(heaps))
        limit = (f"any number of {many} from it, from one up to the whole heap" if cap is None else
                 f"at least one and at most {cap} {many} from it (never more than the heap holds)")
        prompt = (f"Two players take turns removing {many} from {len(heaps)} heaps, numbered 1 to {len(heaps)}. "
                  f"On a turn, a player chooses one heap and removes {limit}. The player who takes the last {one} "
                  "wins; a player who cannot move has lost.\n\n"
                  f"{listed}\n\n"
                  f"It is your turn. Find a move after which you win however your opponent plays, or say that there "
                  "is none.\n" +
                  AnswerType.STRING.sentence(f"a winning move, where H is the heap's number and T how many {many} to "
                                             "take from it", placeholder="heap H: take T",
                                             empty="every move loses against best play"))
        return Problem(prompt, {"heaps": heaps, "cap": cap, "story": p.story}, AnswerType.STRING)

    def solve(self, problem: Problem) -> str:
        moves = winning_moves(problem.data["heaps"], problem.data["cap"])
        return f"heap {moves[0][0] + 1}: take {moves[0][1]}" if moves else "none"

    def check(self, problem: Problem, answer) -> Verdict:
        heaps, cap = problem.data["heaps"], problem.data["cap"]
        table = [0]  # Sprague-Grundy values by mex over the moves of one heap
        for h in range(1, max(heaps) + 1):
            reach = {table[h - t] for t in range(1, (h if cap is None else min(h, cap)) + 1)}
            table.append(next(g for g in range(h + 1) if g not in reach))
        value = reduce(xor, (table[h] for h in heaps), 0)
        text = str(answer).strip().casefold().rstrip(".")
        if text == "none":
            return RIGHT if value == 0 else wrong("the position is won: a winning move exists")
        m = _MOVE.fullmatch(text)
        if not m:
            return wrong(f"{answer!r} is not a move written as `heap H: take T` nor `none`")
        i, take = int(m.group(1)) - 1, int(m.group(2))
        if not 0 <= i < len(heaps):
            return wrong(f"there is no heap {i + 1}")
        if not 1 <= take <= heaps[i] or (cap is not None and take > cap):
            return wrong(f"taking {take} from heap {i + 1} is not a legal move")
        if value ^ table[heaps[i]] ^ table[heaps[i] - take]:
            return wrong("after that move the opponent can force a win")
        return RIGHT

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        heaps, cap = problem.data["heaps"], problem.data["cap"]
        right = self.solve(problem)
        good = set(winning_moves_closed(heaps, cap))
        legal = [(i, t) for i, h in enumerate(heaps) for t in range(1, (h if cap is None else min(h, cap)) + 1)]
        losing = [mv for mv in legal if mv not in good]
        cands = [f"heap {i + 1}: take {t}" for i, t in rng.sample(losing, min(2, len(losing)))]
        if right == "none":
            return distinct(right, cands + ["heap 1: take 1 or none"])
        i, t = winning_moves_closed(heaps, cap)[0]
        too_many = heaps[i] + 1 if cap is None else min(heaps[i], cap) + 1
        return distinct(right, cands + ["none", f"heap {i + 1}: take {too_many}", f"{right} or none"])
