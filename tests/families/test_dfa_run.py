"""dfa_run: simulating the automaton read back from the prompt text alone gives the reference."""

from __future__ import annotations

import random
import re

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("dfa_run")


def read_automaton(prompt: str):
    """(moves {(state, symbol): state}, start, accepting, states, symbols) from the text alone."""
    symbols = re.search(r"Its symbols are ([a-d, ]+);", prompt).group(1).split(", ")
    states = re.search(r"its states are ([\w, ]+)\. It starts", prompt).group(1).split(", ")
    start = re.search(r"It starts in state (\w+)\.", prompt).group(1)
    good = re.search(r"The (?:accepting states are|only accepting state is) ([\w, ]+)\.", prompt).group(1)
    moves: dict[tuple[str, str], str] = {}
    if "Transition table" in prompt:
        rows = [line.split("|") for line in prompt.split("\n") if line.count("|") == len(symbols)]
        head = [c.strip() for c in rows[0]]
        assert head[0] == "state" and head[1:] == symbols
        for row in rows[1:]:
            cells = [c.strip() for c in row]
            moves.update({(cells[0], c): t for c, t in zip(symbols, cells[1:], strict=True)})
    elif "--" in prompt:
        moves = {(a, c): b for a, c, b in re.findall(r"^(\w+) --([a-d])--> (\w+)$", prompt, re.M)}
    else:
        for state, rest in re.findall(r"^In state (\w+), (.*)\.$", prompt, re.M):
            for c, how, t in re.findall(r"reading ([a-d]) (stays in|moves to) (\w+)", rest):
                assert (how == "stays in") == (t == state)
                moves[state, c] = t
    assert len(moves) == len(states) * len(symbols)
    return moves, start, set(good.split(", ")), states, symbols


def answer_from_prompt(prompt: str) -> str:
    moves, start, good, _, _ = read_automaton(prompt)

    def end(word: str) -> str:
        state = start
        for c in word:
            state = moves[state, c]
        return state

    listed = re.findall(r"^- ([a-d]+)$", prompt, re.M)
    if listed:
        assert "How many of them are accepted?" in prompt
        return str(sum(end(w) in good for w in listed))
    word = re.search(r"reads the input ([a-d]+) from its start state", prompt).group(1)
    if "Is the input accepted?" in prompt:
        return "true" if end(word) in good else "false"
    assert "In which state does it end?" in prompt
    return end(word)


def test_the_prompt_alone_gives_the_reference_answer():
    asks = set()
    for params, seed, problem in random_instances(FAM, 300, 29):
        got = answer_from_prompt(problem.prompt)
        assert got == render(problem.answer_type, FAM.solve(problem)), (seed, params)
        assert verify(FAM, problem, seed).ok
        asks.add(params["ask"])
        if params["ask"] != "count":
            assert len(re.search(r"reads the input ([a-d]+) ", problem.prompt).group(1)) == params["length"]
    assert asks == {"final", "accepted", "count"}


def test_every_state_is_reachable_and_listed_strings_are_distinct():
    for params, seed, problem in random_instances(FAM, 150, 2, lambda r: {"ask": "count"}):
        moves, start, good, states, _ = read_automaton(problem.prompt)
        seen, todo = {start}, [start]
        while todo:
            u = todo.pop()
            for (a, _), b in moves.items():
                if a == u and b not in seen:
                    seen.add(b)
                    todo.append(b)
        assert seen == set(states) and good <= seen and good != seen, (seed, params)
        listed = re.findall(r"^- ([a-d]+)$", problem.prompt, re.M)
        assert len(listed) == len(set(listed)) and all(len(w) <= params["length"] for w in listed)


def test_surface_leaves_the_answer_unchanged_and_near_misses_fail():
    for seed in range(30):
        for ask in ("final", "accepted", "count"):
            answers = set()
            for rep in FAM.variable("representation").domain:
                for names in FAM.variable("names").domain:
                    problem = FAM.generate({"representation": rep, "names": names, "ask": ask}, random.Random(seed))
                    right = FAM.solve(problem)
                    answers.add(problem.data["names"].index(right) if ask == "final" else right)
                    misses = FAM.near_misses(problem, random.Random(seed))
                    assert len(misses) >= 2 and not any(FAM.judge_text(problem, m) for m in misses)
            assert len(answers) == 1


def test_the_checker_rejects_every_other_state():
    for seed in range(40):
        problem = FAM.generate({"ask": "final", "states": 8}, random.Random(seed))
        passed = [s for s in problem.data["names"] if FAM.check(problem, s)]
        assert passed == [FAM.solve(problem)]
