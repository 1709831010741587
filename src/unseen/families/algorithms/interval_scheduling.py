"""interval_scheduling: meetings with start and end times; one room, or enough rooms for all.

Tests interval scheduling: the most meetings one room can hold (``ask=one_room``), the fewest
rooms that hold every meeting (``ask=rooms``), or the most meeting minutes one room can hold
(``ask=booked``). A meeting ending at 10:00 and one starting at 10:00 may share a room.

Logic variables: ``meetings``, ``density`` (total meeting time over the 12-hour day: 0.6,
1.2, 2 or 3 times it), ``ask``, ``granularity`` (times on a grid of 60, 30, 15 or 5
minutes), ``spread`` (meeting lengths equal, varied, or widely different), ``touching``
(several meetings start exactly when another ends), ``trap`` (a tempting greedy is wrong:
earliest start first (ties: earliest end) for one_room, first fit in the listed order for rooms, the most
meetings for booked; dropped when 40 draws find none). Surface: ``story`` (meeting rooms,
machines, tennis courts) and ``time_format`` (24-hour clock, am/pm, minutes after opening).

Label: greedy by earliest end (one_room), a sweep over start and end events (rooms), and a
weighted-interval dynamic program with binary search (booked). ``check`` computes each
independently: an O(n^2) dynamic program over meetings sorted by end, the largest number of
meetings in progress at any meeting's start, and a dynamic program over the minutes of the day.
"""

from __future__ import annotations

import bisect
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
    match_integer,
)

DAY = 720  # minutes from 08:00 to 20:00
_LOAD = {"light": 0.6, "medium": 1.2, "heavy": 2.0, "packed": 3.0}
_GRID = {"hour": 60, "half_hour": 30, "quarter": 15, "five_min": 5}
_SPREAD = {"equal": (1.0, 1.0), "varied": (0.5, 1.5), "wide": (0.2, 2.5)}
# story -> (intro, thing, plural, place, places, preposition)
_STORIES = {
    "rooms": ("A company books meetings in its meeting rooms", "meeting", "meetings", "room", "rooms", "in"),
    "machines": ("A workshop schedules jobs on its identical machines", "job", "jobs", "machine", "machines", "on"),
    "courts": ("A club books matches on its tennis courts", "match", "matches", "court", "courts", "on"),
}


def draw_meetings(rng: Random, p: Params) -> list[list[int]]:
    """[start, end] in minutes after 08:00, on the grid, inside the day."""
    g = _GRID[p.granularity]
    mean = _LOAD[p.density] * DAY / p.meetings
    lo, hi = _SPREAD[p.spread]
    out = []
    for _ in range(p.meetings):
        units = max(1, min(DAY // g // 2, round(mean * rng.uniform(lo, hi) / g)))
        start = rng.randint(0, DAY // g - units) * g
        out.append([start, start + units * g])
    if p.touching:  # a third of the meetings start exactly when another one ends
        for i in rng.sample(range(p.meetings), p.meetings // 3):
            end = rng.choice(out)[1]
            length = out[i][1] - out[i][0]
            if end + length <= DAY:
                out[i] = [end, end + length]
    return out


def most_meetings(ms: list[list[int]], key) -> list[list[int]]:
    """Greedy: take meetings in ``key`` order when they fit beside those taken."""
    taken: list[list[int]] = []
    for s, e in sorted(ms, key=key):
        if all(e <= a or s >= b for a, b in taken):
            taken.append([s, e])
    return taken


def sweep_rooms(ms: list[list[int]]) -> int:
    events = sorted([(e, -1) for _, e in ms] + [(s, 1) for s, _ in ms])  # an end frees a room before a start
    used = best = 0
    for _, change in events:
        used += change
        best = max(best, used)
    return best


def first_fit(ms: list[list[int]]) -> int:
    """Rooms used when each meeting, in the listed order, takes the first room free for it."""
    rooms: list[list[list[int]]] = []
    for s, e in ms:
        for room in rooms:
            if all(e <= a or s >= b for a, b in room):
                room.append([s, e])
                break
        else:
            rooms.append([[s, e]])
    return len(rooms)


def best_booked(ms: list[list[int]]) -> int:
    """Weighted interval scheduling (weight = length): DP over meetings by end, binary search."""
    order = sorted(ms, key=lambda m: m[1])
    ends = [e for _, e in order]
    best = [0]
    for s, e in order:
        fits = bisect.bisect_right(ends, s)  # meetings ending by s
        best.append(max(best[-1], best[fits] + e - s))
    return best[-1]


def clock(minutes: int, fmt: str) -> str:
    t = 8 * 60 + minutes
    h, m = divmod(t, 60)
    if fmt == "24h":
        return f"{h:02d}:{m:02d}"
    suffix = "am" if h < 12 else "pm"
    return f"{(h - 1) % 12 + 1}:{m:02d} {suffix}"


@family("interval_scheduling", version=1, domain="algorithms", answer=AnswerType.INTEGER,
        purpose="Schedule meetings: the most one room can hold, the fewest rooms for all, or the most minutes.")
class IntervalScheduling:
    meetings = IntRange(3, 30, base=8, levels=(3, 5, 8, 12, 18, 24, 30), help="number of meetings")
    density = Choice(tuple(_LOAD), base="medium", ordered=True,
                     help="total meeting time as a multiple of the 12-hour day: 0.6, 1.2, 2 or 3")
    ask = Choice(("one_room", "rooms", "booked"), base="booked",
                 help="most meetings in one room, fewest rooms for all, or most meeting minutes in one room")
    granularity = Choice(tuple(_GRID), base="half_hour", ordered=True, help="times fall on a 60/30/15/5-minute grid")
    spread = Choice(tuple(_SPREAD), base="varied", ordered=True, help="meeting lengths: equal, varied or wide")
    touching = Flag(base=False, help="a third of the meetings start exactly when another ends")
    trap = Flag(base=False, help="a tempting greedy gives a wrong answer (dropped when 200 draws find none)")
    story = Choice(tuple(_STORIES), base="rooms", role="surface", help="meetings, machine jobs or tennis matches")
    time_format = Choice(("24h", "ampm", "minutes"), base="24h", role="surface", help="how times are written")

    def generate(self, p: Params, rng: Random) -> Problem:
        for _ in range(200):
            ms = draw_meetings(rng, p)
            if not p.trap or self._trapped(p.ask, ms):
                break
        intro, thing, things, place, places, at = _STORIES[p.story]
        if p.time_format == "minutes":
            when = lambda s, e: f"from minute {s} to minute {e}"  # noqa: E731
            frame = "Times are given in minutes after opening at 8:00 (minute 0); closing is at minute 720."
        else:
            when = lambda s, e: f"from {clock(s, p.time_format)} to {clock(e, p.time_format)}"  # noqa: E731
            frame = f"Everything happens between {clock(0, p.time_format)} and {clock(DAY, p.time_format)}."
        lines = [f"{intro}. {frame} A {place} holds one {thing} at a time, and a {thing} stays in one {place} "
                 f"for its whole time. A {thing} that ends at the moment another starts can share its {place}."]
        lines += [f"{thing.capitalize()} {i}: {when(s, e)}" for i, (s, e) in enumerate(ms, 1)]
        if p.ask == "one_room":
            question = (f"If only one {place} is available, what is the largest number of these {things} that "
                        f"can take place (each {thing} in full, at its given time)?")
            giving = f"that number of {things}"
        elif p.ask == "rooms":
            question = f"What is the smallest number of {places} needed so that all {p.meetings} {things} take place?"
            giving = f"that number of {places}"
        else:
            question = (f"If only one {place} is available, what is the largest total time, in minutes, that the "
                        f"{things} held in it can last (each {thing} in full, at its given time)?")
            giving = "that total in minutes"
        prompt = "\n".join(lines) + f"\n\n{question}\n" + AnswerType.INTEGER.sentence(giving)
        return Problem(prompt, {"meetings": ms, "ask": p.ask}, AnswerType.INTEGER)

    @staticmethod
    def _trapped(ask: str, ms: list[list[int]]) -> bool:
        if ask == "one_room":
            return len(most_meetings(ms, lambda m: (m[0], m[1]))) < len(most_meetings(ms, lambda m: m[1]))
        if ask == "rooms":
            return first_fit(ms) > sweep_rooms(ms)
        return sum(e - s for s, e in most_meetings(ms, lambda m: m[1])) < best_booked(ms)

    def solve(self, problem: Problem) -> int:
        ms, ask = problem.data["meetings"], problem.data["ask"]
        if ask == "one_room":
            return len(most_meetings(ms, lambda m: m[1]))
        return sweep_rooms(ms) if ask == "rooms" else best_booked(ms)

    def check(self, problem: Problem, answer) -> Verdict:
        ms, ask = problem.data["meetings"], problem.data["ask"]
        if ask == "rooms":  # interval graph: the largest clique is at some meeting's start
            return match_integer(answer, max(sum(s <= t < e for s, e in ms) for t, _ in ms))
        if ask == "one_room":
            order = sorted(ms, key=lambda m: m[1])
            best = [1] * len(order)  # best[i]: most meetings in a schedule whose last is order[i]
            for i, (s, _) in enumerate(order):
                best[i] = 1 + max([best[j] for j in range(i) if order[j][1] <= s], default=0)
            return match_integer(answer, max(best))
        most = [0] * (DAY + 1)  # most[t]: most booked minutes among meetings over by minute t
        for t in range(1, DAY + 1):
            most[t] = max([most[t - 1]] + [most[s] + e - s for s, e in ms if e == t])
        return match_integer(answer, most[DAY])

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        ms, ask = problem.data["meetings"], problem.data["ask"]
        right = self.solve(problem)
        if ask == "one_room":
            cands = [len(most_meetings(ms, lambda m: (m[0], m[1]))), len(most_meetings(ms, lambda m: m[1] - m[0])),
                     right + 1, right - 1]
        elif ask == "rooms":
            closed = max(sum(s <= t <= e for s, e in ms) for t, _ in ms)  # touching counted as overlap
            cands = [first_fit(ms), closed, right + 1, right - 1]
        else:
            step = min(e - s for s, e in ms)
            cands = [sum(e - s for s, e in most_meetings(ms, lambda m: m[1])),
                     sum(e - s for s, e in most_meetings(ms, lambda m: m[0] - m[1])), right + step, right - step]
        return distinct(str(right), [str(c) for c in cands] + [hedge(str(right), str(right + 1))])
