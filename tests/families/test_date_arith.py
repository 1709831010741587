"""date_arith: an independent day-by-day calendar walk agrees with solve; targeted checker tests."""

from __future__ import annotations

import random
import re

from families import random_instances
from unseen import registry
from unseen.answers import parse, render
from unseen.problem import Problem
from unseen.verify import verify

FAM = registry.get("date_arith")
WEEKDAYS = ["Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]  # Zeller order


def is_leap(y):
    return (y % 4 == 0 and y % 100 != 0) or y % 400 == 0


def month_days(y, m):
    return {2: 29 if is_leap(y) else 28, 4: 30, 6: 30, 9: 30, 11: 30}.get(m, 31)


def step_day(date, forward):
    y, m, d = date
    if forward:
        if d < month_days(y, m):
            return (y, m, d + 1)
        return (y + 1, 1, 1) if m == 12 else (y, m + 1, 1)
    if d > 1:
        return (y, m, d - 1)
    y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return (y, m, month_days(y, m))


def zeller(date):
    y, m, d = date
    if m < 3:
        m, y = m + 12, y - 1
    return WEEKDAYS[(d + 13 * (m + 1) // 5 + y % 100 + (y % 100) // 4 + (y // 100) // 4 + 5 * (y // 100)) % 7]


def brute(start, steps):
    """Walk one day at a time for day/week offsets; count the days walked."""
    date, walked = tuple(start), 0
    for unit, n in steps:
        if unit in ("days", "weeks"):
            for _ in range(abs(n) * (7 if unit == "weeks" else 1)):
                before = date
                date = step_day(date, n > 0)
                walked += 1 if n > 0 else -1
                assert date != before
        else:
            months = n if unit == "months" else 12 * n
            y, m, d = date
            target_y, target_m = y, m
            for _ in range(abs(months)):
                if months > 0:
                    target_y, target_m = (target_y + 1, 1) if target_m == 12 else (target_y, target_m + 1)
                else:
                    target_y, target_m = (target_y - 1, 12) if target_m == 1 else (target_y, target_m - 1)
            new = (target_y, target_m, min(d, month_days(target_y, target_m)))
            # count the days between by walking
            a, b, sign = (date, new, 1) if new >= date else (new, date, -1)
            k = 0
            while a != b:
                a = step_day(a, True)
                k += 1
            walked += sign * k
            date = new
    return date, walked


def small_params(rng):
    return {"steps": rng.randint(1, 4), "magnitude": rng.choice([1, 3, 7, 20, 45, 100, 400]),
            "units": rng.choice(FAM.variable("units").domain), "backward": rng.random() < 0.5,
            "ask": rng.choice(["date", "weekday", "days_between"]), "leap": rng.random() < 0.3,
            "date_format": rng.choice(["iso", "day_month", "month_day"]),
            "story": rng.choice(["plain", "deadline"])}


def test_agrees_with_day_by_day_walk():
    rng = random.Random(7)
    for seed in range(250):
        problem = FAM.generate(small_params(rng), random.Random(seed))
        start, steps = problem.data["start"], problem.data["steps"]
        date, walked = brute(start, steps)
        want = {"date": "{:04d}-{:02d}-{:02d}".format(*date), "weekday": zeller(date),
                "days_between": walked}[problem.data["ask"]]
        assert FAM.solve(problem) == want, (problem.prompt, want)
        if problem.data["ask"] == "weekday":
            assert f"is a {zeller(tuple(start))}." in problem.prompt
        assert verify(FAM, problem, seed).ok


def test_leap_flag_crosses_february_29():
    for seed in range(60):
        problem = FAM.generate({"leap": True, "magnitude": 30}, random.Random(seed))
        start = tuple(problem.data["start"])
        unit, n = problem.data["steps"][0]
        assert unit == "days" and n > 0
        after, _ = brute(start, [[unit, n]])
        assert any(is_leap(y) and start < (y, 2, 29) <= after for y in range(start[0], after[0] + 1))


def make(start, steps, ask="date"):
    kind = "integer" if ask == "days_between" else "string"
    return Problem("", {"start": start, "steps": steps, "ask": ask}, kind)


def test_month_end_clamping_is_per_step():
    assert FAM.solve(make([2023, 1, 31], [["months", 1]])) == "2023-02-28"
    assert FAM.solve(make([2024, 1, 31], [["months", 1]])) == "2024-02-29"
    assert FAM.solve(make([2023, 1, 31], [["months", 1], ["months", 1]])) == "2023-03-28"
    assert FAM.solve(make([2024, 2, 29], [["years", 1]])) == "2025-02-28"
    assert FAM.solve(make([2024, 3, 31], [["months", -1]])) == "2024-02-29"


def test_checker_rejects_and_accepts():
    p = make([2023, 1, 31], [["months", 1], ["days", 1]])  # 2023-03-01, a Wednesday
    assert FAM.check(p, parse("string", "2023-03-01"))
    assert FAM.check(p, parse("string", "2023-3-1"))  # zero padding is not required
    for bad in ["2023-03-02", "2023-02-29", "2023-03-04", "01/03/2023"]:
        assert not FAM.check(p, parse("string", bad)), bad
    w = make([2023, 1, 31], [["months", 1], ["days", 1]], "weekday")
    assert FAM.check(w, parse("string", "wednesday"))
    assert not FAM.check(w, parse("string", "Thursday"))
    d = make([2023, 1, 31], [["months", 1], ["days", 1]], "days_between")
    assert FAM.check(d, 29) and not FAM.check(d, 30) and not FAM.check(d, -29)
    assert FAM.judge_text(w, "Wednesday or Thursday").correct is False


def test_near_misses_are_rejected_and_render_round_trips():
    for seed in range(100):
        problem = FAM.generate({"ask": random.Random(seed).choice(["date", "weekday", "days_between"]),
                                "units": "all", "steps": 4}, random.Random(seed))
        ref = render(problem.answer_type, FAM.solve(problem))
        assert FAM.judge_text(problem, ref).correct
        misses = FAM.near_misses(problem, random.Random(seed))
        assert len(misses) >= 2
        assert not any(FAM.judge_text(problem, m).correct for m in misses)


# ---- the answer from the prompt text alone ---------------------------------------------

_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"]
_WEEK = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def read_date(text: str) -> tuple[int, int, int]:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return int(m[1]), int(m[2]), int(m[3])
    m = re.fullmatch(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4})", text)
    if m:
        return int(m[3]), _MONTH_NAMES.index(m[2]) + 1, int(m[1])
    m = re.fullmatch(r"([A-Z][a-z]+) (\d{1,2}), (\d{4})", text)
    return int(m[3]), _MONTH_NAMES.index(m[1]) + 1, int(m[2])


def answer_from_prompt(prompt: str):
    first = prompt.split("\n")[0]
    m = re.search(r"(?:Start from the date|first set for) (.+?)\. (?:Apply|It is then)", first)
    start = read_date(m[1])
    steps = []
    for line in re.findall(r"^\d+\. (.+)$", prompt, re.MULTILINE):
        plain = re.fullmatch(r"(add|subtract) (\d+) (day|week|month|year)s?", line)
        moved = re.fullmatch(r"The deadline is moved (\d+) (day|week|month|year)s? (later|earlier)\.", line)
        if plain:
            sign, n, unit = 1 if plain[1] == "add" else -1, int(plain[2]), plain[3]
        else:
            sign, n, unit = 1 if moved[3] == "later" else -1, int(moved[1]), moved[2]
        steps.append([unit + "s", sign * n])
    assert steps, prompt
    if any(u in ("months", "years") for u, _ in steps):
        assert "use its last day instead" in prompt and "Each step clamps on its own." in prompt
    date, walked = brute(start, steps)  # day by day for days and weeks, clamping month ends
    if "Answer: YYYY-MM-DD" in prompt:
        return "{:04d}-{:02d}-{:02d}".format(*date)
    if "On which day of the week" in prompt:
        named = re.search(r"The starting date .+? is a ([A-Z][a-z]+day)\.", prompt)[1]
        return _WEEK[(_WEEK.index(named) + walked) % 7]
    assert "How many days after the starting date" in prompt
    return walked


def test_answer_from_prompt_text_alone():
    for params, seed, problem in random_instances(FAM, 300, 31):
        assert answer_from_prompt(problem.prompt) == FAM.solve(problem), (params, seed, problem.prompt)
