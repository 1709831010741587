"""futoshiki: a backtracking solver over the board read back from the prompt text finds exactly
one solution, and it is the reference."""

from __future__ import annotations

import random
import re

from families import random_instances
from unseen import registry
from unseen.answers import parse, render
from unseen.verify import verify

FAM = registry.get("futoshiki")


def read_prompt(prompt: str):
    """(n, symbols, givens {(r, c): v}, signs [((r1, c1), (r2, c2))] meaning first < second), text only."""
    n = int(re.search(r"Fill the (\d) by \1 grid", prompt).group(1))
    letters = re.search(r"ordered alphabetically \(([A-G](?: < [A-G])*)\)", prompt)
    sym = letters.group(1).split(" < ") if letters else [str(i) for i in range(1, n + 1)]
    assert len(sym) == n
    givens, less = {}, []
    if "The board, top row first." in prompt:
        board = prompt.split("\n\n")[2].split("\n")
        assert len(board) == 2 * n - 1
        for i, line in enumerate(board):
            line = line.ljust(4 * n)
            if i % 2 == 0:
                r = i // 2
                for c in range(n):
                    assert line[4 * c] == "." or line[4 * c] in sym
                    if line[4 * c] != ".":
                        givens[r, c] = sym.index(line[4 * c])
                    if c < n - 1 and line[4 * c + 2] in "<>":
                        pair = ((r, c), (r, c + 1))
                        less.append(pair if line[4 * c + 2] == "<" else pair[::-1])
                assert set(line) <= set(sym) | set(" .<>")
            else:
                r = i // 2
                if line.strip() == "-":
                    continue
                assert set(line) <= set(" ^v")
                for c in range(n):
                    if line[4 * c] in "^v":
                        pair = ((r, c), (r + 1, c))
                        less.append(pair if line[4 * c] == "^" else pair[::-1])
    else:
        filled = re.search(r"^Filled cells: (.*)\.$", prompt, re.M).group(1)
        for r, c, v in re.findall(r"\((\d), (\d)\) = (\w)", filled):
            givens[int(r) - 1, int(c) - 1] = sym.index(v)
        signs = re.search(r"^Signs: (.*)\.$", prompt, re.M).group(1)
        for r1, c1, op, r2, c2 in re.findall(r"\((\d), (\d)\) ([<>]) \((\d), (\d)\)", signs):
            a, b = (int(r1) - 1, int(c1) - 1), (int(r2) - 1, int(c2) - 1)
            assert abs(a[0] - b[0]) + abs(a[1] - b[1]) == 1, "signs join neighbours"
            less.append((a, b) if op == "<" else (b, a))
    return n, sym, givens, less


def solutions(n: int, givens: dict, less: list, limit: int = 2) -> list[list[list[int]]]:
    """All solutions up to ``limit``: domains, propagation (a placed value leaves its row and column;
    a sign bounds both cells) and branching on the cell with the fewest candidates."""
    cells = [(r, c) for r in range(n) for c in range(n)]
    peers = {x: [y for y in cells if y != x and (y[0] == x[0] or y[1] == x[1])] for x in cells}
    found: list = []

    def propagate(dom: dict) -> bool:
        changed = True
        while changed:
            changed = False
            for x in cells:
                if len(dom[x]) == 1:
                    v = next(iter(dom[x]))
                    for y in peers[x]:
                        if v in dom[y]:
                            dom[y] = dom[y] - {v}
                            changed = True
            for a, b in less:
                if not dom[a] or not dom[b]:
                    return False
                na = {v for v in dom[a] if v < max(dom[b])}
                nb = {v for v in dom[b] if v > min(dom[a])}
                if na != dom[a] or nb != dom[b]:
                    dom[a], dom[b], changed = na, nb, True
            if any(not dom[x] for x in cells):
                return False
        return True

    def rec(dom: dict) -> None:
        if len(found) >= limit or not propagate(dom):
            return
        open_cells = [x for x in cells if len(dom[x]) > 1]
        if not open_cells:
            grid = [[next(iter(dom[r, c])) for c in range(n)] for r in range(n)]
            assert all(len(set(row)) == n for row in grid) and all(len({row[c] for row in grid}) == n for c in range(n))
            assert all(grid[a[0]][a[1]] < grid[b[0]][b[1]] for a, b in less)
            found.append(grid)
            return
        x = min(open_cells, key=lambda y: len(dom[y]))
        for v in sorted(dom[x]):
            rec({**dom, x: {v}})

    rec({x: {givens[x]} if x in givens else set(range(n)) for x in cells})
    return found


def test_the_prompt_alone_gives_exactly_one_solution_the_reference():
    for params, seed, problem in random_instances(FAM, 220, 5):
        n, sym, givens, less = read_prompt(problem.prompt)
        found = solutions(n, givens, less)
        assert len(found) == 1, (seed, params)
        mine = render("grid", [[sym[v] for v in row] for row in found[0]])
        assert mine == render(problem.answer_type, FAM.solve(problem)), (seed, params)
        assert verify(FAM, problem, seed).ok


def test_near_misses_are_rejected_and_letters_read_in_any_case():
    for seed in range(30):
        problem = FAM.generate({"symbols": "letters", "size": 4 + seed % 4}, random.Random(seed))
        right = render("grid", FAM.solve(problem))
        assert FAM.judge_text(problem, right.lower())
        misses = FAM.near_misses(problem, random.Random(seed))
        assert len(misses) >= 2
        assert not any(FAM.judge_text(problem, m) for m in misses)


def test_a_relabelled_latin_square_that_keeps_the_givens_breaks_a_sign():
    """Swapping two symbols everywhere keeps rows and columns Latin; where the givens hold neither
    symbol, only the signs can reject it, and they must."""
    tried = 0
    for seed in range(60):
        problem = FAM.generate({"size": 6, "givens": 0, "prune": True}, random.Random(seed))
        d = problem.data
        grid = parse("grid", render("grid", FAM.solve(problem)))
        held = {d["symbols"][v] for _, _, v in d["givens"]}
        free = [s for s in d["symbols"] if s not in held]
        for a, b in ((free[i], free[j]) for i in range(len(free)) for j in range(i + 1, len(free))):
            swapped = [[b if x == a else a if x == b else x for x in row] for row in grid]
            verdict = FAM.check(problem, swapped)
            assert not verdict and "sign" in verdict.reason
            tried += 1
    assert tried > 40


def test_pruned_puzzles_need_every_clue():
    for seed in range(25):
        problem = FAM.generate({"size": 5, "prune": True, "layout": "list"}, random.Random(seed))
        n, _, givens, less = read_prompt(problem.prompt)
        assert len(solutions(n, givens, less)) == 1
        for cell in givens:
            assert len(solutions(n, {k: v for k, v in givens.items() if k != cell}, less)) == 2, seed
        for i in range(len(less)):
            assert len(solutions(n, givens, less[:i] + less[i + 1:])) == 2, seed


def test_the_surface_leaves_the_solution_unchanged():
    for seed in range(20):
        grids = set()
        for layout in ("board", "list"):
            for symbols in ("digits", "letters"):
                problem = FAM.generate({"layout": layout, "symbols": symbols}, random.Random(seed))
                sym = problem.data["symbols"]
                grids.add(str([[sym.index(x) for x in row] for row in FAM.solve(problem)]))
        assert len(grids) == 1
