"""interval_scheduling: the meetings read back from the prompt text alone, solved here by a
choose-or-skip recursion and a room-allocation heap, give the reference."""

from __future__ import annotations

import heapq
import itertools
import random
import re
from functools import cache

from families import random_instances
from unseen import registry
from unseen.verify import verify

FAM = registry.get("interval_scheduling")


def minutes(text: str) -> int:
    """Minutes after 08:00 of '13:30', '1:30 pm' or 'minute 330'."""
    m = re.fullmatch(r"minute (\d+)", text)
    if m:
        return int(m.group(1))
    h, mm, half = re.fullmatch(r"(\d+):(\d\d)(?: (am|pm))?", text).groups()
    h = int(h) % 12 + (12 if half == "pm" else 0) if half else int(h)
    return h * 60 + int(mm) - 8 * 60


def read_prompt(prompt: str) -> tuple[list[tuple[int, int]], str]:
    found = re.findall(r"^\w+ \d+: from (.+?) to (.+)$", prompt, re.M)
    meetings = [(minutes(a), minutes(b)) for a, b in found]
    assert meetings and all(0 <= s < e <= 720 for s, e in meetings)
    if "what is the largest number of these" in prompt:
        return meetings, "one_room"
    if "What is the smallest number of" in prompt:
        return meetings, "rooms"
    assert "largest total time, in minutes" in prompt
    return meetings, "booked"


def best_one_room(meetings, weight) -> int:
    """Choose or skip each meeting in start order; after choosing, jump to the first that starts
    no earlier than its end."""
    order = sorted(meetings)

    @cache
    def best(i: int) -> int:
        if i >= len(order):
            return 0
        nxt = next((j for j in range(i + 1, len(order)) if order[j][0] >= order[i][1]), len(order))
        return max(best(i + 1), weight(order[i]) + best(nxt))

    return best(0)


def fewest_rooms(meetings) -> int:
    """Give each meeting, by start time, a room that is already free, else a new room."""
    free_at: list[int] = []
    for s, e in sorted(meetings):
        if free_at and free_at[0] <= s:
            heapq.heapreplace(free_at, e)
        else:
            heapq.heappush(free_at, e)
    return len(free_at)


def answer(meetings, ask: str) -> int:
    if ask == "rooms":
        return fewest_rooms(meetings)
    return best_one_room(meetings, (lambda m: 1) if ask == "one_room" else (lambda m: m[1] - m[0]))


def test_the_prompt_alone_gives_the_reference_answer():
    formats = set()
    for params, seed, problem in random_instances(FAM, 300, 43):
        meetings, ask = read_prompt(problem.prompt)
        assert len(meetings) == params["meetings"] and ask == params["ask"]
        assert answer(meetings, ask) == FAM.solve(problem), (seed, params)
        assert verify(FAM, problem, seed).ok
        formats.add(params["time_format"])
    assert formats == {"24h", "ampm", "minutes"}


def test_small_instances_agree_with_exhaustive_search():
    for seed in range(60):
        for ask in ("one_room", "rooms", "booked"):
            problem = FAM.generate({"meetings": 6, "ask": ask, "touching": seed % 2 == 0, "density": "heavy"},
                                   random.Random(seed))
            meetings, _ = read_prompt(problem.prompt)
            apart = lambda group: all(e1 <= s2 or e2 <= s1 for (s1, e1), (s2, e2)  # noqa: E731
                                      in itertools.combinations(group, 2))
            if ask == "rooms":  # the fewest k such that some labelling into k rooms keeps every room apart
                want = next(k for k in range(1, 7) if any(
                    all(apart([m for m, r in zip(meetings, labels, strict=True) if r == room]) for room in range(k))
                    for labels in itertools.product(range(k), repeat=len(meetings))))
            else:
                value = (lambda g: len(g)) if ask == "one_room" else (lambda g: sum(e - s for s, e in g))
                want = max(value(g) for n in range(7) for g in itertools.combinations(meetings, n) if apart(g))
            assert FAM.solve(problem) == want and FAM.check(problem, want), (seed, ask)
            assert not FAM.check(problem, want + 1) and not FAM.check(problem, want - 1)


def test_touching_meetings_share_a_room():
    """Counting a meeting that starts as another ends as a clash is wrong, and that reading differs often."""
    differs = 0
    for seed in range(80):
        problem = FAM.generate({"ask": "rooms", "touching": True, "meetings": 10, "granularity": "hour"},
                               random.Random(seed))
        meetings, _ = read_prompt(problem.prompt)
        closed = max(sum(s <= t <= e for s, e in meetings) for t, _ in meetings)
        if closed != FAM.solve(problem):
            differs += 1
            assert not FAM.check(problem, closed)
    assert differs >= 20


def test_trap_and_surface():
    trapped = 0
    for seed in range(60):
        problem = FAM.generate({"ask": "one_room", "trap": True, "meetings": 10}, random.Random(seed))
        meetings, _ = read_prompt(problem.prompt)
        taken = []
        for s, e in sorted(meetings):  # earliest start first
            if all(e <= a or s >= b for a, b in taken):
                taken.append((s, e))
        trapped += len(taken) < FAM.solve(problem)
    assert trapped >= 50
    for seed in range(20):
        got = set()
        for story in FAM.variable("story").domain:
            for fmt in FAM.variable("time_format").domain:
                problem = FAM.generate({"story": story, "time_format": fmt}, random.Random(seed))
                got.add(FAM.solve(problem))
                misses = FAM.near_misses(problem, random.Random(seed))
                assert len(misses) >= 2 and not any(FAM.judge_text(problem, m) for m in misses)
        assert len(got) == 1
