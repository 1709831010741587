"""``unseen check``: a family's whole contract, as a report with one row per rule.

``check_family(fam, n, seed)`` draws the base setting and ``n`` random settings (each
variable uniformly from its whole domain), one instance each, plus ``DISTINCT_DRAWS``
instances at the base setting, and checks:

* **declaration**: at least 3 logic and 1 surface variable, a state space of at least 10^5;
* **generates**: ``generate`` returns a Problem of a declared answer type, without raising;
* **determinism**: the same setting and seed give the same Problem (as JSON) twice here
  and once in another Python process with another hash seed;
* **JSON round trip**: the Problem survives ``to_json``/``from_json`` and ``solve`` gives
  the same answer on the copy;
* **check accepts solve**: the reference passes ``check`` (``verify``: through the whole
  answer path);
* **near misses rejected** / **near misses offered**: ``check`` rejects every near miss,
  and every instance has at least one;
* **generation time**: p99 and max of ``generate``; no instance slower than 1 s;
* **distinct instances**: at least 95% distinct prompts in 200 draws at base;
* **answer spread**: no answer in over a third of the base draws (a BOOLEAN family, or
  one whose class documents ``binary_answer = "why"``, in over three quarters);
* **answer sentence**: the prompt ends with its answer type's sentence
  (``AnswerType.sentence``), written once;
* **re-derivation**: when the family defines ``rederive(prompt: str) -> str`` (the answer
  worked out from the prompt text alone), it agrees with the reference on every instance.

Exceptions raised by the family are failures of the row they belong to, never a crash.
"""

from __future__ import annotations

import base64
import contextlib
import json
import math
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from random import Random
from typing import Any

from unseen import answers
from unseen.family import Family
from unseen.forms import ends_with_answer_sentence
from unseen.problem import Problem
from unseen.seeding import sub_seed
from unseen.verify import verify

MIN_LOGIC, MIN_SURFACE, MIN_STATE_SPACE = 3, 1, 10**5
MAX_SECONDS = 1.0
"""No instance may take longer than this to generate."""
DISTINCT_DRAWS, DISTINCT_SHARE = 200, 0.95
TOP_SHARE, BINARY_TOP_SHARE = 1 / 3, 3 / 4
"""The most common answer's share of the base draws may not exceed these."""
GUARD_SECONDS = 10.0
"""One call of the family's code (generate, solve, check, rederive) is stopped after this
long and counted as a failure of its row, so a family that hangs cannot hang the check."""
CHILD_TIMEOUT = 600.0

CHECKS = ("declaration", "generates", "determinism", "JSON round trip", "check accepts solve",
          "near misses rejected", "near misses offered", "generation time", "distinct instances",
          "answer spread", "answer sentence", "re-derivation")
"""The rows of every report, in order."""


@dataclass(frozen=True)
class CheckRow:
    """One rule's outcome: ``status`` is ``pass``, ``fail`` or ``skip`` (nothing to check)."""

    check: str
    status: str
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "fail"


@dataclass(frozen=True, repr=False)
class CheckReport:
    """A family's contract: one row per rule (``CHECKS``). ``ok`` when no row failed;
    ``str(report)`` (and its repr) names every failure, so ``assert report.ok, report`` reads well."""

    family: str
    n: int
    seed: int
    rows: tuple[CheckRow, ...]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.rows)

    @property
    def failures(self) -> list[CheckRow]:
        return [r for r in self.rows if not r.ok]

    def row(self, check: str) -> CheckRow:
        return next(r for r in self.rows if r.check == check)

    def to_json(self) -> dict[str, Any]:
        return {"family": self.family, "n": self.n, "seed": self.seed, "ok": self.ok,
                "checks": [{"check": r.check, "status": r.status, "detail": r.detail} for r in self.rows]}

    def __str__(self) -> str:
        if self.ok:
            return f"family {self.family}: all {len(self.rows)} checks passed (n={self.n}, seed={self.seed})"
        lines = [f"family {self.family}: {len(self.failures)} of {len(self.rows)} checks failed "
                 f"(n={self.n}, seed={self.seed}; rerun with `unseen check {self.family} --seed {self.seed}`)"]
        lines += [f"  {r.check}: {r.detail}" for r in self.failures]
        return "\n".join(lines)

    __repr__ = __str__


@dataclass
class _Case:
    label: str
    params: dict[str, Any]
    seed: int
    problem: Problem | None = None
    json: str | None = None
    seconds: float = 0.0


@dataclass
class _Faults:
    """Failures of one rule: a count and the first few, each naming its instance."""

    seen: int = 0
    examples: list[str] = field(default_factory=list)
    cases: set[int] = field(default_factory=set)

    def add(self, case: _Case, what: str) -> None:
        """Count ``case`` once however many of its calls fail (determinism fails here and
        in another process: one instance, not two)."""
        if id(case) in self.cases:
            return
        self.cases.add(id(case))
        self.seen += 1
        if len(self.examples) < 2:
            self.examples.append(f"{case.label} {_show(case.params)} seed {case.seed}: {what}")

    def row(self, check: str, of: int, passed: str) -> CheckRow:
        if not of:
            return CheckRow(check, "skip", "no instance was generated")
        if not self.seen:
            return CheckRow(check, "pass", passed)
        more = f" (and {self.seen - len(self.examples)} more)" if self.seen > len(self.examples) else ""
        return CheckRow(check, "fail", f"{self.seen} of {of}: " + "; ".join(self.examples) + more)


class CallTimeout(Exception):
    """A family call that took longer than GUARD_SECONDS."""


@contextlib.contextmanager
def _guard(seconds: float | None = None) -> Iterator[None]:
    """Raise CallTimeout in the block after ``seconds`` (default GUARD_SECONDS; main thread on
    POSIX; elsewhere no limit)."""
    seconds = GUARD_SECONDS if seconds is None else seconds
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise CallTimeout(f"stopped after {seconds:g} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _show(params: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}={v}" for k, v in params.items()) + "}"


def _err(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def _settings(fam: Family, n: int, seed: int) -> list[_Case]:
    rng = Random(sub_seed("check", fam.name, seed))
    cases = [_Case("base", fam.base_params(), sub_seed("check-instance", fam.name, seed, 0))]
    for i in range(1, n + 1):
        params = {name: rng.choice(v.domain) for name, v in fam.variables.items()}
        cases.append(_Case(f"random #{i}", params, sub_seed("check-instance", fam.name, seed, i)))
    return cases


def _generate(fam: Family, case: _Case, faults: _Faults) -> None:
    start = time.perf_counter()
    try:
        with _guard():
            problem = fam.generate(case.params, Random(case.seed))
    except Exception as exc:  # the family's bug is the row's failure
        case.seconds = time.perf_counter() - start
        faults.add(case, _err(exc))
        return
    case.seconds = time.perf_counter() - start
    try:
        case.json = problem.to_json()
    except (TypeError, ValueError) as exc:
        faults.add(case, f"the Problem is not JSON-serialisable ({_err(exc)})")
        return
    case.problem = problem


def _reference(fam: Family, problem: Problem) -> str:
    return fam.render(problem, fam.solve(problem))


def _agrees(fam: Family, problem: Problem, derived: Any, reference: str) -> bool:
    if not isinstance(derived, str):
        return False
    try:
        if answers.parse(problem.answer_type, derived) == answers.parse(problem.answer_type, reference):
            return True
    except answers.AnswerFormatError:
        return False
    return fam.judge_text(problem, derived).correct


def check_families(fams: Iterable[Family], n: int = 50, seed: int = 0,
                   progress: Callable[[str], None] | None = None) -> list[CheckReport]:
    """``check_family`` for several families, with one other process for all of them."""
    fams = list(fams)
    states = []
    for fam in fams:
        if progress:
            progress(fam.name)
        states.append(_Checker(fam, n, seed).run_local())
    elsewhere = _generate_elsewhere([(s.fam, [c for c in s.cases if c.json is not None]) for s in states])
    return [s.report(other) for s, other in zip(states, elsewhere, strict=True)]


def check_family(family: Family | str, n: int = 50, seed: int = 0) -> CheckReport:
    """Check one family (a Family or a registered name) on ``n`` random settings plus base,
    and return a CheckReport. For a plugin's own tests::

        from unseen.author import check_family

        def test_my_family():
            report = check_family("my_family", n=50)
            assert report.ok, report

    Raises ``UsageError`` for an unknown name; never raises for a family's own bugs (they are
    failed rows). The other-process determinism check loads the family by pickling it (its
    class must be importable at module level) or, failing that, by name from the registry.
    """
    from unseen import registry

    fam = registry.get(family) if isinstance(family, str) else family
    return check_families([fam], n=n, seed=seed)[0]


class _Checker:
    def __init__(self, fam: Family, n: int, seed: int):
        self.fam, self.n, self.seed = fam, n, seed
        self.cases = _settings(fam, n, seed)
        self.base = [_Case("base draw", fam.base_params(), sub_seed("check-base", fam.name, seed, j))
                     for j in range(DISTINCT_DRAWS)]
        self.rows: dict[str, CheckRow] = {}
        self.verify_seconds = 0.0

    def run_local(self) -> _Checker:
        fam = self.fam
        self.rows["declaration"] = self._declaration()
        gen = _Faults()
        for case in [*self.cases, *self.base]:
            _generate(fam, case, gen)
        made = [c for c in self.cases if c.problem is not None]
        drawn = [c for c in self.base if c.problem is not None]
        every = made + drawn
        total = len(self.cases) + len(self.base)
        self.rows["generates"] = gen.row("generates", total, f"{total} instances over {len(self.cases)} settings "
                                                             f"and {len(self.base)} base draws")
        self.local_nondeterminism = _Faults()
        for case in made:
            try:
                with _guard():
                    again = fam.generate(case.params, Random(case.seed)).to_json()
            except Exception as exc:
                again = f"raised {_err(exc)}"
            if again != case.json:
                self.local_nondeterminism.add(case, "a second generation in the same process differs")
        trip, accepts, rejects, offered, sentence, rederive = (_Faults() for _ in range(6))
        can_rederive = callable(getattr(fam.impl, "rederive", None))
        references: dict[int, str] = {}
        for case in made:
            p = case.problem
            assert p is not None
            start = time.perf_counter()
            try:
                with _guard():
                    ver = verify(fam, p, case.seed)
            except CallTimeout as exc:
                accepts.add(case, f"verify (solve, check and the near misses) {exc}")
                continue
            finally:
                self.verify_seconds = max(self.verify_seconds, time.perf_counter() - start)
            if ver.false_passes:
                rejects.add(case, f"check accepts near miss {ver.false_passes[0]!r}")
            elif not ver.ok and ver.reason.startswith("near_misses raised"):
                # solve and check passed; no near miss was offered, so none was judged either
                offered.add(case, ver.reason)
                rejects.add(case, f"none could be judged: {ver.reason}")
            elif not ver.ok:
                accepts.add(case, ver.reason)
            else:
                references[id(case)] = ver.reference
            if not ver.near_misses and (ver.ok or ver.false_passes):
                offered.add(case, "no near miss")
            self._round_trip(case, ver.reference if ver.ok else None, trip)
        for case in every:
            p = case.problem
            assert p is not None
            if p.prompt.count("End with a final line") != 1 or not ends_with_answer_sentence(p.prompt, p.answer_type):
                tail = " ".join(p.prompt.split())[-90:]
                sentence.add(case, f"the prompt does not end with the {p.answer_type} answer sentence "
                                   f"(AnswerType.{p.answer_type.upper()}.sentence(...)), written once: ...{tail!r}")
        spread: Counter[str] = Counter()
        for case in drawn:
            try:
                if id(case) not in references:
                    with _guard():
                        references[id(case)] = _reference(fam, case.problem)  # type: ignore[arg-type]
            except Exception as exc:
                accepts.add(case, f"solve raised {_err(exc)}")
                continue
            spread[references[id(case)]] += 1
        if can_rederive:
            for case in every:
                if id(case) not in references:
                    continue
                try:
                    with _guard():
                        derived = fam.impl.rederive(case.problem.prompt)  # type: ignore[union-attr]
                except Exception as exc:
                    rederive.add(case, f"rederive raised {_err(exc)}")
                    continue
                if not _agrees(fam, case.problem, derived, references[id(case)]):  # type: ignore[arg-type]
                    rederive.add(case, f"rederive gives {derived!r}, the reference is {references[id(case)]!r}")
        self.rows["JSON round trip"] = trip.row("JSON round trip", len(made), f"{len(made)} instances")
        solved = f"{len(made)} instances verified, {len(drawn)} base draws solved"
        self.rows["check accepts solve"] = accepts.row("check accepts solve", len(made) + len(drawn), solved)
        self.rows["near misses rejected"] = rejects.row("near misses rejected", len(made), f"{len(made)} instances")
        self.rows["near misses offered"] = offered.row("near misses offered", len(made),
                                                       "at least one on every instance")
        self.rows["generation time"] = self._timing()
        self.rows["distinct instances"] = self._distinct(drawn)
        self.rows["answer spread"] = self._spread(spread)
        self.rows["answer sentence"] = sentence.row("answer sentence", len(every), f"{len(every)} prompts")
        if can_rederive:
            checked = sum(id(c) in references for c in every)
            self.rows["re-derivation"] = rederive.row("re-derivation", checked,
                                                      f"agrees with the reference on {checked} instances")
        else:
            self.rows["re-derivation"] = CheckRow("re-derivation", "skip",
                                                  "the family defines no rederive(prompt) -> str (optional)")
        return self

    def _declaration(self) -> CheckRow:
        roles = Counter(v.role for v in self.fam.variables.values())
        size = self.fam.state_space_size
        detail = f"{roles['logic']} logic, {roles['surface']} surface variables; state space {size:,}"
        wants = []
        if roles["logic"] < MIN_LOGIC:
            wants.append(f"at least {MIN_LOGIC} logic variables")
        if roles["surface"] < MIN_SURFACE:
            wants.append(f"at least {MIN_SURFACE} surface variable")
        if size < MIN_STATE_SPACE:
            wants.append(f"a state space of at least {MIN_STATE_SPACE:,}")
        return CheckRow("declaration", "fail" if wants else "pass", detail + ("; needs " + ", ".join(wants)
                                                                             if wants else ""))

    def _round_trip(self, case: _Case, reference: str | None, faults: _Faults) -> None:
        try:
            copy = Problem.from_json(case.json or "")
        except Exception as exc:
            faults.add(case, f"from_json raised {_err(exc)}")
            return
        if copy != case.problem:
            faults.add(case, "the Problem read back from JSON differs (use lists and string keys in data)")
            return
        if reference is None:
            return
        try:
            with _guard():
                again = _reference(self.fam, copy)
        except Exception as exc:
            faults.add(case, f"solve on the JSON copy raised {_err(exc)}")
            return
        if again != reference:
            faults.add(case, f"solve on the JSON copy gives {again!r}, not {reference!r}")

    def _timing(self) -> CheckRow:
        times = sorted(c.seconds for c in [*self.cases, *self.base])
        p99 = times[min(len(times) - 1, math.ceil(0.99 * len(times)) - 1)]
        slowest = max([*self.cases, *self.base], key=lambda c: c.seconds)
        detail = (f"p99 {p99 * 1000:.1f} ms, max {slowest.seconds * 1000:.1f} ms "
                  f"(verifying: max {self.verify_seconds * 1000:.0f} ms)")
        if slowest.seconds > MAX_SECONDS:
            return CheckRow("generation time", "fail", f"{detail} ({slowest.label} {_show(slowest.params)} seed "
                                                       f"{slowest.seed}); no instance may take over {MAX_SECONDS:g} s")
        return CheckRow("generation time", "pass", detail)

    def _distinct(self, drawn: list[_Case]) -> CheckRow:
        if not drawn:
            return CheckRow("distinct instances", "skip", "no instance was generated")
        k = len({c.problem.prompt for c in drawn if c.problem is not None})
        detail = f"{k} distinct prompts in {len(drawn)} draws at base"
        if k < DISTINCT_SHARE * len(drawn):
            return CheckRow("distinct instances", "fail", f"{detail}; needs at least {DISTINCT_SHARE:.0%}")
        return CheckRow("distinct instances", "pass", detail)

    def _spread(self, spread: Counter[str]) -> CheckRow:
        total = sum(spread.values())
        if not total:
            return CheckRow("answer spread", "skip", "no base draw was solved")
        answer, count = spread.most_common(1)[0]
        why = getattr(self.fam.impl, "binary_answer", "")
        binary = set(self.fam.answer_types) == {"boolean"} or bool(why)
        limit = BINARY_TOP_SHARE if binary else TOP_SHARE
        detail = f"{len(spread)} distinct answers; the most common, {answer[:40]!r}, in {count} of {total}"
        if binary:
            detail += " (a binary answer)"
        if count > limit * total:
            return CheckRow("answer spread", "fail", f"{detail}; at most {limit:.0%} allowed")
        return CheckRow("answer spread", "pass", detail)

    def report(self, elsewhere: dict[int, str] | str) -> CheckReport:
        faults = self.local_nondeterminism
        made = [c for c in self.cases if c.json is not None]
        if isinstance(elsewhere, str):
            row = CheckRow("determinism", "fail", elsewhere)
        else:
            for i, case in enumerate(made):
                if elsewhere.get(i) != case.json:
                    got = elsewhere.get(i, "nothing")
                    why = got if got.startswith("raised") else "differs"
                    faults.add(case, f"another process (another hash seed) {why}")
            row = faults.row("determinism", len(made), f"{len(made)} settings, here and in another process")
        self.rows["determinism"] = row
        return CheckReport(self.fam.name, self.n, self.seed, tuple(self.rows[c] for c in CHECKS))


def _generate_elsewhere(work: list[tuple[Family, list[_Case]]]) -> list[dict[int, str] | str]:
    """Generate every case again in a fresh Python process with another hash seed; per
    family, {case index: Problem JSON or "raised ..."} or one string saying why it could not."""
    payload = []
    for fam, cases in work:
        try:
            blob = base64.b64encode(pickle.dumps(fam)).decode()
        except Exception:  # a class defined inside a function: load it by name instead
            blob = None
        payload.append({"name": fam.name, "pickle": blob, "cases": [[c.params, c.seed] for c in cases]})
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = str((int(env.get("PYTHONHASHSEED") or 0) + 1) % 4294967296)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    try:
        done = subprocess.run([sys.executable, "-c", "from unseen.checking import _child; _child()"],
                              input=json.dumps(payload), capture_output=True, text=True, env=env,
                              timeout=CHILD_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return [f"the other process took over {CHILD_TIMEOUT:g} s"] * len(work)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return [f"the other process failed ({last})"] * len(work)
    out: list[dict[int, str] | str] = []
    for got in json.loads(done.stdout):
        out.append(got if isinstance(got, str) else {int(k): v for k, v in got.items()})
    return out


def _child() -> None:
    """The other process of the determinism check (reads the work as JSON on stdin)."""
    from unseen import registry

    results: list[Any] = []
    for job in json.loads(sys.stdin.read()):
        fam = None
        why = ""
        if job["pickle"]:
            try:
                fam = pickle.loads(base64.b64decode(job["pickle"]))
            except Exception as exc:
                why = _err(exc)
        if fam is None:
            try:
                fam = registry.get(job["name"])
            except Exception as exc:
                results.append(f"the family could not be loaded in another process ({why or _err(exc)}); "
                               "define its class at module level or install it")
                continue
        got = {}
        for i, (params, seed) in enumerate(job["cases"]):
            try:
                with _guard():
                    got[i] = fam.generate(params, Random(seed)).to_json()
            except Exception as exc:
                got[i] = f"raised {_err(exc)}"
        results.append(got)
    sys.stdout.write(json.dumps(results))
