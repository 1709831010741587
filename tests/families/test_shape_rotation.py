"""shape_rotation: the shape and operations read back from the prompt text alone, turned with
complex-number arithmetic written here, give the reference drawing or letter."""

from __future__ import annotations

import random
import re

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("shape_rotation")
# every operation sentence of the three phrasings, as what it does to a point z = x + iy (y up)
_CW, _CCW, _HALF = (lambda z: z * -1j), (lambda z: z * 1j), (lambda z: -z)
_LR, _UD = (lambda z: -z.conjugate()), (lambda z: z.conjugate())
OPS = {
    "Rotate it 90 degrees clockwise.": _CW, "Rotate it 90 degrees counterclockwise.": _CCW,
    "Rotate it 180 degrees.": _HALF, "Flip it left to right (mirror it in a vertical line).": _LR,
    "Flip it upside down (mirror it in a horizontal line).": _UD,
    "Give it a quarter turn clockwise.": _CW, "Give it a quarter turn anticlockwise.": _CCW,
    "Give it a half turn.": _HALF, "Turn it over sideways, so that left and right swap.": _LR,
    "Turn it over top to bottom, so that top and bottom swap.": _UD,
    "Rotate it so that its top side now faces right.": _CW, "Rotate it so that its top side now faces left.": _CCW,
    "Rotate it so that its top side now faces down.": _HALF,
    "Mirror it so that its left side and its right side trade places (top stays on top).": _LR,
    "Mirror it so that its top side and its bottom side trade places (left stays on the left).": _UD,
}


def points(picture: str, on: str) -> set[complex]:
    return {complex(c, -r) for r, row in enumerate(picture.split("\n")) for c, ch in enumerate(row) if ch == on}


def to_rows(pts: set[complex]) -> list[list[str]]:
    x0, y1 = min(p.real for p in pts), max(p.imag for p in pts)
    cells = {(int(y1 - p.imag), int(p.real - x0)) for p in pts}
    rows, cols = max(r for r, _ in cells) + 1, max(c for _, c in cells) + 1
    return [["1" if (r, c) in cells else "0" for c in range(cols)] for r in range(rows)]


def answer_from_prompt(prompt: str) -> str:
    on = re.search(r"In the drawings below '(.)' is a filled cell", prompt).group(1)
    shape = points(re.search(r"The shape:\n(.*?)\n\n", prompt, re.S).group(1), on)
    for sentence in re.findall(r"^\d+\. (.*)$", prompt, re.M):
        shape = {OPS[sentence](z) for z in shape}
    result = to_rows(shape)
    options = re.findall(r"^Shape ([A-F]):\n(.*?)(?:\n\n|\Z)", prompt, re.M | re.S)
    if not options:
        return render("grid", result)
    same = [name for name, pic in options if to_rows(points(pic, on)) == result]
    assert len(same) == 1, same
    return same[0]


def test_the_prompt_alone_gives_the_reference_answer():
    asked = set()
    for params, seed, problem in random_instances(FAM, 300, 19):
        got = answer_from_prompt(problem.prompt)
        assert got == render(problem.answer_type, FAM.solve(problem)), (seed, params, problem.prompt)
        assert verify(FAM, problem, seed).ok
        asked.add((params["ask"], params["phrasing"]))
    assert len(asked) == 6


def test_the_operations_never_leave_the_shape_unchanged_and_flips_are_counted():
    for params, _seed, problem in random_instances(FAM, 200, 7):
        d = problem.data
        assert sum(op in ("lr", "ud") for op in d["ops"]) == min(params["reflections"], params["operations"])
        assert len(d["ops"]) == params["operations"] and len(d["shape"]) == params["cells"]
        start = to_rows({complex(c, -r) for r, c in d["shape"]})
        assert answer_from_prompt(problem.prompt) != render("grid", start) or params["ask"] == "choose"
        if params["ask"] == "choose":
            assert len(d["options"]) == params["options"] and len({str(o) for o in d["options"]}) == params["options"]


def test_a_padded_drawing_is_the_same_shape():
    problem = FAM.generate({"cells": 7}, random.Random(5))
    rows = FAM.solve(problem)
    padded = [["0"] * (len(rows[0]) + 2)] + [["0", *row, "0"] for row in rows]
    assert FAM.check(problem, padded)
    assert not FAM.check(problem, [row[::-1] for row in rows]) or rows == [row[::-1] for row in rows]


def test_surface_leaves_the_instance_unchanged():
    for seed in range(15):
        datas = {str(FAM.generate({"symbols": s, "story": t, "phrasing": ph, "ask": "choose"},
                                  random.Random(seed)).data)
                 for s in ("hash", "xo", "blocks") for t in ("plain", "tile") for ph in ("degrees", "turns", "sides")}
        assert len(datas) == 1


def test_checker_rejects_near_misses():
    for params, seed, problem in random_instances(FAM, 80, 23):
        misses = FAM.near_misses(problem, random.Random(seed))
        assert misses
        for miss in misses:
            assert not FAM.judge_text(problem, miss), (seed, params, miss)
