"""n_queens_completion: every completion found by backtracking over the board read back from the prompt
text is accepted, the reference is one of them, and a unique board has exactly one."""

from __future__ import annotations

import random
import re

from families import random_instances
from unseen import registry
from unseen.answers import parse, render
from unseen.verify import verify

FAM = registry.get("n_queens_completion")
FILES = "abcdefghij"


def read_prompt(prompt: str):
    """(n, notation, placed squares, blocked squares, scope) as (row from top, column from left), text only."""
    n = int(re.match(r"(\d+) \w+ must stand on an? (\d+) by \2 ", prompt).group(1))
    chess = "named like chess squares" in prompt
    to_rc = (lambda s: (n - int(s[1:]), FILES.index(s[0]))) if chess else \
        (lambda s: tuple(int(x) - 1 for x in re.fullmatch(r"r(\d+)c(\d+)", s).groups()))
    placed, blocked = set(), set()
    if ", top row first: " in prompt:
        mark = re.search(r"top row first: (\w) is a", prompt).group(1)
        rows = re.findall(r"^(?: *\d+|r\d+ *)  (.*)$", prompt, re.M)
        assert len(rows) == n
        for r, line in enumerate(rows):
            cells = line.split()
            assert len(cells) == n
            placed |= {(r, c) for c, x in enumerate(cells) if x == mark}
            blocked |= {(r, c) for c, x in enumerate(cells) if x == "#"}
        labels = re.findall(r"^ *(\d+)  |^(r\d+) *  ", prompt, re.M)
        assert [a or b for a, b in labels] == ([str(n - r) for r in range(n)] if chess else
                                                [f"r{r + 1}" for r in range(n)])
    else:
        placed_text = re.search(r"already placed: (.*)\.$", prompt, re.M).group(1)
        blocked_text = re.search(r"^(?:Blocked squares|Closed posts|Broken pads): (.*)\.$", prompt, re.M).group(1)
        placed = {to_rc(s) for s in placed_text.split(", ")} if placed_text != "none" else set()
        blocked = {to_rc(s) for s in blocked_text.split(", ")} if blocked_text != "none" else set()
    scope = "all" if re.search(r"giving the \w+ of all \d+ ", prompt) else "new"
    return n, chess, placed, blocked, scope


def all_completions(n: int, placed: set, blocked: set, limit: int = 10**6) -> list[list[tuple[int, int]]]:
    """Every full placement (one piece a row) extending ``placed`` and avoiding ``blocked``."""
    fixed = {r: c for r, c in placed}
    out: list = []

    def rec(r: int, cols: list[int]) -> None:
        if len(out) >= limit:
            return
        if r == n:
            out.append([(i, c) for i, c in enumerate(cols)])
            return
        for c in ([fixed[r]] if r in fixed else range(n)):
            if (r, c) in blocked:
                continue
            if all(c != c2 and abs(c - c2) != r - r2 for r2, c2 in enumerate(cols)):
                rec(r + 1, cols + [c])

    rec(0, [])
    return out


def written(n: int, chess: bool, squares) -> str:
    return render("set", [f"{FILES[c]}{n - r}" if chess else f"r{r + 1}c{c + 1}" for r, c in squares])


def test_the_prompt_alone_gives_the_completions_and_the_reference_is_one_of_them():
    uniques = 0
    for params, seed, problem in random_instances(FAM, 240, 31):
        n, chess, placed, blocked, scope = read_prompt(problem.prompt)
        assert len(placed) == n - min(params["missing"], n)
        every = all_completions(n, placed, blocked)
        assert every, (seed, params)
        answers = {written(n, chess, sq if scope == "all" else [s for s in sq if s not in placed]) for sq in every}
        reference = render(problem.answer_type, FAM.solve(problem))
        assert reference in answers, (seed, params)
        if params["unique"]:
            assert len(every) == 1, (seed, params)
            uniques += 1
        for text in sorted(answers)[:5]:  # any completion passes, not only the reference
            assert FAM.judge_text(problem, text), (seed, text)
        assert verify(FAM, problem, seed).ok
    assert uniques > 80


def test_wrong_placements_are_rejected():
    for seed in range(40):
        problem = FAM.generate({"n": 7, "missing": 4, "holes": 6, "scope": ["new", "all"][seed % 2]},
                               random.Random(seed))
        n, chess, placed, blocked, scope = read_prompt(problem.prompt)
        misses = FAM.near_misses(problem, random.Random(seed))
        assert len(misses) >= 3 and not any(FAM.judge_text(problem, m) for m in misses)
        right = parse("set", render("set", FAM.solve(problem)))
        at = {(n - int(x[1:]), FILES.index(x[0])) if chess else
              tuple(int(v) - 1 for v in re.fullmatch(r"r(\d+)c(\d+)", x).groups()): x for x in right}
        for r, c in sorted(blocked):  # a listed piece moved onto a blocked square of its own row
            mine = [sq for sq in at if sq[0] == r and sq not in placed]
            if mine:
                moved = [x for sq, x in at.items() if sq != mine[0]] + [written(n, chess, [(r, c)])]
                verdict = FAM.check(problem, moved)
                assert not verdict and "blocked" in verdict.reason
        assert not FAM.check(problem, right + ["z9" if chess else "r0c1"])


def test_a_solved_position_with_any_valid_rival_passes_without_unique():
    """Without unique, boards often have several completions; every one of them passes."""
    several = 0
    for seed in range(40):
        problem = FAM.generate({"n": 8, "missing": 6, "holes": 0}, random.Random(seed))
        n, chess, placed, blocked, scope = read_prompt(problem.prompt)
        every = all_completions(n, placed, blocked)
        several += len(every) > 1
        for sq in every:
            assert FAM.judge_text(problem, written(n, chess, [s for s in sq if s not in placed]))
    assert several > 10


def test_the_surface_leaves_the_board_unchanged():
    for seed in range(20):
        boards = set()
        for notation in ("chess", "rowcol"):
            for story in ("queens", "guards", "turrets"):
                for display in ("board", "list"):
                    problem = FAM.generate({"notation": notation, "story": story, "display": display, "unique": True},
                                           random.Random(seed))
                    n, _, placed, blocked, _ = read_prompt(problem.prompt)
                    boards.add((n, tuple(sorted(placed)), tuple(sorted(blocked))))
        assert len(boards) == 1
