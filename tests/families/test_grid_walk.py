"""grid_walk: a third, string-map simulation agrees with solve; targeted checker tests."""

from __future__ import annotations

import random
import re

from families import random_instances
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


# ---- the answer from the prompt text alone ---------------------------------------------

_HEADINGS = ["north", "east", "south", "west"]  # clockwise: turning right steps forward in this list
_STEP = {"north": (-1, 0), "east": (0, 1), "south": (1, 0), "west": (0, -1)}  # as the prompt defines them


def answer_from_prompt(prompt: str) -> list[str]:
    m = re.search(r": (\d+) rows by (\d+) columns\. Rows are numbered 1 to \1 from top to bottom and columns "
                  r"1 to \2 from left to right", prompt)
    n = int(m[1])
    assert "North is up (towards row 1)" in prompt and "east is right (towards higher columns)" in prompt
    start = tuple(int(x) for x in re.search(r" starts at \((\d+), (\d+)\)", prompt).groups())
    blocked: set[tuple[int, int]] = set()
    listed = re.search(r"Some cells are blocked \([^)]*\): (.+)\.\n", prompt)
    drawn = re.search(r"'S' = start:\n((?:[.#S]+\n)+)", prompt)
    if listed:
        blocked = {(int(r), int(c)) for r, c in re.findall(r"\((\d+), (\d+)\)", listed[1])}
    elif drawn:
        rows = drawn[1].split()
        assert len(rows) == n and all(len(row) == n for row in rows)
        blocked = {(r, c) for r, row in enumerate(rows, 1) for c, ch in enumerate(row, 1) if ch == "#"}
        assert rows[start[0] - 1][start[1] - 1] == "S"
    else:
        assert "No cells are blocked." in prompt
    facing = re.search(r"\), facing (north|east|south|west)\.", prompt)
    heading = facing[1] if facing else None
    r, c = start
    for step in re.search(r"Instructions, in order: (.+)\.\n", prompt)[1].split(", "):
        if step in ("turn left", "turn right"):
            heading = _HEADINGS[(_HEADINGS.index(heading) + (1 if step == "turn right" else -1)) % 4]
            continue
        direction = heading if step == "forward" else re.fullmatch(r"go (north|east|south|west)", step)[1]
        nr, nc = r + _STEP[direction][0], c + _STEP[direction][1]
        if 1 <= nr <= n and 1 <= nc <= n and (nr, nc) not in blocked:
            r, c = nr, nc
    return [str(r), str(c)]


def test_answer_from_prompt_text_alone():
    for params, seed, problem in random_instances(FAM, 300, 19):
        assert answer_from_prompt(problem.prompt) == FAM.solve(problem), (params, seed, problem.prompt)
