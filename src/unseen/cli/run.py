"""``unseen run``: run a plan against a model, or resume a run by its id."""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from unseen.analysis.summary import load_summary
from unseen.cli.common import JsonOpt, StoreOpt, print_json, ready_model
from unseen.errors import UsageError
from unseen.models.retry import RetryPolicy
from unseen.plan import build_plan, plan_from_file
from unseen.report.terminal import summary_view
from unseen.runner import execute, new_run
from unseen.seeding import fresh_run_seed
from unseen.store import open_store

DEFAULT_MODEL = "local/smollm2"


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run_cmd(
        model: str = typer.Option(DEFAULT_MODEL, "--model", "-m",
                                  help="Model: local/smollm2 (default), local/PATH.gguf, openai/NAME, sim/..."),
        suite: str = typer.Option(None, "--suite",
                                  help="Named suite: smoke (the default with no plan options), standard, thorough."),
        family: list[str] = typer.Option([], "--family", "-f", help="Family to run (repeat); default all."),
        design: str = typer.Option(None, "--design", help="oat (one at a time), grid or random."),
        n: int = typer.Option(None, "--n", help="Instances per cell."),
        samples: int = typer.Option(None, "--samples", help="Samples per instance."),
        params: list[str] = typer.Option([], "--params", "-p",
                                         help="Fixed values: name=v,... or family:name=v,... (repeat)."),
        vary: list[str] = typer.Option([], "--vary", help="Only sweep these variables (repeat)."),
        cells: int = typer.Option(None, "--cells", help="Cells per family for the random design."),
        probes: float = typer.Option(None, "--probes", help="Share of extra probe items (q_e), e.g. 0.05."),
        plan_file: str = typer.Option(None, "--plan", help="Plan file (TOML or JSON) with the same keys."),
        seed: int = typer.Option(None, "--seed", help="Pin the run seed (default: a fresh random seed)."),
        store: str = StoreOpt,
        resume: str = typer.Option(None, "--resume", help="Resume this run id (its seed, plan and model)."),
        concurrency: int = typer.Option(8, "--concurrency", "-c", help="Requests in flight."),
        base_url: str = typer.Option(None, "--base-url", help="OpenAI-compatible base URL (or OPENAI_BASE_URL)."),
        timeout: float = typer.Option(None, "--timeout",
                                      help="Seconds before one request is abandoned (default 120; local models 600)."),
        max_retries: int = typer.Option(5, "--max-retries", help="Retries on 429, 5xx, timeouts, drops."),
        temperature: float = typer.Option(None, "--temperature", help="Sampling temperature (default 0: greedy)."),
        max_tokens: int = typer.Option(None, "--max-tokens", help="Most tokens per answer."),
        top_p: float = typer.Option(None, "--top-p", help="Nucleus sampling mass."),
        sampling_seed: int = typer.Option(
            None, "--sampling-seed", help="Sampler seed: sample 0 sends it as given, sample k a hash of (seed, k)."),
        stop: list[str] = typer.Option([], "--stop", help="Stop sequence (repeat)."),
        extra_body: str = typer.Option(None, "--extra-body",
                                       help='Extra request fields as JSON, e.g. \'{"repeat_penalty": 1.0}\'.'),
        cache: bool = typer.Option(True, "--cache/--no-cache", help="Reuse stored responses for identical asks."),
        progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar."),
        as_json: bool = JsonOpt,
    ) -> None:
        """Run a plan against a model; store every attempt; print the summary."""
        if not 1 <= concurrency <= 1024:
            raise UsageError(f"--concurrency {concurrency} must be from 1 to 1024")
        if seed is not None and not 0 <= seed < 2**63:
            raise UsageError(f"--seed {seed} must be between 0 and 2^63-1")
        if base_url is not None and not base_url.strip():
            raise UsageError(f"--base-url {base_url!r} is empty; give http://HOST:PORT/v1, or leave it out to use "
                             "OPENAI_BASE_URL")
        http = {"base_url": base_url, "timeout": timeout, "policy": RetryPolicy(max_retries=max_retries)}
        _check_sampling(timeout, temperature, max_tokens, top_p)
        if not 0 <= max_retries <= 100:
            raise UsageError(f"--max-retries {max_retries} must be from 0 to 100")
        if sampling_seed is not None and not 0 <= sampling_seed < 2**31:
            raise UsageError(f"--sampling-seed {sampling_seed} must be from 0 to 2147483647 (2^31-1, a seed every "
                             "server takes; llama.cpp reads a negative one as 'random')")
        if resume:
            given = [flag for flag, value in (("--model", model != DEFAULT_MODEL), ("--suite", suite),
                                              ("--family", family), ("--design", design), ("--n", n),
                                              ("--samples", samples), ("--params", params), ("--vary", vary),
                                              ("--cells", cells), ("--probes", probes), ("--plan", plan_file),
                                              ("--seed", seed is not None)) if value]
            if given:
                raise UsageError(f"--resume {resume} takes its model, plan and seed from the run; drop {given[0]} "
                                 "(or start a new run without --resume)")
            st = open_store(store, create=False)
            try:
                run = st.get_run(resume)
                http.update(base_url=base_url or run.options.get("http", {}).get("base_url"))
                mdl = ready_model(run.model, http)
            except BaseException:
                st.close()
                raise
        else:
            kwargs: dict[str, Any] = {}
            if plan_file:
                kwargs = plan_from_file(plan_file)
                kwargs.setdefault("families", [])
                kwargs["params"] = _as_list(kwargs.get("params", []))
                kwargs["vary"] = _as_list(kwargs.get("vary", []))
            if not any([suite, family, plan_file, design, n, samples, params, vary, cells, probes]):
                suite = "smoke"  # the main job: `unseen run` with no plan options
            plan = build_plan(
                families=list(family) or list(kwargs.get("families", [])),
                suite=suite or kwargs.get("suite"), design=design or kwargs.get("design"),
                n=n if n is not None else kwargs.get("n"),
                samples=samples if samples is not None else kwargs.get("samples"),
                params=list(params) or kwargs.get("params", []), vary=list(vary) or kwargs.get("vary", []),
                cells=cells if cells is not None else kwargs.get("cells"),
                probes=probes if probes is not None else kwargs.get("probes"))
            sampling = {"temperature": temperature, "max_tokens": max_tokens, "top_p": top_p,
                        "seed": sampling_seed, "stop": list(stop) or None, "extra_body": _extra(extra_body)}
            mdl = ready_model(model, http, list(plan.families))  # validated before the store is touched
            st = open_store(store, create=True)
            described = getattr(mdl, "describe", lambda: {})()
            run = new_run(st, model, plan, seed if seed is not None else fresh_run_seed(),
                          {"concurrency": concurrency, "cache": cache, "http": described,
                           "sampling": {k: v for k, v in sampling.items() if v is not None}})
        console = Console(stderr=True)
        show = progress and console.is_terminal and not as_json
        with st:
            if show:
                with Progress(TextColumn(f"[bold]{run.run_id}[/bold] {run.model}"), BarColumn(),
                              MofNCompleteColumn(), TextColumn("{task.fields[errors]} errors"),
                              TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                              console=console) as bar:
                    def start(total: int):
                        task = bar.add_task("ask", total=total, errors=0)
                        errs = [0]

                        def tick(error: bool) -> None:
                            errs[0] += error
                            bar.update(task, advance=1, errors=errs[0])
                        return tick
                    stats = execute(st, run, mdl, concurrency=concurrency, progress=start)
            else:
                console.print(f"run {run.run_id}: asking {run.model} ...", highlight=False)
                stats = execute(st, run, mdl, concurrency=concurrency,
                                progress=_log_progress(console, run.run_id) if progress else None)
            if stats.errors:
                console.print(f"{stats.errors} attempts ended in an error ({stats.scoring_errors} of them "
                              "scoring errors; reasons in the summary); `unseen run --resume "
                              f"{run.run_id} --store {st.path}` asks them again", highlight=False)
            if stats.generation_errors:
                first = st.query("SELECT family, reason FROM run_items WHERE run_id=? AND kind='task' AND verified=0 "
                                 "LIMIT 1", (run.run_id,))[0]
                console.print(f"{stats.generation_errors} instances were generation errors, never asked (e.g. "
                              f"{first['family']}: {first['reason']}); `unseen check {first['family']}` shows why",
                              highlight=False, markup=False)
            summary = load_summary(st, run.run_id)
        if as_json:
            print_json(summary.to_json())
        else:
            summary_view(Console(), summary)
        if stats.asked and stats.errors == stats.asked:  # nothing was learned: a script must see that
            first = next(iter(summary.error_reasons), "see the summary")
            console.print(f"error: every one of the {stats.asked} attempts asked ended in an error (e.g. {first})",
                          highlight=False, markup=False)
            raise typer.Exit(1)
        if not stats.planned and stats.generation_errors:  # every instance failed to generate: nothing asked
            console.print("error: every instance was a generation error; nothing was asked", highlight=False)
            raise typer.Exit(1)

    _register_unlock(app)


def _register_unlock(app: typer.Typer) -> None:
    @app.command("unlock")
    def unlock_cmd(
        run_id: str = typer.Argument(..., help="Run id (or a unique prefix) whose lock to clear."),
        store: str = StoreOpt,
    ) -> None:
        """Clear a run's lock left by a process that is gone (a lock from another machine is never taken over)."""
        with open_store(store, create=False) as st:
            run = st.get_run(run_id)
            held = st.break_lock(run.run_id)
        if held is None:
            typer.echo(f"run {run.run_id} is not locked; nothing to clear", err=True)
        else:
            typer.echo(f"cleared the lock of run {run.run_id} (process {held.get('pid')} on {held.get('host')} "
                       f"since {held.get('since')}); `unseen run --resume {run.run_id} --store {store}` goes on",
                       err=True)


def _log_progress(console: Console, run_id: str, every: float = 30.0):
    """Progress for a log (no terminal): one line every ``every`` seconds, and at the end."""
    import time

    def start(total: int):
        begun, last, done, errs = time.monotonic(), [time.monotonic()], [0], [0]

        def tick(error: bool) -> None:
            done[0] += 1
            errs[0] += error
            now = time.monotonic()
            if now - last[0] >= every or done[0] == total:
                last[0] = now
                console.print(f"run {run_id}: {done[0]}/{total} asked, {errs[0]} errors, "
                              f"{now - begun:.0f} s", highlight=False)
        return tick
    return start


def _check_sampling(timeout: float | None, temperature: float | None, max_tokens: int | None,
                    top_p: float | None) -> None:
    """Refuse out-of-domain request options before anything is written."""
    import math

    if timeout is not None and not (math.isfinite(timeout) and 0 < timeout <= 86_400):
        raise UsageError(f"--timeout {timeout} must be a number of seconds above 0 and at most 86400")
    if temperature is not None and not (math.isfinite(temperature) and 0 <= temperature <= 2):
        raise UsageError(f"--temperature {temperature} must be between 0 and 2")
    if max_tokens is not None and max_tokens < 1:
        raise UsageError(f"--max-tokens {max_tokens} must be at least 1")
    if top_p is not None and not (math.isfinite(top_p) and 0 < top_p <= 1):
        raise UsageError(f"--top-p {top_p} must be above 0 and at most 1")


def _extra(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise UsageError(f"--extra-body {text!r} is not a JSON object; write e.g. '{{\"top_k\": 1}}'")
    return value


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):  # TOML table: family = "a=1,b=2"
        return [f"{k}:{v}" for k, v in value.items()]
    return list(value)
