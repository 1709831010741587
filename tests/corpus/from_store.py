"""Turn a run's stored responses into graded corpus cases.

    python tests/corpus/from_store.py sheet STORE SHEET.jsonl     # what a grader reads
    python tests/corpus/from_store.py merge STORE GRADES.jsonl OUT.jsonl

``sheet`` writes one line per scored attempt: an id, the family, the answer type, the
prompt, the verified reference and the response. A grader (a careful person) writes
GRADES.jsonl with one line per id: ``{"id": ..., "verdict": true|false, "in_form":
true|false, "note": "..."}`` where ``verdict`` says whether the response commits to the
right answer and ``in_form`` whether it answers in the form the prompt asks for (a final
``Answer:`` line or ``\\boxed{}``). ``merge`` writes the corpus file (problems once in the
first line, as ``build.py`` does) with ``shape`` ``smollm2`` and the grader's note.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

from unseen.problem import Problem

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from corpus.build import write  # noqa: E402 - tests/ is put on the path just above


def attempts(store: str) -> list[dict]:
    con = sqlite3.connect(store)
    con.row_factory = sqlite3.Row
    rows = con.execute(
        "SELECT a.run_id || ':' || a.instance_id || ':' || a.sample AS id, i.family, i.answer_type, "
        "i.reference, i.problem_json, a.response FROM attempts a JOIN instances i USING (instance_id) "
        "WHERE a.status = 'ok' ORDER BY i.family, a.instance_id").fetchall()
    return [dict(r) for r in rows]


def sheet(store: str, out: str) -> None:
    with open(out, "w") as fh:
        for r in attempts(store):
            prompt = json.loads(r["problem_json"])["prompt"]
            fh.write(json.dumps({"id": r["id"], "family": r["family"], "answer_type": r["answer_type"],
                                 "prompt": prompt, "reference": r["reference"], "response": r["response"]}) + "\n")


def merge(store: str, grades: str, out: str) -> None:
    graded = {g["id"]: g for g in map(json.loads, Path(grades).read_text().splitlines()) if g}
    rows = []
    for r in attempts(store):
        g = graded.get(r["id"])
        if g is None:
            continue
        rows.append({"family": r["family"], "problem": Problem.from_json(r["problem_json"]),
                     "reference": r["reference"], "response": r["response"], "verdict": bool(g["verdict"]),
                     "in_form": bool(g["in_form"]), "shape": "smollm2", "note": g.get("note", "")})
    write(rows, Path(out))
    print(f"{len(rows)} graded cases written to {out}", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:2] == ["sheet"] and len(sys.argv) == 4:
        sheet(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["merge"] and len(sys.argv) == 5:
        merge(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
