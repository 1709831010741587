"""polygon_area: the corners read back from the prompt text alone give the reference area."""

from __future__ import annotations

import random
import re
from fractions import Fraction

from sympy import Point, Polygon, Segment

from families import random_instances
from unseen import registry
from unseen.answers import parse, render
from unseen.verify import verify

FAM = registry.get("polygon_area")
_DIRS = {"east": (1, 0), "west": (-1, 0), "north": (0, 1), "south": (0, -1)}


def _move(at: tuple[int, int], leg: str) -> tuple[int, int]:
    x, y = at
    for k, way in re.findall(r"(\d+) \w+ (east|west|north|south)", leg):
        x, y = x + int(k) * _DIRS[way][0], y + int(k) * _DIRS[way][1]
    return x, y


def corners_from_prompt(prompt: str) -> list[tuple[int, int]]:
    """The boundary, in order, from the prompt's words only (all six tellings)."""
    pt = r"\((-?\d+), (-?\d+)\)"
    if "She starts at" in prompt:
        at = tuple(int(v) for v in re.search(r"She starts at " + pt, prompt).groups())
        corners = [at]
        for leg in re.findall(r"^\d+\. (.*)$", prompt, re.M):
            corners.append(_move(corners[-1], leg))
        assert corners[-1] == corners[0]
        return corners[:-1]
    if "listed in no particular order" in prompt:
        name, x, y = re.search(r"Corner (\w+) is at " + pt, prompt).groups()
        legs = {a: (b, leg) for a, b, leg in re.findall(r"^from (\w+) to (\w+): (.*)$", prompt, re.M)}
        corners, here, at = [], name, (int(x), int(y))
        for _ in legs:
            corners.append(at)
            here, leg = legs[here]
            at = _move(at, leg)
        assert here == name and at == corners[0]
        return corners
    if "in the order" in prompt:
        where = {n: (int(x), int(y)) for n, x, y in re.findall(r"(\w+) at " + pt, prompt)}
        cycle = re.search(r"in the order ([\w, ]+) and back to (\w+)\.", prompt)
        names = cycle.group(1).split(", ")
        assert names[0] == cycle.group(2) and sorted(names) == sorted(where)
        return [where[n] for n in names]
    listing = re.search(r"(?:boundary \(coordinates in \w+\): |in order along the fence, at )(.*?)[.;] ", prompt)
    return [(int(x), int(y)) for x, y in re.findall(pt, listing.group(1))]


def area_by_trapezoids(corners) -> Fraction:
    """Sum of signed trapezoids under each side, (x1 - x0) * (y0 + y1) / 2."""
    n = len(corners)
    total = sum((corners[(i + 1) % n][0] - corners[i][0]) * (corners[i][1] + corners[(i + 1) % n][1])
                for i in range(n))
    return abs(Fraction(total, 2))


def test_the_prompt_alone_gives_the_reference_area():
    wide = lambda r: {"span": r.choice([4, 5, 7, 10, 15, 30, 60, 100])}  # noqa: E731
    seen = set()
    for params, seed, problem in random_instances(FAM, 300, 11, wide):
        corners = corners_from_prompt(problem.prompt)
        assert len(corners) == params["vertices"], (seed, params)
        got = render("fraction", area_by_trapezoids(corners))
        assert got == render(problem.answer_type, FAM.solve(problem)), (seed, params, problem.prompt)
        assert verify(FAM, problem, seed).ok
        seen.add((params["presentation"], params["order"] == "shuffled"))
    assert len(seen) == 6


def test_sympy_finds_no_crossing_and_the_convexity_asked():
    """The outline is simple (sympy's exact segment intersections) and convex or not as asked."""
    for seed in range(60):
        convexity = ("convex", "any", "concave")[seed % 3]
        problem = FAM.generate({"vertices": 4 + seed % 6, "span": 4 + seed % 9, "convexity": convexity},
                               random.Random(seed))
        pts = [Point(x, y) for x, y in problem.data["corners"]]
        n = len(pts)
        sides = [Segment(pts[i], pts[(i + 1) % n]) for i in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                shared = sides[i].intersection(sides[j])
                adjacent = j == i + 1 or (i == 0 and j == n - 1)
                assert len(shared) == (1 if adjacent else 0), (seed, i, j, shared)
        poly = Polygon(*pts)
        assert len(poly.vertices) == n  # sympy drops collinear corners: every corner is a real turn
        assert abs(poly.area) == FAM.solve(problem)
        if convexity != "any":
            assert poly.is_convex() == (convexity == "convex"), (seed, convexity)


def test_telling_leaves_the_polygon_and_area_unchanged():
    for seed in range(30):
        base = {"vertices": 7, "order": ("clockwise", "shuffled")[seed % 2], "offset": "centred"}
        datas = {str(FAM.generate({**base, "presentation": pres, "units": units}, random.Random(seed)).data)
                 for pres in FAM.variable("presentation").domain for units in FAM.variable("units").domain}
        assert len(datas) == 1


def test_listing_direction_follows_the_order_variable():
    for order in ("counterclockwise", "clockwise"):
        for seed in range(20):
            c = FAM.generate({"order": order, "vertices": 8}, random.Random(seed)).data["corners"]
            signed = sum(c[i - 1][0] * c[i][1] - c[i][0] * c[i - 1][1] for i in range(len(c)))
            assert (signed > 0) == (order == "counterclockwise")


def test_checker_rejects_near_misses_and_accepts_equal_forms():
    problem = FAM.generate({"vertices": 9, "convexity": "concave", "order": "shuffled"}, random.Random(4))
    right = FAM.solve(problem)
    assert FAM.judge_text(problem, render("fraction", right))
    assert FAM.judge_text(problem, str(float(right)))
    assert not FAM.check(problem, parse("fraction", render("fraction", right + Fraction(1, 2))))
    misses = FAM.near_misses(problem, random.Random(0))
    assert len(misses) >= 3
    for miss in misses:
        assert not FAM.judge_text(problem, miss), miss
