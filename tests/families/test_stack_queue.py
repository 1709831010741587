"""stack_queue: replaying the script read back from the prompt text alone agrees with the reference."""

from __future__ import annotations

import random
import re

from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("stack_queue")

# Every step sentence the three skins use, as (pattern, action, end); "near" is the end a stack
# works at, and for the two-ended containers the end named in the skin's own words.
_STEPS = [
    (r"Put (\S+) on the pile\.", "add", "near"), (r"Take the top card off the pile\.", "take", "near"),
    (r"Look at the top card of the pile without moving it\.", "look", "near"),
    (r"Slide (\S+) under the bottom of the deck\.", "add", "bottom"),
    (r"Put (\S+) on top of the deck\.", "add", "top"), (r"Deal the top card\.", "take", "top"),
    (r"Pull the bottom card out\.", "take", "bottom"),
    (r"Look at the top card of the deck without moving it\.", "look", "top"),
    (r"Look at the bottom card of the deck without moving it\.", "look", "bottom"),
    (r"Process (\S+) is pushed onto the stack\.", "add", "near"),
    (r"The scheduler dispatches the process on top of the stack\.", "take", "near"),
    (r"The monitor reads which process is on top of the stack\.", "look", "near"),
    (r"Process (\S+) joins the back of the queue\.", "add", "back"),
    (r"Process (\S+) is inserted at the front of the queue\.", "add", "front"),
    (r"The scheduler dispatches the process at the front\.", "take", "front"),
    (r"A thief steals the process at the back\.", "take", "back"),
    (r"The monitor reads which process is at the front\.", "look", "front"),
    (r"The monitor reads which process is at the back\.", "look", "back"),
    (r"Stack (\S+) on the column\.", "add", "near"), (r"Ship the pallet on top of the column\.", "take", "near"),
    (r"Check the label of the pallet on top of the column\.", "look", "near"),
    (r"Load (\S+) through the (front|back) door\.", "add", None),
    (r"Ship the pallet at the (front|back) door\.", "take", None),
    (r"Check the label of the pallet at the (front|back) door\.", "look", None),
]
_PAIRS = {"top": "bottom", "bottom": "top", "front": "back", "back": "front"}


def read_steps(prompt: str) -> list[tuple[str, str, str | None]]:
    """(action, end, label) per numbered line; 'near' is the only end of a one-ended pile."""
    steps = []
    for line in re.findall(r"^\d+\. (.*)$", prompt, re.M):
        for pattern, action, end in _STEPS:
            m = re.fullmatch(pattern, line)
            if m:
                groups = list(m.groups())
                if end is None:
                    end = groups.pop()
                steps.append((action, end, groups[0] if groups else None))
                break
        else:
            raise AssertionError(f"unread step {line!r}")
    return steps


def answer_from_prompt(prompt: str) -> str:
    """Replay the steps on a list whose index 0 is the end named first in the question (or the
    end items go into and come out of, for a pile or a one-way line), and answer the question."""
    steps = read_steps(prompt)
    question = prompt.split("\n\n")[1].split("\n")[0]
    ends = re.search(r"in order from the (top|bottom|front|back)\b.* to the (top|bottom|front|back)\b", question)
    takes = {end for action, end, _ in steps if action == "take"}
    if ends:  # a two-ended container: the question names both ends in the story's own words
        first, last = ends.groups()
        assert _PAIRS[first] == last, question
    else:  # a pile or a one-way line: the list starts at the end things are taken from
        assert len(takes) == 1 or not question.startswith("List the items still held"), question
        first = sorted(takes)[0]
    held: list[str] = []
    log: list[str] = []
    taken: list[str] = []
    for action, end, label in steps:
        at = 0 if end == first else len(held)
        if action == "add":
            held.insert(at, label)
            continue
        at = min(at, len(held) - 1)
        log.append(held[at])
        if action == "take":
            taken.append(held.pop(at))
    if question.startswith("Which item was the last one taken out?"):
        return taken[-1]
    out = log if question.startswith("List, in order, every item") else held
    return ", ".join(out) or "none"


def test_replaying_the_prompt_agrees_with_the_reference():
    rng = random.Random(17)
    domains = {name: var.domain for name, var in FAM.variables.items()}
    seen = set()
    for seed in range(360):
        params = {"ops": rng.randint(2, 30), "peeks": rng.randint(0, 6), "pool": rng.randint(3, 30),
                  **{k: rng.choice(domains[k]) for k in ("structure", "ask", "skin")}}
        problem = FAM.generate(params, random.Random(seed))
        reference = render(problem.answer_type, FAM.solve(problem))
        assert answer_from_prompt(problem.prompt) == reference, (seed, params, problem.prompt)
        assert verify(FAM, problem, seed).ok
        seen.add((params["structure"], params["ask"], params["skin"]))
    assert len(seen) == 27


def test_a_deque_question_names_its_ends_in_the_skins_words():
    """Regression: the cards deque story has a top and a bottom, the question once said 'the front'."""
    for skin in FAM.variable("skin").domain:
        for structure in FAM.variable("structure").domain:
            for seed in range(20):
                problem = FAM.generate({"structure": structure, "ask": "final", "skin": skin, "ops": 12},
                                       random.Random(seed))
                story, question = problem.prompt.split("\n\n")[0], problem.prompt.split("\n\n")[1]
                named = set(re.findall(r"\b(top|bottom|front|back)\b", question))
                assert named <= set(re.findall(r"\b(top|bottom|front|back)\b", story)), (skin, structure, question)
                if structure == "deque":
                    assert len(named) == 2, question
