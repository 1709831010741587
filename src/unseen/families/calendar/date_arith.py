"""date_arith: apply a chain of day / week / month / year offsets to a date.

Month and year steps keep the day of the month and clamp it to the last day of a
shorter target month (31 January + 1 month = 28 or 29 February); each step starts from
the previous result, so clamping is path dependent. ``solve`` uses ``datetime``; ``check``
recomputes with its own day-number arithmetic (days from civil dates and back).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
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
    match_string,
)

_UNITS = {"days": ["days"], "days_weeks": ["days", "weeks"],
          "days_weeks_months": ["days", "weeks", "months"], "all": ["days", "weeks", "months", "years"]}
_PER_UNIT = {"days": 1, "weeks": 7, "months": 30, "years": 365}  # magnitude (days) -> unit count
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


def shown(d: list[int], fmt: str) -> str:
    y, m, day = d
    if fmt == "iso":
        return f"{y:04d}-{m:02d}-{day:02d}"
    return f"{day} {_MONTHS[m - 1]} {y}" if fmt == "day_month" else f"{_MONTHS[m - 1]} {day}, {y}"


def apply_datetime(start: list[int], steps: list[list]) -> date:
    """Reference: the chain applied with datetime, clamping month ends."""
    d = date(*start)
    for unit, n in steps:
        if unit in ("days", "weeks"):
            d += timedelta(days=n * (7 if unit == "weeks" else 1))
            continue
        y, m0 = divmod(d.year * 12 + d.month - 1 + (n if unit == "months" else 12 * n), 12)
        d = date(y, m0 + 1, min(d.day, calendar.monthrange(y, m0 + 1)[1]))
    return d


# ---- independent arithmetic for check: day numbers counted from 1970-01-01 ----------

def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _month_len(y: int, m: int, leap_aware: bool = True) -> int:
    if m == 2:
        return 29 if leap_aware and _leap(y) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def day_number(y: int, m: int, d: int) -> int:
    y -= m <= 2
    era, yoe = divmod(y, 400)
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468


def civil(n: int) -> tuple[int, int, int]:
    era, doe = divmod(n + 719468, 146097)
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (m <= 2), m, doy - (153 * mp + 2) // 5 + 1


def walk(start: list[int], steps: list[list], clamp: bool = True, leap_aware: bool = True) -> int:
    """The chain on day numbers; the flags switch on the careless variants used for near misses."""
    n = day_number(*start)
    for unit, k in steps:
        if unit in ("days", "weeks"):
            delta = k * (7 if unit == "weeks" else 1)
            if not leap_aware:  # a reader who skips 29 February lands one day further per leap day
                lo, hi = sorted((n, n + delta))
                crossed = sum(1 for y in range(civil(lo)[0], civil(hi)[0] + 1)
                              if _leap(y) and lo < day_number(y, 2, 29) <= hi)
                delta += crossed if delta > 0 else -crossed
            n += delta
            continue
        y, m, d = civil(n)
        total = y * 12 + m - 1 + (k if unit == "months" else 12 * k)
        ny, nm = total // 12, total % 12 + 1
        last = _month_len(ny, nm, leap_aware)
        n = day_number(ny, nm, min(d, last)) if clamp else day_number(ny, nm, 1) + d - 1
    return n


def weekday_of(n: int) -> str:
    return _DAYS[(n + 3) % 7]  # day 0, 1970-01-01, was a Thursday


@family("date_arith", version=2, domain="calendar", answer=(AnswerType.STRING, AnswerType.INTEGER),
        purpose="Apply a chain of calendar offsets to a date; report the date, its weekday or the day count.")
class DateArith:
    steps = IntRange(1, 8, base=3, levels=(1, 2, 3, 5, 8), role="logic", help="offsets chained")
    magnitude = IntRange(1, 2000, base=100, levels=(7, 30, 100, 365, 2000), role="logic",
                         help="largest offset, in days (months and years scale from it)")
    units = Choice(tuple(_UNITS), base="days_weeks_months", ordered=True, role="logic",
                   help="which units the offsets use")
    backward = Flag(base=True, role="logic", help="some offsets go back in time")
    ask = Choice(("date", "weekday", "days_between"), base="date", role="logic",
                 help="report the final date, its weekday, or its distance from the start")
    leap = Flag(base=False, role="logic", help="the first step crosses or lands on 29 February")
    date_format = Choice(("iso", "day_month", "month_day"), base="day_month", role="surface",
                         help="how the start date is written (answers are always ISO)")
    story = Choice(("plain", "deadline"), base="plain", role="surface",
                   help="a bare list of offsets or a project deadline that keeps moving")

    def generate(self, p: Params, rng: Random) -> Problem:
        steps = []
        for _ in range(p.steps):
            unit = rng.choice(_UNITS[p.units])
            steps.append([unit, rng.randint(1, max(1, p.magnitude // _PER_UNIT[unit]))])
        if p.backward:
            back = [i for i in range(p.steps) if rng.random() < 0.4] or [rng.randrange(p.steps)]
            for i in back:
                steps[i][1] = -steps[i][1]
        if p.leap:  # start shortly before a 29 February and step forward across it
            steps[0] = ["days", rng.randint(1, p.magnitude)]
            y, m, d = civil(day_number(rng.choice(range(1952, 2049, 4)), 2, 29) - rng.randint(1, steps[0][1]))
            start = [y, m, d]
        else:
            y, m = rng.randint(1950, 2050), rng.randint(1, 12)
            start = [y, m, rng.randint(1, calendar.monthrange(y, m)[1])]
        return Problem(self._prompt(p, start, steps), {"start": start, "steps": steps, "ask": p.ask},
                       AnswerType.INTEGER if p.ask == "days_between" else AnswerType.STRING)

    def _prompt(self, p: Params, start: list[int], steps: list[list]) -> str:
        s = shown(start, p.date_format)
        lines = []
        for i, (unit, n) in enumerate(steps, 1):
            k = f"{abs(n)} {unit[:-1] if abs(n) == 1 else unit}"
            if p.story == "plain":
                lines.append(f"{i}. {'add' if n > 0 else 'subtract'} {k}")
            else:
                lines.append(f"{i}. The deadline is moved {k} {'later' if n > 0 else 'earlier'}.")
        if p.story == "plain":
            head = f"Start from the date {s}. Apply these changes in order, each to the previous result:"
            what = "the resulting date"
        else:
            head = (f"A project deadline is first set for {s}. It is then changed several times, "
                    "each change applied to the deadline set by the previous one:")
            what = "the final deadline"
        rules = []
        if any(u in ("months", "years") for u, _ in steps):
            rules.append("Adding or subtracting months or years keeps the day of the month; if the target "
                         "month is shorter, use its last day instead (31 January plus 1 month is 28 "
                         "February, or 29 February in a leap year). Each step clamps on its own.")
        if p.ask == "date":
            rules.append(f"What is {what}? " + AnswerType.STRING.sentence(
                "it as an ISO date (four-digit year, two-digit month, two-digit day)",
                placeholder="YYYY-MM-DD"))
        elif p.ask == "weekday":
            rules.append(f"The starting date {s} is a {weekday_of(day_number(*start))}. On which day of the "
                         f"week does {what} fall? " + AnswerType.STRING.sentence("the English weekday name",
                                                                   example="Monday"))
        else:
            rules.append(f"How many days after the starting date is {what}? " + AnswerType.INTEGER.sentence(
                "that number of days (negative if it is before the starting date)"))
        return "\n".join([head, *lines, "", *rules])

    def solve(self, problem: Problem) -> str | int:
        start = problem.data["start"]
        d = apply_datetime(start, problem.data["steps"])
        ask = problem.data["ask"]
        if ask == "date":
            return d.isoformat()
        return _DAYS[d.weekday()] if ask == "weekday" else (d - date(*start)).days

    def _render(self, problem: Problem, n: int) -> str | int:
        ask = problem.data["ask"]
        if ask == "date":
            return "{:04d}-{:02d}-{:02d}".format(*civil(n))
        return weekday_of(n) if ask == "weekday" else n - day_number(*problem.data["start"])

    def check(self, problem: Problem, answer) -> Verdict:
        want = self._render(problem, walk(problem.data["start"], problem.data["steps"]))
        if isinstance(want, int):
            return match_integer(answer, want)
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", str(answer).strip())
        if m:  # tolerate missing zero padding
            answer = "{:04d}-{:02d}-{:02d}".format(*map(int, m.groups()))
        return match_string(answer, want)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        start, steps = problem.data["start"], problem.data["steps"]
        n = walk(start, steps)
        right = str(self._render(problem, n))
        sloppy = [walk(start, steps, clamp=False), walk(start, steps, leap_aware=False), n + 1, n - 1]
        cands = [str(self._render(problem, k)) for k in sloppy]
        cands.append(hedge(right, str(self._render(problem, n + rng.choice([1, -1])))))
        return distinct(right, cands)
