"""``unseen review``: look at sampled instances by hand and record whether each label is
right. Flawed verdicts feed epsilon in the corrected score (``unseen analyse``)."""

from __future__ import annotations

import json
import random

import typer
from rich.console import Console

from unseen.cli.common import JsonOpt, StoreOpt, print_json
from unseen.errors import UsageError
from unseen.store import open_store
from unseen.store.sqlite import now

VERDICTS = ("ok", "flawed")


def register(app: typer.Typer) -> None:
    @app.command("review")
    def review_cmd(
        run_id: str = typer.Argument(None, help="Run id or a unique prefix; default the latest run."),
        sample: int = typer.Option(10, "--sample", help="How many unreviewed instances to show."),
        mark: list[str] = typer.Option([], "--mark", help="Record without asking: INSTANCE_ID=ok|flawed (repeat)."),
        note: str = typer.Option("", "--note", help="A note stored with --mark verdicts."),
        seed: int = typer.Option(0, "--seed", help="Seed for choosing which instances to show."),
        store: str = StoreOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Review sampled instances by hand: is the reference answer right and the task solvable?"""
        parsed = []
        for m in mark:
            iid, eq, verdict = m.partition("=")
            if not eq or verdict not in VERDICTS:
                raise UsageError(f"--mark {m!r} is malformed; write INSTANCE_ID=ok or INSTANCE_ID=flawed")
            parsed.append((iid.strip(), verdict))
        if sample < 0:
            raise UsageError(f"--sample {sample} must be 0 or more")
        with open_store(store, create=False, readonly=not parsed and as_json) as st:  # a listing only reads
            run = st.get_run(run_id)
            tasks = {r["instance_id"]: r for r in st.query(
                "SELECT r.instance_id, i.problem_json, i.reference, i.family FROM run_items r JOIN instances i "
                "USING (instance_id) WHERE r.run_id=? AND r.kind='task' AND r.verified=1", (run.run_id,))}
            for iid, _ in parsed:
                if iid not in tasks:
                    raise UsageError(f"instance {iid!r} is not an asked task of run {run.run_id}; "
                                     "see `unseen review --json` for the ids")
            done = {r[0] for r in st.query("SELECT instance_id FROM reviews WHERE run_id=?", (run.run_id,))}
            records = [(iid, v, note) for iid, v in parsed]
            if not parsed:
                todo = sorted(i for i in tasks if i not in done)
                chosen = random.Random(seed).sample(todo, min(sample, len(todo)))
                if as_json:
                    print_json([{"instance_id": i, "family": tasks[i]["family"], "reference": tasks[i]["reference"],
                                 "prompt": json.loads(tasks[i]["problem_json"])["prompt"]} for i in chosen])
                    return
                try:
                    records = _ask(Console(), chosen, tasks)
                except typer.Abort:  # the input ended (no terminal, or Ctrl-D): nothing is recorded
                    raise UsageError("unseen review reads its answers from the terminal and the input ended; run "
                                     "it at a terminal, or list the instances with --json and record with --mark "
                                     "ID=ok|flawed") from None
            with st.con:
                st.con.executemany("INSERT OR REPLACE INTO reviews VALUES (?,?,?,?,?)",
                                   [(run.run_id, i, v, n, now()) for i, v, n in records])
            flawed = sum(v == "flawed" for _, v, _ in records)
            Console(stderr=True).print(f"recorded {len(records)} reviews ({flawed} flawed) for run {run.run_id}")


def _ask(console: Console, chosen: list[str], tasks: dict) -> list[tuple[str, str, str]]:
    out = []
    for n, iid in enumerate(chosen, 1):
        row = tasks[iid]
        console.rule(f"{n}/{len(chosen)}  {row['family']}  {iid}")
        console.print(json.loads(row["problem_json"])["prompt"], markup=False, highlight=False)
        console.print(f"[bold]reference answer:[/bold] {row['reference']}", highlight=False)
        answer = typer.prompt("Right and solvable? [y]es / [n]o (flawed) / [s]kip / [q]uit", default="s")
        key = answer.strip().lower()[:1]
        if key == "q":
            break
        if key in ("y", "n"):
            note = typer.prompt("note (optional)", default="") if key == "n" else ""
            out.append((iid, "ok" if key == "y" else "flawed", note))
    return out
