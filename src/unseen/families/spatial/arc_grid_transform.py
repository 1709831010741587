"""arc_grid_transform: infer a grid rule from example pairs (ARC style) and apply it to a new grid.

The rule is one of a stated set, or two of them applied in turn: mirror (left-right, top-bottom
or either diagonal), rotate (90, 180 or 270 degrees clockwise), scale by 2, recolour by a
one-to-one mapping, shift with wrap-around (at most 2 rows and 2 columns), gravity (coloured
cells fall to one side) and fill (empty cells enclosed away from the edge take one colour).
Generation proves the examples pin the answer down: every rule of the stated set (each single
rule with any recolouring after it, and every pair of non-recolour rules) that maps every
example input to its output gives the same test output, and for two-step rules no single rule
fits. Logic variables: ``rows``, ``cols``, ``transform`` (the first rule's kind, by
difficulty), ``depth``, ``examples`` and ``colours``. Surface: ``symbols`` (digits, letters or
colour words) and ``layout``. The label applies the rule; ``check`` re-applies it with an
independent implementation (coordinate formulas, relaxation flood fill, sorting for gravity).
"""

from __future__ import annotations

import json
from functools import cache
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
    match_grid,
    wrong,
)

_KINDS = ("mirror", "rotate", "scale", "recolour", "shift", "gravity", "fill")
_SYMBOLS = {"digits": "0 1 2 3 4 5 6 7 8 9".split(), "letters": "o A B C D E F G H I".split(),
            "words": "black red blue green yellow grey orange purple pink brown".split()}
_SHIFTS = [[dr, dc] for dr in range(-2, 3) for dc in range(-2, 3) if (dr, dc) != (0, 0)]
_SINGLES = ([["mirror", a] for a in ("lr", "ud", "main", "anti")] + [["rotate", a] for a in (90, 180, 270)]
            + [["scale", 2]] + [["shift", s] for s in _SHIFTS]
            + [["gravity", g] for g in ("down", "up", "left", "right")] + [["fill", f] for f in range(1, 10)])


def apply(grid: list[list[int]], step: list) -> list[list[int]]:
    kind, arg = step
    rows, cols = len(grid), len(grid[0])
    if kind == "mirror":
        return {"lr": lambda: [r[::-1] for r in grid], "ud": lambda: grid[::-1],
                "main": lambda: [list(c) for c in zip(*grid, strict=True)],
                "anti": lambda: [list(c)[::-1] for c in zip(*grid, strict=True)][::-1]}[arg]()
    if kind == "rotate":
        for _ in range(arg // 90):
            grid = [list(c) for c in zip(*grid[::-1], strict=True)]
        return grid
    if kind == "scale":
        return [[v for v in row for _ in range(arg)] for row in grid for _ in range(arg)]
    if kind == "recolour":
        table = dict(arg)
        return [[table.get(v, v) for v in row] for row in grid]
    if kind == "shift":
        dr, dc = arg
        return [[grid[(r - dr) % rows][(c - dc) % cols] for c in range(cols)] for r in range(rows)]
    if kind == "gravity":
        turn = {"down": 0, "left": 270, "up": 180, "right": 90}[arg]  # turn the grid so the fall is downwards
        g = apply(grid, ["rotate", turn]) if turn else grid
        stacks = [[0] * (len(g) - sum(1 for v in col if v)) + [v for v in col if v] for col in zip(*g, strict=True)]
        g = [list(row) for row in zip(*stacks, strict=True)]
        return apply(g, ["rotate", (360 - turn) % 360]) if turn else g
    # fill: empty cells not reachable from the edge through empty cells take colour arg
    seen = {(r, c) for r in range(rows) for c in range(cols) if (r in (0, rows - 1) or c in (0, cols - 1))
            and not grid[r][c]}
    todo = list(seen)
    while todo:
        r, c = todo.pop()
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < rows and 0 <= nc < cols and not grid[nr][nc] and (nr, nc) not in seen:
                seen.add((nr, nc))
                todo.append((nr, nc))
    return [[arg if not v and (r, c) not in seen else v for c, v in enumerate(row)] for r, row in enumerate(grid)]


def run(grid, steps):
    for step in steps:
        grid = apply(grid, step)
    return grid


_GATHER = ("mirror", "rotate", "scale", "shift")


@cache
def _index_map(rows: int, cols: int, step: tuple) -> tuple[int, int, tuple[int, ...]]:
    """A content-free rule as a gather: output cell i takes input cell idx[i] (found by applying
    the rule to a grid of cell numbers)."""
    out = apply([[r * cols + c for c in range(cols)] for r in range(rows)], list(step))
    return len(out), len(out[0]), tuple(v for row in out for v in row)


def _key(step) -> tuple:
    return step[0], tuple(step[1]) if isinstance(step[1], list) else step[1]


def _flat(grid) -> tuple[int, int, tuple[int, ...]]:
    return len(grid), len(grid[0]), tuple(v for row in grid for v in row)


def _step(g, step) -> tuple[int, int, tuple[int, ...]]:
    rows, cols, cells = g
    if step[0] in _GATHER:
        r, c, idx = _index_map(rows, cols, _key(step))
        return r, c, tuple(cells[j] for j in idx)
    return _flat(apply([list(cells[i * cols:(i + 1) * cols]) for i in range(rows)], step))


def one_rule_fits(pairs) -> bool:
    """Whether one rule alone (a recolouring, or one other rule) maps every example correctly."""
    for k in range(-1, len(_SINGLES)):
        table: dict[int, int] = {0: 0}
        ok = True
        for src, dst in pairs:
            got = _step(_flat(src), _SINGLES[k]) if k >= 0 else _flat(src)
            want = _flat(dst)
            if got[:2] != want[:2] or (k >= 0 and got != want) or (k < 0 and any(
                    table.setdefault(a, b) != b for a, b in zip(got[2], want[2], strict=True))):
                ok = False
                break
        if ok and (k >= 0 or len(set(table.values())) == len(table)):
            return True
    return False


def fitting_outputs(pairs, test) -> set[str] | None:
    """Test outputs of every rule of the stated set that fits every example pair: each single
    rule (or none) with any one-to-one recolouring after it, and every pair of non-recolour
    rules. None when a fitting recolouring leaves a colour of the test output unmapped."""
    srcs = [_flat(a) for a, _ in pairs]
    dsts = [_flat(b) for _, b in pairs]
    memo: dict[tuple[int, int], tuple] = {}

    def out(i: int, k: int) -> tuple:
        if (i, k) not in memo:
            memo[i, k] = _step(srcs[i], _SINGLES[k])
        return memo[i, k]

    outs: set[str] = set()
    for k in range(-1, len(_SINGLES)):  # one rule (or none), then a recolouring read off the examples
        table = {0: 0}
        for i, dst in enumerate(dsts):
            got = srcs[i] if k < 0 else out(i, k)
            if got[:2] != dst[:2] or any(table.setdefault(a, b) != b for a, b in zip(got[2], dst[2], strict=True)):
                break
        else:
            if len(set(table.values())) == len(table):
                r, c, cells = _flat(test) if k < 0 else _step(_flat(test), _SINGLES[k])
                if any(v not in table for v in cells):
                    return None
                outs.add(json.dumps([[table[v] for v in cells[j * c:(j + 1) * c]] for j in range(r)]))
    # a last step that moves or fills cells leaves its output unchanged when applied again
    last = [k for k, step in enumerate(_SINGLES) if step[0] in _GATHER or all(_step(d, step) == d for d in dsts)]
    for first in range(len(_SINGLES)):
        for second in last:
            step = _SINGLES[second]
            for i, dst in enumerate(dsts):
                mid = out(i, first)
                if step[0] in _GATHER:
                    r, c, idx = _index_map(mid[0], mid[1], _key(step))
                    if (r, c) != dst[:2] or any(mid[2][j] != v for j, v in zip(idx, dst[2], strict=True)):
                        break
                elif mid[:2] != dst[:2] or (step[0] == "fill" and any(
                        a != b and (a or b != step[1]) for a, b in zip(mid[2], dst[2], strict=True))):
                    break  # filling only turns empty cells into its colour
                elif _step(mid, step) != dst:
                    break
            else:
                r, c, cells = _step(_step(_flat(test), _SINGLES[first]), step)
                outs.add(json.dumps([list(cells[j * c:(j + 1) * c]) for j in range(r)]))
    return outs


def _grid(rng: Random, rows: int, cols: int, colours: list[int], boxes: bool) -> list[list[int]]:
    if not boxes:
        return [[rng.choice(colours) if rng.random() < 0.4 else 0 for _ in range(cols)] for _ in range(rows)]
    g = [[rng.choice(colours) if rng.random() < 0.15 else 0 for _ in range(cols)] for _ in range(rows)]
    for _ in range(rng.randint(1, 2)):
        h, w = rng.randint(3, max(3, rows - 1)), rng.randint(3, max(3, cols - 1))
        r0, c0, col = rng.randint(0, rows - h), rng.randint(0, cols - w), rng.choice(colours)
        for r in range(r0, r0 + h):
            for c in range(c0, c0 + w):
                g[r][c] = col if r in (r0, r0 + h - 1) or c in (c0, c0 + w - 1) else 0
    return g


@family("arc_grid_transform", version=1, domain="spatial", answer=AnswerType.GRID,
        purpose="Infer a grid transformation from example input/output pairs and apply it to a test grid.")
class ArcGridTransform:
    rows = IntRange(3, 10, base=4, levels=(3, 4, 6, 8, 10), help="rows of the input grids")
    cols = IntRange(3, 10, base=5, levels=(3, 5, 7, 10), help="columns of the input grids")
    transform = Choice(_KINDS, base="rotate", ordered=True, help="the kind of the (first) rule")
    depth = IntRange(1, 2, base=1, help="rules applied in turn (a second rule of another kind)")
    examples = IntRange(2, 4, base=3, help="example pairs shown")
    colours = IntRange(2, 6, base=3, help="colours other than the background in the inputs")
    symbols = Choice(tuple(_SYMBOLS), base="digits", role="surface", help="how cells are written")
    layout = Choice(("lines", "slashes", "json"), base="lines", role="surface", help="how grids are written")

    def generate(self, p: Params, rng: Random) -> Problem:
        rows, cols = p.rows, p.cols
        for _ in range(300):
            kinds = [p.transform] + ([rng.choice([k for k in _KINDS if k != p.transform])] if p.depth == 2 else [])
            rng.shuffle(kinds)
            palette = rng.sample(range(1, 10), p.colours)
            steps = [self._step(rng, k, palette) for k in kinds]
            boxes = "fill" in kinds
            grids = [_grid(rng, rows, cols, palette, boxes) for _ in range(p.examples + 1)]
            pairs = [[g, run(g, steps)] for g in grids[:-1]]
            test = grids[-1]
            if any(a == b for a, b in pairs) or run(test, steps) == test:
                continue
            fits = fitting_outputs(pairs, test)
            if fits != {json.dumps(run(test, steps))}:
                continue  # the examples leave more than one answer open (or the rule is not among those tried)
            if p.depth == 2 and one_rule_fits(pairs):
                continue  # one rule alone already explains the examples
            data = {"pairs": pairs, "test": test, "steps": steps, "symbols": _SYMBOLS[p.symbols]}
            return Problem(self._prompt(p, data), data, AnswerType.GRID)
        raise RuntimeError("no uniquely determined instance drawn")

    def _step(self, rng: Random, kind: str, palette: list[int]) -> list:
        if kind == "recolour":
            image = rng.sample([c for c in range(1, 10)], len(palette))
            while image == palette:
                image = rng.sample([c for c in range(1, 10)], len(palette))
            return ["recolour", [[a, b] for a, b in zip(palette, image, strict=True)]]
        return json.loads(json.dumps(rng.choice([s for s in _SINGLES if s[0] == kind])))

    def _show(self, grid, p: Params) -> str:
        sym = _SYMBOLS[p.symbols]
        if p.layout == "json":
            return json.dumps([[sym[v] for v in row] for row in grid])
        rows = [" ".join(sym[v] for v in row) for row in grid]
        return "\n".join(rows) if p.layout == "lines" else " / ".join(rows)

    def _prompt(self, p: Params, d: dict) -> str:
        sym = _SYMBOLS[p.symbols]
        parts = [f"Each example shows an input grid and the output grid a fixed rule makes from it. '{sym[0]}' is "
                 f"an empty cell; every other symbol is a colour. The rule is one of the following, or two of them "
                 "applied one after the other: mirror the grid (left-right, top-bottom, or across either diagonal); "
                 "rotate it by 90, 180 or 270 degrees clockwise; scale it up by 2 (each cell becomes a 2 by 2 "
                 "block); recolour it by a fixed one-to-one mapping of colours (empty cells stay empty); shift every "
                 "cell by the same number of rows and the same number of columns (at most 2 each way, in either "
                 "direction), wrapping around the edges; let every "
                 "coloured cell fall as far as it can in one direction (up, down, left or right), keeping their "
                 "order; or fill every empty cell that cannot reach the edge of the grid through empty cells "
                 "(moving up, down, left or right) with one colour."]
        for i, (src, dst) in enumerate(d["pairs"], 1):
            parts.append(f"Example {i} input:\n{self._show(src, p)}\nExample {i} output:\n{self._show(dst, p)}")
        parts.append(f"Test input:\n{self._show(d['test'], p)}")
        return "\n\n".join(parts) + "\n\nApply the same rule to the test input. " + AnswerType.GRID.sentence(
            "the output grid", example=f"{sym[1]} {sym[0]} / {sym[0]} {sym[2]}", example_of="a 2 by 2 grid")

    def solve(self, problem: Problem) -> list[list[str]]:
        sym = problem.data["symbols"]
        return [[sym[v] for v in row] for row in run(problem.data["test"], problem.data["steps"])]

    def check(self, problem: Problem, answer) -> Verdict:
        sym = problem.data["symbols"]
        index = {s.casefold(): i for i, s in enumerate(sym)}
        try:
            got = [[index[str(v).casefold()] for v in row] for row in answer]
        except KeyError as exc:
            return wrong(f"{exc.args[0]!r} is not one of the symbols")
        want = reapply(problem.data["test"], problem.data["steps"])
        return match_grid(got, want)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        sym = problem.data["symbols"]
        d = problem.data
        right = run(d["test"], d["steps"])
        flipped = [r[::-1] for r in right]
        changed = [list(r) for r in right]
        r, c = rng.randrange(len(right)), rng.randrange(len(right[0]))
        changed[r][c] = rng.choice([v for v in range(10) if v != right[r][c]])
        cands = [d["test"], flipped, right[::-1], changed, run(d["test"], d["steps"][:1])]
        show = lambda g: AnswerType.GRID.render([[sym[v] for v in row] for row in g])  # noqa: E731
        return distinct(show(right), [show(g) for g in cands if g != right])


_SOURCE = {  # output cell (r, c) of an n x m input reads input cell f(r, c, n, m)
    ("mirror", "lr"): lambda r, c, n, m: (r, m - 1 - c), ("mirror", "ud"): lambda r, c, n, m: (n - 1 - r, c),
    ("mirror", "main"): lambda r, c, n, m: (c, r), ("mirror", "anti"): lambda r, c, n, m: (n - 1 - c, m - 1 - r),
    ("rotate", 90): lambda r, c, n, m: (n - 1 - c, r), ("rotate", 180): lambda r, c, n, m: (n - 1 - r, m - 1 - c),
    ("rotate", 270): lambda r, c, n, m: (c, m - 1 - r)}


def _fill_by_relaxation(grid, colour):
    n, m = len(grid), len(grid[0])
    outside = [[(r in (0, n - 1) or c in (0, m - 1)) and not grid[r][c] for c in range(m)] for r in range(n)]
    changed = True
    while changed:
        changed = False
        for r in range(n):
            for c in range(m):
                if not outside[r][c] and not grid[r][c] and any(
                        0 <= r + dr < n and 0 <= c + dc < m and outside[r + dr][c + dc]
                        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1))):
                    outside[r][c] = changed = True
    return [[colour if not grid[r][c] and not outside[r][c] else grid[r][c] for c in range(m)] for r in range(n)]


def reapply(grid: list[list[int]], steps: list) -> list[list[int]]:
    """Independent implementation: coordinate formulas, sorting for gravity, relaxation for fill."""
    for kind, arg in steps:
        n, m = len(grid), len(grid[0])
        if kind in ("mirror", "rotate"):
            src = _SOURCE[(kind, arg)]
            rows, cols = (m, n) if arg in ("main", "anti", 90, 270) else (n, m)
            grid = [[grid[src(r, c, n, m)[0]][src(r, c, n, m)[1]] for c in range(cols)] for r in range(rows)]
        elif kind == "scale":
            grid = [[grid[r // arg][c // arg] for c in range(m * arg)] for r in range(n * arg)]
        elif kind == "recolour":
            grid = [[next((b for a, b in arg if a == v), v) for v in row] for row in grid]
        elif kind == "shift":
            out = [[0] * m for _ in range(n)]
            for r in range(n):
                for c in range(m):
                    out[(r + arg[0]) % n][(c + arg[1]) % m] = grid[r][c]
            grid = out
        elif kind == "gravity":
            vertical = arg in ("down", "up")
            lines = [[grid[r][c] for r in range(n)] for c in range(m)] if vertical else [list(row) for row in grid]
            toward_end = arg in ("down", "right")
            lines = [sorted(line, key=lambda v: (v != 0) if toward_end else (v == 0)) for line in lines]
            grid = [[lines[c][r] for c in range(m)] for r in range(n)] if vertical else lines
        else:
            grid = _fill_by_relaxation(grid, arg)
    return grid
