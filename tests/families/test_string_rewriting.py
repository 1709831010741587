"""string_rewriting: rewriting the start string by the rules read back from the prompt text alone
gives the reference."""

from __future__ import annotations

import random
import re
import statistics

from families import random_instances
from unseen import registry
from unseen.verify import verify

FAM = registry.get("string_rewriting")


def read_prompt(prompt: str) -> tuple[str, list[tuple[str, str]], int | None]:
    """(start, rules in order, steps asked or None when asked where it stops)."""
    start = re.search(r"^Start: ([a-f]+)$", prompt, re.M).group(1)
    rules = []
    for line in re.findall(r"^\d+\. (.+)$", prompt, re.M):
        m = (re.fullmatch(r"([a-f]+) -> ([a-f]+|\(nothing\))", line)
             or re.fullmatch(r"Replace ([a-f]+) with ([a-f]+)\.", line) or re.fullmatch(r"Delete ([a-f]+)\.", line))
        assert m, line
        lhs, rhs = (m.groups() + ("",))[:2]
        rules.append((lhs, "" if rhs == "(nothing)" else rhs))
    asked = re.search(r"What is the string after (\d+) steps?\?", prompt)
    if asked is None:
        assert "What is the string when it stops?" in prompt
    return start, rules, int(asked.group(1)) if asked else None


def rewrite_once(s: str, rules: list[tuple[str, str]]) -> tuple[str, int] | None:
    """Scan the rules in order; for the first that occurs, the earliest position where it does."""
    for lhs, rhs in rules:
        for i in range(len(s) - len(lhs) + 1):
            if s[i:i + len(lhs)] == lhs:
                hits = sum(s[j:j + len(lhs)] == lhs for j in range(len(s)))
                others = sum(any(s[j:j + len(x)] == x for j in range(len(s))) for x, _ in rules)
                return s[:i] + rhs + s[i + len(lhs):], int(hits > 1 or others > 1)
    return None


def run(start: str, rules, steps: int | None) -> tuple[str, int, int]:
    """(final string, steps done, steps where order or position mattered)."""
    s, done, torn = start, 0, 0
    while steps is None or done < steps:
        nxt = rewrite_once(s, rules)
        if nxt is None:
            break
        s, done, torn = nxt[0], done + 1, torn + nxt[1]
        assert done < 1000
    return s, done, torn


def test_the_prompt_alone_gives_the_reference_answer():
    for params, seed, problem in random_instances(FAM, 300, 37):
        start, rules, steps = read_prompt(problem.prompt)
        assert len({lhs for lhs, _ in rules}) == len(rules) <= params["rules"]
        got, done, _ = run(start, rules, steps)
        assert got and got == FAM.solve(problem), (seed, params)
        assert verify(FAM, problem, seed).ok
        if steps is not None:
            assert steps == params["steps"]


def test_asked_processes_do_stop_and_asked_steps_usually_happen():
    stopped_early = 0
    for _params, _seed, problem in random_instances(FAM, 200, 4):
        start, rules, steps = read_prompt(problem.prompt)
        _, done, _ = run(start, rules, None if steps is None else steps + 1)
        assert done >= 1
        if steps is None:
            assert rewrite_once(run(start, rules, None)[0], rules) is None
        else:
            stopped_early += done < steps
    assert stopped_early < 30


def test_conflicts_raise_the_share_of_steps_where_order_or_position_matters():
    shares = {}
    for level in ("few", "some", "many"):
        values = []
        for seed in range(60):
            problem = FAM.generate({"conflicts": level, "steps": 8, "rules": 4}, random.Random(seed))
            start, rules, steps = read_prompt(problem.prompt)
            _, done, torn = run(start, rules, steps)
            values.append(torn / done)
        shares[level] = statistics.mean(values)
    assert shares["few"] + 0.15 < shares["some"] < shares["many"] - 0.15, shares


def test_surface_leaves_the_answer_unchanged_and_near_misses_fail():
    for seed in range(30):
        answers = set()
        for story in FAM.variable("story").domain:
            for notation in FAM.variable("notation").domain:
                for ask in ("after", "halt"):
                    problem = FAM.generate({"story": story, "notation": notation, "ask": ask}, random.Random(seed))
                    answers.add((ask, FAM.solve(problem)))
                    misses = FAM.near_misses(problem, random.Random(seed))
                    assert len(misses) >= 2 and not any(FAM.judge_text(problem, m) for m in misses)
        assert len(answers) == 2
