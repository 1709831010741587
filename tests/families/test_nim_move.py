"""nim_move: the winning moves worked out from the prompt text alone (game-tree search on small
positions, Sprague-Grundy values on large ones) contain the reference, and each of them passes."""

from __future__ import annotations

import math
import random
import re
from functools import cache

from families import random_instances
from unseen import registry
from unseen.verify import verify

FAM = registry.get("nim_move")


def read_prompt(prompt: str) -> tuple[list[int], int | None]:
    found = re.findall(r"[Hh]eap (\d+)(?: has|:) (\d+) (?:coins?|matches|match|stones?)\b", prompt)
    heaps = [int(h) for _, h in found]
    assert [int(i) for i, _ in found] == list(range(1, len(heaps) + 1))
    assert len(heaps) == int(re.search(r"from (\d+) heaps", prompt).group(1))
    cap = re.search(r"at least one and at most (\d+) ", prompt)
    return heaps, int(cap.group(1)) if cap else None


def moves(pos: tuple[int, ...], cap: int | None):
    for i, h in enumerate(pos):
        for t in range(1, h + 1 if cap is None else min(h, cap) + 1):
            yield i, t, pos[:i] + (h - t,) + pos[i + 1:]


@cache
def to_move_wins(pos: tuple[int, ...], cap: int | None) -> bool:
    return any(not to_move_wins(tuple(sorted(nxt)), cap) for _, _, nxt in moves(pos, cap))


@cache
def heap_value(h: int, cap: int | None) -> int:
    """One heap's Sprague-Grundy value, recursively."""
    seen = {heap_value(h - t, cap) for t in range(1, h + 1 if cap is None else min(h, cap) + 1)}
    return min(set(range(len(seen) + 1)) - seen)


def winning(heaps: list[int], cap: int | None) -> set[str]:
    pos = tuple(heaps)
    if math.prod(h + 1 for h in heaps) <= 20000:
        return {f"heap {i + 1}: take {t}" for i, t, nxt in moves(pos, cap) if not to_move_wins(tuple(sorted(nxt)), cap)}
    out = set()
    for i, t, nxt in moves(pos, cap):
        total = 0
        for h in nxt:
            total ^= heap_value(h, cap)
        if total == 0:
            out.add(f"heap {i + 1}: take {t}")
    return out


def test_the_prompt_alone_gives_the_winning_moves_and_the_reference_is_one():
    lost = 0
    for params, seed, problem in random_instances(FAM, 240, 3):
        heaps, cap = read_prompt(problem.prompt)
        assert cap == (params["max_take"] if params["rule"] == "capped" else None)
        good = winning(heaps, cap)
        reference = FAM.solve(problem)
        if good:
            assert reference in good, (seed, params)
            for move in sorted(good):  # any winning move passes
                assert FAM.judge_text(problem, move)
            assert not FAM.judge_text(problem, "none")
            if params["unique"]:
                assert len(good) == 1, (seed, params)
        else:
            assert reference == "none", (seed, params)
            lost += 1
        assert verify(FAM, problem, seed).ok
    assert 30 < lost < 100


def test_small_positions_by_game_tree_search_alone():
    small = lambda r: {"size": r.randint(2, 9), "heaps": r.randint(2, 4)}  # noqa: E731
    for params, seed, problem in random_instances(FAM, 200, 8, small):
        heaps, cap = read_prompt(problem.prompt)
        pos = tuple(heaps)
        good = {f"heap {i + 1}: take {t}" for i, t, nxt in moves(pos, cap) if not to_move_wins(tuple(sorted(nxt)), cap)}
        assert (FAM.solve(problem) in good) if good else FAM.solve(problem) == "none", (seed, params)
        for i, t, _ in moves(pos, cap):  # every legal move is judged as the search judges it
            move = f"heap {i + 1}: take {t}"
            assert bool(FAM.judge_text(problem, move)) == (move in good), (seed, move)


def test_illegal_and_hedged_moves_are_rejected():
    for seed in range(60):
        problem = FAM.generate({"rule": ["nim", "capped"][seed % 2], "size": 12}, random.Random(seed))
        heaps, cap = read_prompt(problem.prompt)
        misses = FAM.near_misses(problem, random.Random(seed))
        assert len(misses) >= 2 and not any(FAM.judge_text(problem, m) for m in misses)
        for bad in (f"heap {len(heaps) + 1}: take 1", "heap 1: take 0", f"heap 1: take {heaps[0] + 1}"):
            assert not FAM.judge_text(problem, bad)
        if cap is not None and heaps[0] > cap:
            assert not FAM.judge_text(problem, f"heap 1: take {cap + 1}")
        right = FAM.solve(problem)
        assert FAM.judge_text(problem, right.upper())
        if right != "none":
            assert FAM.judge_text(problem, right.replace("take ", "take ") + " " + problem.data["story"])


def test_the_story_leaves_the_position_unchanged():
    for seed in range(30):
        seen = {str(read_prompt(FAM.generate({"story": story, "listing": listing}, random.Random(seed)).prompt))
                for story in ("coins", "matches", "stones") for listing in ("sentence", "lines")}
        assert len(seen) == 1
