"""polygon_area: the exact area of a simple polygon with integer corners.

The polygon has 3 to 12 corners, convex or not, and never crosses or touches itself:
``is_simple`` proves it with exact integer orientation tests on every pair of sides, and
every corner is a real turn (no straight angles). Logic variables: ``vertices``, ``span``
(the side of the box the corners are drawn in, raised when that many corners do not fit),
``convexity``, ``order`` (corners listed clockwise, counterclockwise, or labelled and listed
out of order with the boundary order named separately) and ``offset`` (coordinates from 0,
around 0, or far from the origin). Surface: ``presentation`` (a list of points, a surveyor's
walk, a fenced field) and ``units``. The label is the shoelace formula over Fractions;
``check`` uses Pick's theorem instead (area = interior + boundary/2 - 1, the lattice points
counted row by row), which never forms the shoelace sum.
"""

from __future__ import annotations

import math
from fractions import Fraction
from random import Random

from unseen.author import (
    AnswerType,
    Choice,
    IntRange,
    Params,
    Problem,
    Verdict,
    distinct,
    family,
    hedge,
    letter,
    match_fraction,
)

_UNITS = {"units": ("units", "square units"), "metres": ("metres", "square metres"),
          "feet": ("feet", "square feet")}
_ONE = {"units": "unit", "metres": "metre", "feet": "foot"}


def cross(o, a, b) -> int:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _on(p, a, b) -> bool:
    return (cross(a, b, p) == 0 and min(a[0], b[0]) <= p[0] <= max(a[0], b[0])
            and min(a[1], b[1]) <= p[1] <= max(a[1], b[1]))


def segments_meet(a, b, c, d) -> bool:
    """Closed segments ab and cd share at least one point (exact integer arithmetic)."""
    d1, d2, d3, d4 = cross(c, d, a), cross(c, d, b), cross(a, b, c), cross(a, b, d)
    if ((d1 > 0) != (d2 > 0)) and d1 and d2 and ((d3 > 0) != (d4 > 0)) and d3 and d4:
        return True
    return _on(a, c, d) or _on(b, c, d) or _on(c, a, b) or _on(d, a, b)


def is_simple(poly) -> bool:
    """Distinct corners, a real turn at every corner, and no two non-adjacent sides meeting.
    Adjacent sides share only their corner, since they are not collinear."""
    n = len(poly)
    if n < 3 or len({tuple(p) for p in poly}) != n:
        return False
    if any(cross(poly[i - 1], poly[i], poly[(i + 1) % n]) == 0 for i in range(n)):
        return False
    for i in range(n):
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue
            if segments_meet(poly[i], poly[i + 1], poly[j], poly[(j + 1) % n]):
                return False
    return True


def is_convex(poly) -> bool:
    n = len(poly)
    signs = {cross(poly[i - 1], poly[i], poly[(i + 1) % n]) > 0 for i in range(n)}
    return len(signs) == 1


def shoelace(poly) -> Fraction:
    n = len(poly)
    return abs(Fraction(sum(poly[i][0] * poly[(i + 1) % n][1] - poly[(i + 1) % n][0] * poly[i][1]
                            for i in range(n)), 2))


def hull(points) -> list:
    """Strict convex hull (no collinear corners), counterclockwise, by the monotone chain."""
    pts = sorted({tuple(p) for p in points})
    if len(pts) < 3:
        return [list(p) for p in pts]
    lower: list = []
    upper: list = []
    for chain, seq in ((lower, pts), (upper, pts[::-1])):
        for p in seq:
            while len(chain) >= 2 and cross(chain[-2], chain[-1], p) <= 0:
                chain.pop()
            chain.append(p)
    return [list(p) for p in lower[:-1] + upper[:-1]]


def _convex(rng: Random, n: int, span: int):
    cx, cy = span / 2, span / 2
    rx, ry = rng.uniform(span / 3, span / 2), rng.uniform(span / 3, span / 2)
    pts = [(round(cx + rx * math.cos(t)), round(cy + ry * math.sin(t)))
           for t in (rng.uniform(0, 2 * math.pi) for _ in range(4 * n))]
    h = hull(pts)
    if len(h) < n:
        return None
    keep = sorted(rng.sample(range(len(h)), n))
    return [h[i] for i in keep]


def _untangled(rng: Random, n: int, span: int):
    pts: list[list[int]] = []
    while len(pts) < n:  # n distinct lattice points of the box ((span + 1)^2 >= 25 >= n)
        q = [rng.randint(0, span), rng.randint(0, span)]
        if q not in pts:
            pts.append(q)
    for _ in range(300):  # 2-opt: reverse the run between two crossing sides until none cross
        hit = next(((i, j) for i in range(n) for j in range(i + 2, n) if not (i == 0 and j == n - 1)
                    and segments_meet(pts[i], pts[i + 1], pts[j], pts[(j + 1) % n])), None)
        if hit is None:
            return pts
        i, j = hit
        pts[i + 1:j + 1] = pts[i + 1:j + 1][::-1]
    return None


def draw_polygon(rng: Random, n: int, span: int, convexity: str) -> list[list[int]]:
    """A simple polygon, counterclockwise; the span grows by one after every 25 failed draws."""
    want_convex = {"convex": True, "concave": False if n > 3 else True, "any": None}[convexity]
    for attempt in range(10_000):
        s = span + attempt // 25
        poly = _convex(rng, n, s) if want_convex else _untangled(rng, n, s)
        if poly is None or not is_simple(poly):
            continue
        if want_convex is False and is_convex(poly):
            continue
        if sum(poly[i - 1][0] * poly[i][1] - poly[i][0] * poly[i - 1][1] for i in range(n)) < 0:
            poly = poly[::-1]
        return poly
    raise RuntimeError("no simple polygon drawn")


def _leg(a, b, unit: str) -> str:
    dx, dy = b[0] - a[0], b[1] - a[1]
    say = lambda k: f"{abs(k)} {_ONE[unit] if abs(k) == 1 else unit}"  # noqa: E731
    parts = ([f"{say(dx)} {'east' if dx > 0 else 'west'}"] if dx else []) + \
            ([f"{say(dy)} {'north' if dy > 0 else 'south'}"] if dy else [])
    return " and ".join(parts)


@family("polygon_area", version=1, domain="geometry", answer=AnswerType.FRACTION,
        purpose="Find the exact area of a simple polygon with integer corner coordinates.")
class PolygonArea:
    vertices = IntRange(3, 12, base=6, levels=(3, 4, 6, 8, 10, 12), help="corners of the polygon")
    span = IntRange(4, 100, base=10, levels=(4, 10, 20, 50, 100),
                    help="corners are drawn in a span x span box (raised when the corners do not fit)")
    convexity = Choice(("convex", "any", "concave"), base="any", ordered=True,
                       help="convex, whatever a random untangled outline gives, or at least one reflex "
                            "corner (a triangle is always convex)")
    order = Choice(("counterclockwise", "clockwise", "shuffled"), base="counterclockwise", ordered=True,
                   help="corners listed around the boundary either way, or labelled, listed out of order "
                        "and joined in an order named separately")
    offset = Choice(("origin", "centred", "far"), base="origin", ordered=True,
                    help="coordinates from 0, around 0 (negatives), or shifted by hundreds")
    presentation = Choice(("points", "walk", "story"), base="points", role="surface",
                          help="a list of corner points, a surveyor's walk of straight legs, or a fenced field")
    units = Choice(tuple(_UNITS), base="units", role="surface", help="the length unit named")

    def generate(self, p: Params, rng: Random) -> Problem:
        poly = draw_polygon(rng, p.vertices, p.span, p.convexity)
        if p.offset == "centred":
            sx = sy = -(max(max(x for x, _ in poly), max(y for _, y in poly)) // 2)
        elif p.offset == "far":
            sx, sy = rng.randint(100, 900), rng.randint(100, 900)
        else:
            sx = sy = 0
        poly = [[x + sx, y + sy] for x, y in poly]
        if p.order == "clockwise" or (p.order == "shuffled" and rng.random() < 0.5):
            poly = poly[::-1]
        k = rng.randrange(len(poly))
        poly = poly[k:] + poly[:k]
        labels = [letter(i) for i in range(len(poly))]
        rng.shuffle(labels)  # labels[i] names boundary corner i; corners are listed alphabetically
        data = {"corners": poly, "labels": labels if p.order == "shuffled" else []}
        return Problem(self._prompt(p, data, rng), data, AnswerType.FRACTION)

    def _prompt(self, p: Params, data: dict, rng: Random) -> str:
        poly, labels = data["corners"], data["labels"]
        n, (unit, square) = len(poly), _UNITS[p.units]
        pt = lambda q: f"({q[0]}, {q[1]})"  # noqa: E731
        axes = f"x counts {unit} east and y counts {unit} north"
        if labels:
            named = sorted(zip(labels, poly, strict=True))
            listing = ", ".join(f"{name} at {pt(q)}" for name, q in named)
            cycle = ", ".join(labels) + f" and back to {labels[0]}"
        if p.presentation == "walk" and labels:
            legs = [(labels[i], labels[(i + 1) % n], _leg(poly[i], poly[(i + 1) % n], unit)) for i in range(n)]
            rng.shuffle(legs)
            body = (f"A surveyor marks out a plot with corners {', '.join(sorted(labels))} ({axes}). "
                    f"Corner {labels[0]} is at {pt(poly[0])}. The plot's "
                    f"{n} sides, listed in no particular order, each run from one corner to the next around "
                    "the boundary in one straight line (a side given as '3 east and 2 north' goes diagonally "
                    "to the point that far east and north of where it starts):\n"
                    + "\n".join(f"from {a} to {b}: {leg}" for a, b, leg in legs))
        elif p.presentation == "walk":
            body = (f"A surveyor marks out a plot by walking in straight lines ({axes}). She starts at "
                    f"{pt(poly[0])} and walks these legs in order, each in one straight line (a leg given as "
                    "'3 east and 2 north' goes diagonally to the point that far east and north of where it "
                    "starts):\n"
                    + "\n".join(f"{i + 1}. {_leg(poly[i], poly[(i + 1) % n], unit)}" for i in range(n))
                    + "\nThe last leg brings her back to the start, and each leg ends at a corner of the plot.")
        elif p.presentation == "story" and labels:
            body = (f"A farmer fences a field with straight sections between {n} posts. Measured in {unit} "
                    f"from the farmhouse ({axes}), the posts stand as follows: {listing}. The fence "
                    f"runs from post to post in the order {cycle}.")
        elif p.presentation == "story":
            body = (f"A farmer fences a field with straight sections between {n} posts. Measured in {unit} "
                    f"from the farmhouse ({axes}), the posts stand, in order along the fence, at "
                    + ", ".join(pt(q) for q in poly) + "; the fence closes from the last post back to the first.")
        elif labels:
            body = (f"A polygon has {n} corners, labelled and placed as follows ({unit}): {listing}. "
                    f"Its sides join the corners in the order {cycle}.")
        else:
            body = (f"A polygon has {n} corners, listed in order around its boundary (coordinates in {unit}): "
                    + ", ".join(pt(q) for q in poly) + ". Each corner is joined by a straight side to the "
                    "next, and the last to the first.")
        thing = {"points": "the polygon", "walk": "the plot", "story": "the field"}[p.presentation]
        return (f"{body}\nThe boundary never crosses or touches itself.\n\nWhat is the area of {thing}, in "
                f"{square}? " + AnswerType.FRACTION.sentence("the exact area", example="27/2",
                                                            example_of="an area of thirteen and a half"))

    def solve(self, problem: Problem) -> Fraction:
        return shoelace(problem.data["corners"])

    def check(self, problem: Problem, answer) -> Verdict:
        return match_fraction(answer, pick_area(problem.data["corners"]))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        poly, labels = problem.data["corners"], problem.data["labels"]
        right = shoelace(poly)
        xs, ys = [x for x, _ in poly], [y for _, y in poly]
        boundary = sum(math.gcd(poly[i][0] - poly[i - 1][0], poly[i][1] - poly[i - 1][1]) for i in range(len(poly)))
        cands = [shoelace(hull(poly))]  # the hull's area: a reflex corner ignored
        if labels:  # joined in the listed (alphabetical) order instead of the stated one
            cands.append(shoelace([q for _, q in sorted(zip(labels, poly, strict=True))]))
        cands += [2 * right, right + Fraction(boundary, 2), right + Fraction(1, 2), right - Fraction(1, 2),
                  (max(xs) - min(xs)) * (max(ys) - min(ys))]
        fr = AnswerType.FRACTION.render
        out = distinct(fr(right), (fr(c) for c in cands if c > 0))
        return out[:6] + [hedge(fr(right), fr(right + 1))]


def pick_area(poly) -> Fraction:
    """Pick's theorem: interior lattice points I and boundary lattice points B give I + B/2 - 1.
    Interior points are counted row by row between even-odd crossings of the sides."""
    n = len(poly)
    sides = [(poly[i], poly[(i + 1) % n]) for i in range(n)]
    on_boundary = set()
    for (x0, y0), (x1, y1) in sides:
        g = math.gcd(x1 - x0, y1 - y0)
        on_boundary.update((x0 + k * (x1 - x0) // g, y0 + k * (y1 - y0) // g) for k in range(g))
    interior = 0
    for y in range(min(q[1] for q in poly), max(q[1] for q in poly) + 1):
        xs = sorted(Fraction(x0) + Fraction((y - y0) * (x1 - x0), y1 - y0)
                    for (x0, y0), (x1, y1) in sides if min(y0, y1) <= y < max(y0, y1))
        for a, b in zip(xs[::2], xs[1::2], strict=True):
            inside = range(math.floor(a) + 1, math.ceil(b))
            interior += len(inside) - sum(1 for x in inside if (x, y) in on_boundary)
    return interior + Fraction(len(on_boundary), 2) - 1
