"""Scoring on the response corpus: unseen's scorer beside math-verify, on the same cases.

    python benchmarks/scoring.py                 # needs: pip install math-verify
    PYTHONPATH=OLD/src python benchmarks/scoring.py --unseen-only   # an older unseen checkout

For each answer type: false passes (a response a careful grader marks wrong that is
scored right, strict or lenient for unseen, math-verify's verify for math-verify),
false fails (a right answer in the requested form scored wrong), and crashes. math-verify
gets the reference as gold and the whole response, as its documentation shows; it is a
math answer verifier, so its figures on lists, grids and strings are shown for
completeness, not as a fair contest there.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [ROOT / "tests" / "corpus" / "rules.jsonl", ROOT / "tests" / "corpus" / "smollm2.jsonl"]


def load() -> list[dict]:
    sys.path.insert(0, str(ROOT / "tests"))
    from corpus.build import load_corpus

    return load_corpus(CORPUS)


LENIENT_UNFORMED: list[dict] = []


def unseen_judge():
    from unseen import registry
    from unseen.problem import Problem
    from unseen.scoring import score

    def judge(r: dict) -> bool:
        s = score(registry.get(r["family"]), Problem(**r["problem"]), r["response"])
        if r["verdict"]:
            return s.pass_strict
        # a wrong response passes if strict passes it, or lenient does on a response in the asked
        # form (the test's definition); lenient reads of unformed responses are counted apart
        if s.pass_lenient and not s.pass_strict and not r["in_form"]:
            LENIENT_UNFORMED.append(r)
            return False
        return s.pass_strict or s.pass_lenient

    return judge


def math_verify_judge():
    from math_verify import parse, verify

    def judge(r: dict) -> bool:
        return bool(verify(parse(r["reference"]), parse(r["response"])))

    return judge


def tally(rows: list[dict], judge) -> tuple[dict, float]:
    by_type: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    start = time.perf_counter()
    for r in rows:
        t = by_type[r["problem"]["answer_type"]]
        t["cases"] += 1
        try:
            passed = judge(r)
        except Exception:  # noqa: BLE001 - a crash is what is being counted
            t["crash"] += 1
            continue
        if not r["verdict"] and passed:
            t["false_pass"] += 1
        if r["verdict"] and r["in_form"]:
            t["in_form_right"] += 1
            t["false_fail"] += not passed
    return by_type, time.perf_counter() - start


def main() -> None:
    rows = load()
    judges = {"unseen": unseen_judge()}
    if "--unseen-only" not in sys.argv:
        judges["math-verify"] = math_verify_judge()
    results = {name: tally(rows, j) for name, j in judges.items()}
    types = sorted({r["problem"]["answer_type"] for r in rows})
    print(f"{len(rows)} cases; false passes / false fails (of in-form right answers) / crashes")
    head = "type".ljust(10) + "".join(f"{name:>34}" for name in results)
    print(head)
    for t in types + ["ALL"]:
        line = t.ljust(10)
        for by_type, _ in results.values():
            c = by_type.get(t, {}) if t != "ALL" else {
                k: sum(v.get(k, 0) for v in by_type.values())
                for k in ("cases", "false_pass", "false_fail", "crash", "in_form_right")}
            cell = f"FP {c.get('false_pass', 0)}  FF {c.get('false_fail', 0)}/{c.get('in_form_right', 0)}  " \
                   f"crash {c.get('crash', 0)}"
            line += f"{cell:>34}"
        print(line)
    print(f"unseen, lenient mode, wrong responses without the asked form read as right: {len(LENIENT_UNFORMED)}")
    for name, (_, secs) in results.items():
        print(f"{name}: {secs:.1f} s for {len(rows)} cases ({1000 * secs / max(1, len(rows)):.2f} ms a case)")


if __name__ == "__main__":
    main()
