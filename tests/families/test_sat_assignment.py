"""sat_assignment: a DPLL written here, run on the clauses read back from the prompt, agrees with the label."""

from __future__ import annotations

import random
import re

from families import random_instances
from unseen import registry
from unseen.answers import parse, render
from unseen.verify import verify

FAM = registry.get("sat_assignment")


def read_formula(prompt: str) -> tuple[list[str], list[list[tuple[str, bool]]]]:
    """The variable names and the clauses as (name, positive) literals, from the prompt text alone."""
    head = re.search(r"Each of the (\d+) variables (.+?) is either true or false\.", prompt)
    names = head.group(2).split(", ")
    assert len(names) == int(head.group(1))
    clauses = []
    if "DIMACS" in prompt:
        legend = dict(re.findall(r"(\d+) = (\w+)", re.search(r"Variable numbers stand for: (.*)\.", prompt).group(1)))
        header = re.search(r"^p cnf (\d+) (\d+)$", prompt, re.M)
        for line in re.findall(r"^(-?\d+(?: -?\d+)*) 0$", prompt, re.M):
            clauses.append([(legend[str(abs(int(t)))], int(t) > 0) for t in line.split()])
        assert int(header.group(1)) == len(names) and int(header.group(2)) == len(clauses)
    elif "∨ for 'or'" in prompt:
        for line in re.findall(r"^(?:  |∧ )\((.*)\)$", prompt, re.M):
            clauses.append([(t.lstrip("¬"), not t.startswith("¬")) for t in line.split(" ∨ ")])
    else:
        for line in re.findall(r"^Clause \d+: (.*)$", prompt, re.M):
            clauses.append([(t.removeprefix("not "), not t.startswith("not ")) for t in line.split(" or ")])
    assert clauses and all(x in names for c in clauses for x, _ in c)
    return names, clauses


def dpll(clauses: list[list[tuple[str, bool]]], values: dict[str, bool] | None = None) -> dict[str, bool] | None:
    """A plain DPLL: unit propagation, then branch on the first unassigned variable."""
    values = dict(values or {})
    while True:
        unit = None
        for c in clauses:
            if any(values.get(x) == pos for x, pos in c):
                continue
            open_ = [(x, pos) for x, pos in c if x not in values]
            if not open_:
                return None
            if len(open_) == 1:
                unit = open_[0]
                break
        if unit is None:
            break
        values[unit[0]] = unit[1]
    free = [x for c in clauses for x, _ in c if x not in values]
    if not free:
        return values
    for guess in (True, False):
        found = dpll(clauses, {**values, free[0]: guess})
        if found is not None:
            return found
    return None


def satisfies(true: set[str], clauses) -> bool:
    return all(any((x in true) == pos for x, pos in c) for c in clauses)


def test_the_prompt_alone_decides_the_answer():
    outcomes = set()
    for params, seed, problem in random_instances(FAM, 240, 5):
        names, clauses = read_formula(problem.prompt)
        reference = render("set", FAM.solve(problem))
        model = dpll(clauses)
        outcomes.add(model is None)
        if model is None:
            assert reference == "none", (seed, params)
        else:
            assert reference != "none", (seed, params)
            assert satisfies(set(parse("set", reference)), clauses), (seed, params)
            mine = render("set", sorted(x for x, v in model.items() if v))
            assert FAM.judge_text(problem, mine), (seed, params, mine)  # any satisfying assignment passes
        result = verify(FAM, problem, seed)
        assert result.ok, (seed, params, result.reason)
        for miss in result.near_misses:
            assert not FAM.judge_text(problem, miss)
    assert outcomes == {True, False}


def test_both_outcomes_occur_at_the_base_setting():
    unsat = sum(FAM.solve(FAM.generate({}, random.Random(s))) == ["none"] for s in range(300))
    assert 0.3 * 300 <= unsat <= 0.5 * 300, unsat  # neither outcome over two thirds


def test_all_false_never_satisfies_so_none_only_means_unsatisfiable():
    for params, _seed, problem in random_instances(FAM, 150, 9):
        _, clauses = read_formula(problem.prompt)
        assert any(all(pos for _, pos in c) for c in clauses), params
        assert not satisfies(set(), clauses)


def test_another_model_passes_and_broken_ones_fail():
    hits = 0
    for seed in range(60):
        problem = FAM.generate({"variables": 8, "density": 70}, random.Random(seed))
        names, clauses = read_formula(problem.prompt)
        first = dpll(clauses)
        if first is None:
            assert FAM.judge_text(problem, "none")
            assert not FAM.judge_text(problem, ", ".join(names))
            continue
        assert not FAM.judge_text(problem, "none")
        true = {x for x, v in first.items() if v}
        blocked = clauses + [[(x, not first.get(x, False)) for x in names]]
        second = dpll(blocked)
        if second is not None:
            hits += 1
            other = {x for x, v in second.items() if v}
            assert other and other != true and FAM.judge_text(problem, ", ".join(sorted(other)))
        broken = next((true ^ {x} for x in names if not satisfies(true ^ {x}, clauses)), None)
        if broken:
            assert not FAM.judge_text(problem, ", ".join(sorted(broken)) or "none")
        assert not FAM.judge_text(problem, ", ".join(sorted(true | {"z99"})))
    assert hits > 20


def test_surface_variables_only_retell_the_same_clauses():
    for seed in range(30):
        told = set()
        for notation in FAM.variable("notation").domain:
            for order in FAM.variable("order").domain:
                problem = FAM.generate({"notation": notation, "order": order, "naming": "indexed"},
                                       random.Random(seed))
                _, clauses = read_formula(problem.prompt)
                told.add(frozenset(frozenset(c) for c in clauses))
        assert len(told) == 1, seed
