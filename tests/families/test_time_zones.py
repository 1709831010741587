"""time_zones: the offsets, clock changes and journey read back from the prompt text alone,
worked with naive datetime arithmetic written here, give the reference date and time."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

from families import random_instances
from unseen import registry
from unseen.verify import verify

FAM = registry.get("time_zones")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
CLOCK = r"(\d{1,2}:\d{2}(?: [ap]m)?) on (\d{4}-\d{2}-\d{2}|\d{1,2} [A-Z][a-z]+ \d{4})"


def moment(clock: str, date: str) -> datetime:
    h, m = (int(v) for v in clock[:5].strip().split(" ")[0].split(":"))
    if clock.endswith("am") or clock.endswith("pm"):
        h = h % 12 + (12 if clock.endswith("pm") else 0)
    if "-" in date:
        y, mo, d = (int(v) for v in date.split("-"))
    else:
        d, month, y = date.split()
        d, mo, y = int(d), MONTHS.index(month) + 1, int(y)
    return datetime(y, mo, d, h, m)


def offset(text: str) -> timedelta:
    sign, h, m = re.fullmatch(r"UTC([+−])(\d{2}):(\d{2})", text).groups()
    return (1 if sign == "+" else -1) * timedelta(hours=int(h), minutes=int(m))


def span(text: str) -> timedelta:
    h = re.search(r"(\d+) hours?", text)
    m = re.search(r"(\d+) minutes?", text)
    return timedelta(hours=int(h.group(1)) if h else 0, minutes=int(m.group(1)) if m else 0)


def read_zones(prompt: str) -> dict[str, list[tuple[datetime | None, timedelta]]]:
    """City -> [(UTC moment from which an offset holds, offset)], the first from the start of time."""
    zones = {}
    for name, rest in re.findall(r"^- (.+?) is at (.*)\.$", prompt, re.M):
        first = re.match(r"(UTC\S+)", rest).group(1)
        table = [(None, offset(first))]
        for clock, date, after in re.findall(r"until " + CLOCK + r" UTC \(.*?\), then at (UTC\S+)", rest):
            table.append((moment(clock, date), offset(after)))
        assert rest.endswith("throughout") == (len(table) == 1), rest
        zones[name] = table
    return zones


def at(table, utc: datetime) -> timedelta:
    return [off for since, off in table if since is None or since <= utc][-1]


def to_utc(table, local: datetime) -> datetime:
    fits = {local - off for i, (since, off) in enumerate(table)
            if (since is None or since <= local - off) and (i + 1 == len(table) or local - off < table[i + 1][0])}
    assert len(fits) == 1, (local, table)
    return fits.pop()


def answer_from_prompt(prompt: str) -> str:
    zones = read_zones(prompt)
    story = prompt.split("\n\n")[1]
    clock, date, city = re.search(r"(?:starts|leaves \S.*?) at " + CLOCK + r" (.+?) time", story).groups()
    t = to_utc(zones[city], moment(clock, date))
    if story.startswith("A video call"):
        t += span(re.search(r"and lasts (.*?)\. When", story).group(1))
    for sentence in re.findall(r"(It travels from .*? which takes .*?\.|The depot in .*? after it arrives\.)", story):
        if sentence.startswith("It travels"):
            t += span(sentence)
            continue
        depot, clock = re.fullmatch(r"The depot in (.+?) sends it on the first time its clocks show (.*?) after "
                                    r"it arrives\.", sentence).groups()
        here = t + at(zones[depot], t)
        nxt = moment(clock, here.strftime("%Y-%m-%d"))
        while to_utc(zones[depot], nxt) <= t:
            nxt += timedelta(days=1)
        t = to_utc(zones[depot], nxt)
    if m := re.search(r", in (.+?) local time\?", story):
        t += at(zones[m.group(1)], t)
    else:
        assert ", in UTC?" in story
    return t.strftime("%Y-%m-%d %H:%M")


def test_the_prompt_alone_gives_the_reference_time():
    changes = 0
    for params, seed, problem in random_instances(FAM, 300, 13):
        got = answer_from_prompt(problem.prompt)
        assert got == FAM.solve(problem), (seed, params, problem.prompt)
        assert verify(FAM, problem, seed).ok
        changes += " until " in problem.prompt
        assert (" until " in problem.prompt) == params["dst"], (seed, params)
    assert changes > 100


def test_the_variables_show_in_the_instance():
    for params, seed, problem in random_instances(FAM, 200, 2):
        offsets = {s[1] % 60 for c in problem.data["cities"] for s in c["segments"]}
        want = {"whole": {0}, "half": {30}, "quarter": {45}}[params["offsets"]]
        assert want <= offsets and offsets <= {0} | want, (seed, params, offsets)
        start = "{:04d}-{:02d}-{:02d}".format(*problem.data["start"][:3])
        if params["crossing"] != "any":
            assert FAM.solve(problem)[:10] != start
        if params["crossing"] == "dateline":
            firsts = [c["segments"][0][1] for c in problem.data["cities"]]
            assert any(a * b < 0 and abs(a - b) >= 20 * 60 for a, b in zip(firsts, firsts[1:], strict=False))
        if not params["minutes"]:
            assert all(d % 60 == 0 for d in problem.data["durations"]) and problem.data["start"][4] == 0
        assert len(problem.data["cities"]) == params["hops"] + 1


def test_surface_leaves_the_instance_unchanged():
    for seed in range(20):
        seen = set()
        for tf in ("24h", "ampm"):
            for names in ("cities", "invented"):
                for df in ("iso", "words"):
                    problem = FAM.generate({"hops": 3, "dst": True, "time_format": tf, "names": names,
                                            "date_format": df}, random.Random(seed))
                    data = {**problem.data, "cities": [{k: v for k, v in c.items() if k != "name"}
                                                       for c in problem.data["cities"]]}
                    seen.add((str(data), FAM.solve(problem)))
        assert len(seen) == 1


def test_checker_reads_the_form_and_rejects_near_misses():
    for params, seed, problem in random_instances(FAM, 60, 9):
        right = FAM.solve(problem)
        assert FAM.judge_text(problem, right.replace(" ", "T"))
        assert not FAM.judge_text(problem, right[:10])
        for miss in FAM.near_misses(problem, random.Random(seed)):
            assert not FAM.judge_text(problem, miss), (seed, params, miss)
