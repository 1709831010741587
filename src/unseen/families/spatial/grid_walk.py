"""grid_walk: follow movement instructions on a grid with blocked cells; report the final cell.

Rows are numbered from 1 at the top, columns from 1 at the left. A step that would leave
the grid or enter a blocked cell is skipped. In the relative frame the walker has a
facing and is told to turn left, turn right or go forward one cell; turns always work.
``solve`` steps a (row, column) pair through a 2-D wall table; ``check`` replays the
moves as complex-number vectors against a separate set of blocked points.
"""

from __future__ import annotations

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
    match_sequence,
    wrong,
)

_DELTA = {"north": (-1, 0), "east": (0, 1), "south": (1, 0), "west": (0, -1)}
_COMPASS = ["north", "east", "south", "west"]  # clockwise
_AGENTS = {
    "robot": ("A cleaning robot moves across a warehouse floor divided into square tiles",
              "blocked tiles hold shelves", "the robot"),
    "rover": ("A rover explores a field divided into square plots", "blocked plots hold boulders",
              "the rover"),
    "drone": ("A delivery drone flies over a city laid out as a grid of blocks",
              "blocked cells are towers it cannot fly through", "the drone"),
}


def simulate(data: dict, walls_on: bool = True, mirror: bool = False, upto: int | None = None) -> list[int]:
    """Reference walk; the keyword switches give the careless variants used as near misses."""
    n = data["size"]
    blocked = [[False] * (n + 1) for _ in range(n + 1)]
    for r, c in data["walls"]:
        blocked[r][c] = walls_on
    r, c = data["start"]
    facing = _COMPASS.index(data["facing"]) if data["facing"] else 0
    for move in data["moves"][:upto]:
        if move in ("left", "right"):
            facing = (facing + (1 if (move == "right") != mirror else -1)) % 4
            continue
        dr, dc = _DELTA[_COMPASS[facing] if move == "forward" else move]
        if 1 <= r + dr <= n and 1 <= c + dc <= n and not blocked[r + dr][c + dc]:
            r, c = r + dr, c + dc
    return [r, c]


@family("grid_walk", version=2, domain="spatial", answer=AnswerType.SEQUENCE,
        purpose="Follow compass or turn-and-forward moves on a grid with blocked cells; give the final cell.")
class GridWalk:
    moves = IntRange(1, 40, base=10, levels=(3, 6, 10, 20, 40), role="logic", help="instructions to follow")
    grid_size = IntRange(3, 20, base=6, levels=(3, 5, 8, 12, 20), role="logic", help="rows = columns")
    walls = IntRange(0, 30, base=10, levels=(0, 5, 10, 20, 30), role="logic",
                     help="percent of cells blocked; moves into them are skipped")
    frame = Choice(("absolute", "relative"), base="absolute", ordered=True, role="logic",
                   help="compass moves, or turns and forward steps from a facing")
    agent = Choice(tuple(_AGENTS), base="robot", role="surface", help="the story of who moves")
    layout = Choice(("list", "map"), base="list", role="surface",
                    help="blocked cells as a coordinate list or a drawn map")

    def generate(self, p: Params, rng: Random) -> Problem:
        n = p.grid_size
        cells = [[r, c] for r in range(1, n + 1) for c in range(1, n + 1)]
        start = rng.choice(cells)
        free = [cell for cell in cells if cell != start]
        walls = sorted(rng.sample(free, min(len(free), round(p.walls * n * n / 100))))
        if p.frame == "absolute":
            moves = [rng.choice(_COMPASS) for _ in range(p.moves)]
            facing = ""
        else:
            moves = [rng.choice(["forward", "forward", "left", "right"]) for _ in range(p.moves)]
            facing = rng.choice(_COMPASS)
        data = {"size": n, "start": start, "walls": walls, "moves": moves, "facing": facing}
        return Problem(self._prompt(p, data), data, AnswerType.SEQUENCE)

    def _prompt(self, p: Params, data: dict) -> str:
        n, (sr, sc) = data["size"], data["start"]
        story, blocked, who = _AGENTS[p.agent]
        lines = [f"{story}: {n} rows by {n} columns. Rows are numbered 1 to {n} from top to bottom and "
                 f"columns 1 to {n} from left to right; a cell is written (row, column). North is up "
                 "(towards row 1), south is down, east is right (towards higher columns), west is left."]
        if not data["walls"]:
            lines.append("No cells are blocked.")
        elif p.layout == "list":
            lines.append(f"Some cells are blocked ({blocked}): "
                         + ", ".join(f"({r}, {c})" for r, c in data["walls"]) + ".")
        else:
            wall = {(r, c) for r, c in data["walls"]}
            rows = ["".join("#" if (r, c) in wall else "S" if [r, c] == data["start"] else "."
                            for c in range(1, n + 1)) for r in range(1, n + 1)]
            lines.append(f"Map, top row first, '#' = blocked ({blocked}), '.' = free, "
                         "'S' = start:\n" + "\n".join(rows))
        start = f"{who[0].upper() + who[1:]} starts at ({sr}, {sc})"
        if p.frame == "absolute":
            lines.append(f"{start}. Each instruction moves it one cell in the compass direction named.")
            steps = [f"go {m}" for m in data["moves"]]
        else:
            lines.append(f"{start}, facing {data['facing']}. 'forward' moves it one cell in the direction it "
                         "faces; 'turn left' and 'turn right' rotate it 90 degrees on the spot.")
            steps = [m if m == "forward" else f"turn {m}" for m in data["moves"]]
        lines.append("If a move would take it off the grid or into a blocked cell, that move is skipped "
                     "and it stays where it is" + (" (turns always succeed)." if data["facing"] else "."))
        lines.append("Instructions, in order: " + ", ".join(steps) + ".")
        lines.append(f"In which cell does {who} end? "
                     + AnswerType.SEQUENCE.sentence("its row number and then its column number", example="2, 5"))
        return "\n\n".join(lines)

    def solve(self, problem: Problem) -> list[str]:
        return [str(v) for v in simulate(problem.data)]

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        blocked = {complex(c, -r) for r, c in d["walls"]}  # x = column, y = -row (north is +y)
        heading = {"north": 1j, "east": 1, "south": -1j, "west": -1, "": 1j}
        pos, face = complex(d["start"][1], -d["start"][0]), heading[d["facing"]]
        for move in d["moves"]:
            if move == "left":
                face *= 1j
            elif move == "right":
                face *= -1j
            else:
                nxt = pos + (face if move == "forward" else heading[move])
                if 1 <= nxt.real <= d["size"] and 1 <= -nxt.imag <= d["size"] and nxt not in blocked:
                    pos = nxt
        want = [str(int(-pos.imag)), str(int(pos.real))]
        if len(answer) != 2:
            return wrong(f"expected two numbers, got {len(answer)} items")
        try:
            got = [str(int(a)) for a in answer]
        except ValueError:
            return wrong(f"{answer!r} is not two whole numbers")
        return match_sequence(got, want)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = simulate(d)
        cands = [simulate(d, walls_on=False), simulate(d, upto=len(d["moves"]) - 1), right[::-1]]
        if d["facing"]:
            cands.append(simulate(d, mirror=True))
        r, c = right
        step = [r + 1, c] if r < d["size"] else [r - 1, c]
        out = [f"{a}, {b}" for a, b in cands]
        out.append(hedge(f"{r}, {c}", "{}, {}".format(*step)))
        out.append("{}, {}".format(*step))
        return distinct(f"{r}, {c}", out)[:5]
