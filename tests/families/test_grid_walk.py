"""grid_walk: a third, string-map simulation agrees with solve; targeted checker tests."""

from __future__ import annotations

import random

from unseen import registry
from unseen.answers import parse
from unseen.problem import Problem
from unseen.verify import verify

FAM = registry.get("grid_walk")
TURN_RIGHT = {"N": "E", "E": "S", "S": "W", "W": "N"}
TURN_LEFT = {v: k for k, v in TURN_RIGHT.items()}


def walk_on_map(data):
    """Draw the map as strings padded with a border of '#', then walk it."""
    n = data["size"]
    rows = [["#"] * (n + 2)] + [["#"] + ["."] * n + ["#"] for _ in range(n)] + [["#"] * (n + 2)]
    for r, c in data["walls"]:
        rows[r][c] = "#"
    r, c = data["start"]
    face = (data["facing"] or "north")[0].upper()
    for move in data["moves"]:
        if move == "left":
            face = TURN_LEFT[face]
            continue
        if move == "right":
            face = TURN_RIGHT[face]
            continue
        d = face if move == "forward" else move[0].upper()
        nr, nc = r + {"N": -1, "S": 1}.get(d, 0), c + {"W": -1, "E": 1}.get(d, 0)
        if rows[nr][nc] != "#":
            r, c = nr, nc
    return [str(r), str(c)]


def test_agrees_with_map_walk():
    rng = random.Random(11)
    for seed in range(300):
        params = {"moves": rng.randint(1, 15), "grid_size": rng.randint(3, 8), "walls": rng.randint(0, 30),
                  "frame": rng.choice(["absolute", "relative"]), "layout": rng.choice(["list", "map"]),
                  "agent": rng.choice(["robot", "rover", "drone"])}
        problem = FAM.generate(params, random.Random(seed))
        assert FAM.solve(problem) == walk_on_map(problem.data)
        assert problem.data["start"] not in problem.data["walls"]
        assert verify(FAM, problem, seed).ok


def hand(moves, facing="", walls=()):
    return Problem("", {"size": 3, "start": [2, 2], "walls": [list(w) for w in walls], "moves": moves,
                        "facing": facing}, "sequence")


def test_edges_walls_and_turns():
    assert FAM.solve(hand(["north", "north", "north"])) == ["1", "2"]  # the edge stops it
    assert FAM.solve(hand(["east", "east", "south"], walls=[(3, 3)])) == ["2", "3"]  # wall skipped
    assert FAM.solve(hand(["left", "forward", "right", "forward"], facing="north")) == ["1", "1"]
    assert FAM.solve(hand(["right", "right", "forward"], facing="east")) == ["2", "1"]


def test_checker():
    p = hand(["north", "east"])  # ends at (1, 3)
    assert FAM.check(p, parse("sequence", "1, 3"))
    assert FAM.check(p, parse("sequence", "(1, 3)"))
    assert FAM.check(p, parse("sequence", "01, 3"))
    for bad in ["3, 1", "1, 2", "1", "1, 3, 1", "a, b"]:
        assert not FAM.check(p, parse("sequence", bad)), bad
    assert not FAM.judge_text(p, "1, 3 or 1, 2").correct
    for m in FAM.near_misses(p, random.Random(0)):
        assert not FAM.judge_text(p, m).correct
