"""time_zones: local date and time after a call or a relay of journeys across time zones.

One hop: a call starts at a local time in one city and lasts a while; when does it end in
another city's local time (or in UTC)? More hops: a parcel travels city to city; each
intermediate depot sends it on at its daily dispatch time (the first time after arrival that
the depot's clock shows it), so every city's offset matters. The prompt states every city's
UTC offset, and any clock change within the days concerned with its UTC instant, so no
outside knowledge is needed. Logic variables: ``hops``, ``max_hours`` (longest journey or
call), ``minutes`` (times and durations to the minute), ``offsets`` (whole-hour zones only, or
a half- or quarter-hour zone), ``crossing`` (any dates, the date must change, or a Pacific
date-line pair), ``dst`` (a clock change within the days concerned; otherwise none within
two days) and ``ask`` (local time or UTC). Surface: ``time_format``, ``names`` (real or
invented city names) and ``date_format``. Local times in a clock change's gap or overlap are
never used. The label comes from ``zoneinfo`` and ``datetime``; ``check`` does its own
minute arithmetic from the offsets as stated (civil dates from day numbers).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from random import Random
from zoneinfo import ZoneInfo

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
    match_string,
    wrong,
)

_WHOLE = ["Europe/London", "Europe/Paris", "Europe/Moscow", "Africa/Lagos", "Africa/Nairobi", "Asia/Dubai",
          "Asia/Karachi", "Asia/Dhaka", "Asia/Bangkok", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney",
          "Australia/Brisbane", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
          "America/Sao_Paulo", "America/Santiago", "Atlantic/Azores"]
_PACIFIC_WEST = ["Pacific/Auckland", "Pacific/Tongatapu", "Pacific/Kiritimati", "Pacific/Fiji"]
_PACIFIC_EAST = ["Pacific/Honolulu", "Pacific/Pago_Pago", "America/Anchorage", "Pacific/Tahiti"]
_HALF = ["Asia/Kolkata", "America/St_Johns", "Australia/Adelaide", "Australia/Darwin", "Asia/Kabul", "Asia/Yangon",
         "Pacific/Marquesas"]
_QUARTER = ["Asia/Kathmandu", "Pacific/Chatham", "Australia/Eucla"]
_INVENTED = ["Amberly", "Brightwater", "Coldmere", "Dunhollow", "Eastreach", "Fairhaven", "Greywick", "Highmoor",
             "Ivydale", "Juniper Bay"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def minute(t: datetime) -> int:
    return int((t - _EPOCH).total_seconds()) // 60


def segments(zone: str, lo: int, hi: int, step: int = 360) -> list[list[int]]:
    """[[first UTC minute, offset in minutes], ...] in force over [lo, hi], from zoneinfo (clock
    changes are months apart, so one change at most lies between two samples ``step`` apart)."""
    z = ZoneInfo(zone)
    off = lambda m: int((_EPOCH + timedelta(minutes=m)).astimezone(z).utcoffset().total_seconds()) // 60  # noqa: E731
    out = [[lo, off(lo)]]
    for m in range(lo + step, hi + step, step):
        if off(m) != out[-1][1]:
            a, b = m - step, m  # the change lies in (a, b]: find its minute
            while b - a > 1:
                a, b = (a, (a + b) // 2) if off((a + b) // 2) != out[-1][1] else ((a + b) // 2, b)
            out.append([b, off(b)])
    return out


def local_to_utc(zone: str, y: int, mo: int, d: int, h: int, mi: int) -> datetime | None:
    """The one instant a local reading names, or None in a gap or an overlap."""
    z = ZoneInfo(zone)
    a, b = (datetime(y, mo, d, h, mi, fold=f, tzinfo=z) for f in (0, 1))
    if a.utcoffset() != b.utcoffset():
        return None
    back = a.astimezone(UTC).astimezone(z)
    return a.astimezone(UTC) if (back.hour, back.minute, back.day) == (h, mi, d) else None


def route(data: dict) -> datetime | None:
    """Reference: the final instant (UTC) with zoneinfo; None when a dispatch time is ambiguous
    (in a clock change's gap or overlap, or at the very minute of arrival)."""
    zones = [c["zone"] for c in data["cities"]]
    t = local_to_utc(zones[0], *data["start"])
    for i, dur in enumerate(data["durations"]):
        t = t + timedelta(minutes=dur)
        if i + 1 < len(data["durations"]):
            here = t.astimezone(ZoneInfo(zones[i + 1]))
            h, m = data["dispatch"][i]
            for day in range(3):
                d = here.date() + timedelta(days=day)
                nxt = local_to_utc(zones[i + 1], d.year, d.month, d.day, h, m)
                if nxt is None or nxt == t:  # ambiguous: a clock change, or dispatch at the arrival minute
                    return None
                if nxt > t:
                    t = nxt
                    break
    return t


def _clock(h: int, m: int, fmt: str) -> str:
    if fmt == "24h":
        return f"{h:02d}:{m:02d}"
    return f"{(h - 1) % 12 + 1}:{m:02d} {'am' if h < 12 else 'pm'}"


def _date(y: int, mo: int, d: int, fmt: str) -> str:
    return f"{y:04d}-{mo:02d}-{d:02d}" if fmt == "iso" else f"{d} {_MONTHS[mo - 1]} {y}"


def _offset(m: int) -> str:
    return f"UTC{'+' if m >= 0 else '−'}{abs(m) // 60:02d}:{abs(m) % 60:02d}"


def _span(m: int) -> str:
    h, mi = divmod(m, 60)
    return " ".join(([f"{h} hour{'s' * (h != 1)}"] if h else []) + ([f"{mi} minute{'s' * (mi != 1)}"] if mi else []))


def _zones(rng: Random, p: Params) -> list[str]:
    n = p.hops + 1
    zones = rng.sample(_WHOLE + _PACIFIC_WEST + _PACIFIC_EAST, n)
    taken: tuple[int, ...] = ()
    if p.crossing == "dateline":  # two neighbours in the chain on either side of the date line
        i = rng.randrange(n - 1)
        pair = [rng.choice(_PACIFIC_WEST), rng.choice(_PACIFIC_EAST)]
        rng.shuffle(pair)
        zones[i:i + 2], taken = pair, (i, i + 1)
    special = {"half": _HALF, "quarter": _QUARTER}.get(p.offsets)
    if special:
        free = [j for j in range(n) if j not in taken]
        if free:
            zones[rng.choice(free)] = rng.choice(special)
        elif p.offsets == "quarter":  # Chatham lies west of the date line, the Marquesas east
            zones[[z in _PACIFIC_WEST for z in zones].index(True)] = "Pacific/Chatham"
        else:
            zones[[z in _PACIFIC_EAST for z in zones].index(True)] = "Pacific/Marquesas"
    return zones if len(set(zones)) == n else []


@family("time_zones", version=1, domain="calendar", answer=AnswerType.STRING,
        purpose="Give the local date and time after a call or a relay of journeys across stated time zones.")
class TimeZones:
    hops = IntRange(1, 5, base=1, levels=(1, 2, 3, 5), help="cities after the first (2+: a relay with dispatch times)")
    max_hours = IntRange(1, 72, base=12, levels=(1, 4, 12, 24, 48, 72), help="longest call or journey, in hours")
    minutes = Flag(base=True, help="times and durations to the minute (else whole hours)")
    offsets = Choice(("whole", "half", "quarter"), base="whole", ordered=True,
                     help="whole-hour zones only, or one half-hour or quarter-hour zone among them")
    crossing = Choice(("any", "date_change", "dateline"), base="any", ordered=True,
                      help="no constraint, the answer's date differs from the start's, or a date-line pair too")
    dst = Flag(base=False, help="a clock change falls within the days concerned (else none within two days)")
    ask = Choice(("local", "utc"), base="local", help="the final city's local time, or UTC")
    time_format = Choice(("24h", "ampm"), base="24h", role="surface", help="how clock times are written")
    names = Choice(("cities", "invented"), base="cities", role="surface", help="real or invented city names")
    date_format = Choice(("iso", "words"), base="iso", role="surface", help="how dates are written")

    def generate(self, p: Params, rng: Random) -> Problem:
        for _ in range(400):
            data = self._draw(p, rng)
            if data:
                break
        else:
            raise RuntimeError("no time-zone instance drawn")
        labels = rng.sample(_INVENTED, len(data["cities"]))
        for c, name in zip(data["cities"], labels, strict=True):
            c["name"] = c["zone"].split("/")[-1].replace("_", " ") if p.names == "cities" else name
        return Problem(self._prompt(p, data), data, AnswerType.STRING)

    def _draw(self, p: Params, rng: Random) -> dict | None:
        zones = _zones(rng, p)
        if not zones:
            return None
        step = 1 if p.minutes else 60
        durations = [rng.randrange(step if p.minutes else 60, p.max_hours * 60 + 1, step) for _ in range(p.hops)]
        dispatch = [[rng.randrange(24), rng.randrange(0, 60, step)] for _ in range(p.hops - 1)]
        if p.dst:  # start near a clock change of a zone of the chain (found by scanning the year)
            year = rng.randint(2016, 2024)
            lo = minute(datetime(year, 1, 1, tzinfo=UTC))
            changes = [s[0] for z in zones for s in segments(z, lo, lo + 366 * 1440, 1440)[1:]]
            if not changes:
                return None
            at = rng.choice(changes) - rng.randrange(-12 * 60, sum(durations) + 12 * 60 + 1)
        else:
            at = minute(datetime(rng.randint(2016, 2024), 1, 1, tzinfo=UTC)) + rng.randrange(365 * 1440)
        local = (_EPOCH + timedelta(minutes=at)).astimezone(ZoneInfo(zones[0]))
        start = [local.year, local.month, local.day, local.hour, local.minute - local.minute % step]
        data = {"cities": [{"zone": z} for z in zones], "start": start, "durations": durations,
                "dispatch": dispatch, "ask": p.ask}
        if local_to_utc(zones[0], *start) is None:
            return None
        end = route(data)
        if end is None:
            return None
        s0 = minute(local_to_utc(zones[0], *start))
        lo, hi = s0 - 2 * 1440, minute(end) + 2 * 1440
        for c in data["cities"]:
            c["segments"] = segments(c["zone"], lo, hi)
        near = [s[0] for c in data["cities"] for s in c["segments"][1:]]
        if p.dst != any(s0 - 12 * 60 <= m <= minute(end) + 12 * 60 for m in near) or (not p.dst and near):
            return None
        final = end.astimezone(ZoneInfo(zones[-1])) if p.ask == "local" else end
        if p.crossing != "any" and final.date() == local.date():
            return None
        return data

    def _prompt(self, p: Params, d: dict) -> str:
        cities, tf, df = d["cities"], p.time_format, p.date_format
        when = lambda t: f"{_clock(t.hour, t.minute, tf)} on {_date(t.year, t.month, t.day, df)}"  # noqa: E731
        rules = []
        for c in cities:
            segs = c["segments"]
            if len(segs) == 1:
                rules.append(f"- {c['name']} is at {_offset(segs[0][1])} throughout.")
                continue
            text = f"- {c['name']} is at {_offset(segs[0][1])}"
            for (m, off), (_, before) in zip(segs[1:], segs, strict=False):
                u = _EPOCH + timedelta(minutes=m)
                text += (f" until {when(u)} UTC ({when(u + timedelta(minutes=before))} local time, when its clocks "
                         f"change), then at {_offset(off)}")
            rules.append(text + ".")
        y, mo, day, h, mi = d["start"]
        start = f"{_clock(h, mi, tf)} on {_date(y, mo, day, df)}"
        head = "Clock times below are local unless marked UTC. The cities keep these offsets from UTC:\n"
        first, last = cities[0]["name"], cities[-1]["name"]
        if p.hops == 1:
            story = (f"A video call starts at {start} {first} time and lasts {_span(d['durations'][0])}. "
                     f"When does it end")
        else:
            legs = [f"A parcel leaves {first} at {start} {first} time."]
            for i, dur in enumerate(d["durations"]):
                legs.append(f"It travels from {cities[i]['name']} to {cities[i + 1]['name']}, which takes "
                            f"{_span(dur)}.")
                if i + 1 < len(d["durations"]):
                    h2, m2 = d["dispatch"][i]
                    legs.append(f"The depot in {cities[i + 1]['name']} sends it on the first time its clocks show "
                                f"{_clock(h2, m2, tf)} after it arrives.")
            story = " ".join(legs) + " When does it arrive"
        where = f"in {last} local time" if d["ask"] == "local" else "in UTC"
        return (head + "\n".join(rules) + f"\n\n{story}, {where}? "
                + AnswerType.STRING.sentence("the date and the 24-hour time", placeholder="YYYY-MM-DD HH:MM"))

    def solve(self, problem: Problem) -> str:
        end = route(problem.data)
        if problem.data["ask"] == "local":
            end = end.astimezone(ZoneInfo(problem.data["cities"][-1]["zone"]))
        return end.strftime("%Y-%m-%d %H:%M")

    def check(self, problem: Problem, answer) -> Verdict:
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+|T)(\d{1,2}):(\d{2})", str(answer).strip())
        if not m:
            return wrong(f"{answer!r} is not YYYY-MM-DD HH:MM")
        return match_string("{:04d}-{:02d}-{:02d} {:02d}:{:02d}".format(*map(int, m.groups())),
                            stated_arithmetic(problem.data))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = self.solve(problem)
        t = datetime.strptime(right, "%Y-%m-%d %H:%M")
        first, last = d["cities"][0]["segments"], d["cities"][-1]["segments"]
        if d["ask"] == "local":  # the offset difference applied the wrong way; the last clock change missed
            slips = [-2 * (last[-1][1] - first[0][1]), first[0][1] - last[-1][1], last[0][1] - last[-1][1]]
        else:  # the start city's offset added instead of subtracted
            slips = [2 * first[0][1], first[-1][1] - first[0][1]]
        shifted = [t + timedelta(minutes=m) for m in slips if m] + [t + timedelta(days=1), t - timedelta(hours=1)]
        cands = [s.strftime("%Y-%m-%d %H:%M") for s in shifted]
        return distinct(right, cands)[:5] + [hedge(right, (t + timedelta(days=1)).strftime("%Y-%m-%d %H:%M"))]


def _civil(n: int) -> tuple[int, int, int]:
    """Day number (days since 1970-01-01) to (year, month, day)."""
    era, doe = divmod(n + 719468, 146097)
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    mo = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (mo <= 2), mo, doy - (153 * mp + 2) // 5 + 1


def _days(y: int, mo: int, d: int) -> int:
    y -= mo <= 2
    era, yoe = divmod(y, 400)
    doy = (153 * (mo + (-3 if mo > 2 else 9)) + 2) // 5 + d - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468


def stated_arithmetic(d: dict) -> str:
    """The answer from the offsets as stated in the prompt, in whole minutes since 1970."""
    def offset_at(city: dict, utc: int) -> int:
        return [off for first, off in city["segments"] if first <= utc][-1]

    def to_utc(city: dict, local: int) -> int:
        fits = [local - off for i, (first, off) in enumerate(city["segments"]) if first <= local - off
                and (i + 1 == len(city["segments"]) or local - off < city["segments"][i + 1][0])]
        if len(fits) != 1:
            raise ValueError("a local time in a clock change's gap or overlap")
        return fits[0]

    cities = d["cities"]
    y, mo, day, h, mi = d["start"]
    t = to_utc(cities[0], _days(y, mo, day) * 1440 + h * 60 + mi)
    for i, dur in enumerate(d["durations"]):
        t += dur
        if i + 1 < len(d["durations"]):
            city, (h2, m2) = cities[i + 1], d["dispatch"][i]
            here = t + offset_at(city, t)
            target = here // 1440 * 1440 + h2 * 60 + m2
            while to_utc(city, target) <= t:
                target += 1440
            t = to_utc(city, target)
    if d["ask"] == "local":
        t += offset_at(cities[-1], t)
    yy, mm, dd = _civil(t // 1440)
    return f"{yy:04d}-{mm:02d}-{dd:02d} {t % 1440 // 60:02d}:{t % 60:02d}"
