"""shape_rotation: a shape of filled grid cells after a sequence of rotations and flips.

A polyomino (or, with ``connected`` off, a scatter of cells) is drawn; it is rotated by 90
degrees either way or 180 degrees and flipped left-right or upside down, in a stated order.
The answer is the resulting shape drawn in its bounding box as rows of 1 (filled) and 0
(empty), or, when asked to choose, the letter of the one listed shape that equals it (the
others are other orientations or near copies; no two listed shapes are equal up to
translation). Logic variables: ``cells``, ``operations``, ``reflections`` (how many of the
operations are flips), ``connected``, ``ask`` and ``options`` (shapes listed when choosing).
Surface: ``symbols``, ``story`` and ``phrasing`` (degrees, turns, or where a side ends up).
The label multiplies integer 2x2 matrices and applies the product to the cells; ``check``
replays the operations on a drawn grid (zip and reversal) and compares cell sets after moving
both to the top-left corner, so a padded drawing is read the same.
"""

from __future__ import annotations

from random import Random

from unseen.author import (
    AnswerType,
    Choice,
    Flag,
    IntRange,
    Params,
    Problem,
    Verdict,
    distinct,
    family,
    hedge,
    match_string,
    wrong,
)

_MATRIX = {"cw": ((0, 1), (-1, 0)), "ccw": ((0, -1), (1, 0)), "half": ((-1, 0), (0, -1)),
           "lr": ((1, 0), (0, -1)), "ud": ((-1, 0), (0, 1))}
_SYMBOLS = {"hash": ("#", "."), "xo": ("X", "O"), "blocks": ("█", "░")}
_PHRASES = {
    "degrees": {"cw": "Rotate it 90 degrees clockwise.", "ccw": "Rotate it 90 degrees counterclockwise.",
                "half": "Rotate it 180 degrees.", "lr": "Flip it left to right (mirror it in a vertical line).",
                "ud": "Flip it upside down (mirror it in a horizontal line)."},
    "turns": {"cw": "Give it a quarter turn clockwise.", "ccw": "Give it a quarter turn anticlockwise.",
              "half": "Give it a half turn.", "lr": "Turn it over sideways, so that left and right swap.",
              "ud": "Turn it over top to bottom, so that top and bottom swap."},
    "sides": {"cw": "Rotate it so that its top side now faces right.",
              "ccw": "Rotate it so that its top side now faces left.",
              "half": "Rotate it so that its top side now faces down.",
              "lr": "Mirror it so that its left side and its right side trade places (top stays on top).",
              "ud": "Mirror it so that its top side and its bottom side trade places (left stays on the left)."},
}
_STORIES = {"plain": "A shape made of filled cells is drawn on a square grid",
            "tile": "A flat puzzle tile is cut out along the lines of a square grid"}


def normal(cells) -> list[list[int]]:
    """The cells moved so that the top row and the leftmost column are 0, sorted."""
    r0, c0 = min(r for r, _ in cells), min(c for _, c in cells)
    return sorted([r - r0, c - c0] for r, c in cells)


def draw(cells) -> list[list[int]]:
    cells = normal(cells)
    rows, cols = max(r for r, _ in cells) + 1, max(c for _, c in cells) + 1
    return [[int([r, c] in cells) for c in range(cols)] for r in range(rows)]


def transform(cells, ops) -> list[list[int]]:
    """Reference: the product of the operations' matrices applied to every cell (r down, c right)."""
    m = ((1, 0), (0, 1))
    for op in ops:
        a = _MATRIX[op]
        m = tuple(tuple(sum(a[i][k] * m[k][j] for k in range(2)) for j in range(2)) for i in range(2))
    return normal([[m[0][0] * r + m[0][1] * c, m[1][0] * r + m[1][1] * c] for r, c in cells])


def replay(cells, ops) -> list[list[int]]:
    """Independent: the drawing itself turned with zip and reversed rows, then read back."""
    grid = draw(cells)
    for op in ops:
        if op == "cw":
            grid = [list(row) for row in zip(*grid[::-1], strict=True)]
        elif op == "ccw":
            grid = [list(row) for row in zip(*grid, strict=True)][::-1]
        elif op == "half":
            grid = [row[::-1] for row in grid[::-1]]
        elif op == "lr":
            grid = [row[::-1] for row in grid]
        else:
            grid = grid[::-1]
    return normal([[r, c] for r, row in enumerate(grid) for c, v in enumerate(row) if v])


def grow(rng: Random, n: int, connected: bool) -> list[list[int]]:
    if not connected:
        side = max(2, round((2 * n) ** 0.5))
        cells = rng.sample([[r, c] for r in range(side) for c in range(side)], n)
        return normal(cells)
    cells = [[0, 0]]
    while len(cells) < n:
        r, c = rng.choice(cells)
        dr, dc = rng.choice(((1, 0), (-1, 0), (0, 1), (0, -1)))
        if [r + dr, c + dc] not in cells:
            cells.append([r + dr, c + dc])
    return normal(cells)


@family("shape_rotation", version=1, domain="spatial", answer=(AnswerType.GRID, AnswerType.STRING),
        purpose="Rotate and flip a shape of grid cells in a stated order; draw the result or pick it from a list.")
class ShapeRotation:
    cells = IntRange(3, 16, base=6, levels=(3, 5, 6, 8, 12, 16), help="filled cells in the shape")
    operations = IntRange(1, 12, base=3, levels=(1, 2, 3, 5, 8, 12), help="rotations and flips applied")
    reflections = IntRange(0, 4, base=1, help="how many of the operations are flips (at most all of them)")
    connected = Flag(base=True, help="the cells form one piece (else a scatter of cells)")
    ask = Choice(("draw", "choose"), base="draw", help="draw the result, or pick it from listed shapes")
    options = IntRange(3, 6, base=4, help="shapes listed when choosing")
    symbols = Choice(tuple(_SYMBOLS), base="hash", role="surface", help="how filled and empty cells are drawn")
    story = Choice(tuple(_STORIES), base="plain", role="surface", help="what the shape is")
    phrasing = Choice(tuple(_PHRASES), base="degrees", role="surface", help="how each operation is worded")

    def generate(self, p: Params, rng: Random) -> Problem:
        for _ in range(200):
            shape = grow(rng, p.cells, p.connected)
            flips = min(p.reflections, p.operations)
            kinds = ["flip"] * flips + ["turn"] * (p.operations - flips)
            rng.shuffle(kinds)
            ops = [rng.choice(("lr", "ud")) if k == "flip" else rng.choice(("cw", "ccw", "half")) for k in kinds]
            result = transform(shape, ops)
            if result == shape:
                continue  # the operations leave this shape as it was: "unchanged" must never be the answer
            data = {"shape": shape, "ops": ops, "ask": p.ask, "options": []}
            if p.ask == "choose":
                options = self._options(rng, shape, result, p.options)
                if options is None:
                    continue
                data["options"] = options
            return Problem(self._prompt(p, data), data, AnswerType.GRID if p.ask == "draw" else AnswerType.STRING)
        raise RuntimeError("no shape with enough distinct look-alikes drawn")

    def _options(self, rng: Random, shape, result, k: int):
        """The result and k - 1 other shapes: its other orientations first, then near copies."""
        seen = [result]
        pool = [transform(result, [a, b]) for a in ("cw", "ccw", "half", "lr", "ud") for b in ("cw", "lr")]
        rng.shuffle(pool)
        for _ in range(60):
            moved = [list(c) for c in result]
            i = rng.randrange(len(moved))
            r, c = rng.choice(moved)
            moved[i] = [r + rng.choice((-1, 1)), c] if rng.random() < 0.5 else [r, c + rng.choice((-1, 1))]
            if len({tuple(x) for x in moved}) == len(moved):
                pool.append(transform(moved, [rng.choice(("cw", "ccw", "half", "lr"))]))
        for cand in pool:
            if len(seen) == k:
                break
            if cand not in seen:
                seen.append(cand)
        if len(seen) < k:
            return None
        rng.shuffle(seen)
        return seen

    def _picture(self, cells, p: Params) -> str:
        on, off = _SYMBOLS[p.symbols]
        return "\n".join("".join(on if v else off for v in row) for row in draw(cells))

    def _prompt(self, p: Params, d: dict) -> str:
        on, off = _SYMBOLS[p.symbols]
        lines = [f"{_STORIES[p.story]}. In the drawings below '{on}' is a filled cell and '{off}' an empty one; "
                 "each drawing shows the shape in its bounding box, top row first.",
                 "The shape:\n" + self._picture(d["shape"], p),
                 "Apply these operations in order, each to the result of the previous one:\n"
                 + "\n".join(f"{i}. {_PHRASES[p.phrasing][op]}" for i, op in enumerate(d["ops"], 1))]
        if d["ask"] == "draw":
            lines.append("Draw the shape you end up with, in its bounding box. " + AnswerType.GRID.sentence(
                "the drawing with 1 for a filled cell and 0 for an empty one", example="1 1 / 0 1",
                example_of="a shape of three cells filling all but the bottom-left cell of a 2 by 2 box"))
        else:
            for i, cells in enumerate(d["options"]):
                lines.append(f"Shape {'ABCDEF'[i]}:\n" + self._picture(cells, p))
            lines.append("Which listed shape is the one you end up with (the same cells, shifted but not turned "
                         "or flipped)? " + AnswerType.STRING.sentence("the shape's letter", example="B"))
        return "\n\n".join(lines)

    def solve(self, problem: Problem):
        d = problem.data
        result = transform(d["shape"], d["ops"])
        if d["ask"] == "draw":
            return [[str(v) for v in row] for row in draw(result)]
        return "ABCDEF"[d["options"].index(result)]

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        want = replay(d["shape"], d["ops"])
        if d["ask"] == "choose":
            picks = [letter for letter, cells in zip("ABCDEF", d["options"], strict=False) if normal(cells) == want]
            return match_string(answer, picks[0]) if len(picks) == 1 else wrong("no single listed shape matches")
        if not answer or any(len(row) != len(answer[0]) for row in answer):
            return wrong("the drawing's rows differ in length")
        if any(str(v) not in ("0", "1") for row in answer for v in row):
            return wrong("cells must be 1 or 0")
        got = [[r, c] for r, row in enumerate(answer) for c, v in enumerate(row) if str(v) == "1"]
        return Verdict(bool(got) and normal(got) == want, "" if got and normal(got) == want else "a different shape")

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = transform(d["shape"], d["ops"])
        if d["ask"] == "choose":
            letter = self.solve(problem)
            others = [x for x in "ABCDEF"[:len(d["options"])] if x != letter]
            return distinct(letter, [others[0], others[-1], hedge(letter, others[0])])
        swapped = [{"cw": "ccw", "ccw": "cw"}.get(op, op) for op in d["ops"]]  # turning the wrong way
        r, c = max(right)
        cands = [transform(d["shape"], swapped), transform(right, ["lr"]), normal(d["shape"]),
                 transform(d["shape"], d["ops"][:-1]), normal(right + [[r + 1, c]])]  # the last: one cell too many
        render = AnswerType.GRID.render
        show = lambda cells: render([[str(v) for v in row] for row in draw(cells)])  # noqa: E731
        return distinct(show(right), [show(c) for c in cands if c != right])
