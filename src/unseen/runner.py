"""The async pipeline: plan items -> generate -> verify -> ask -> score -> record.

Every attempt is committed as it completes, so killing the process loses at most the
attempts in flight; running the same run again (``resume``) regenerates the same
instances from the stored run seed and plan, checks they are byte for byte the stored
ones, and asks only what has no scored attempt yet.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import signal
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from random import Random
from typing import Any

from unseen import __version__, distinct, registry
from unseen.answers import AnswerFormatError, parse, read
from unseen.errors import ModelError, StoreError, UnseenError
from unseen.family import Family
from unseen.models.base import AnswerKey, Completion, KeyEntry, Model, Request, hand_key
from unseen.models.retry import Fatal
from unseen.models.scrub import env_secrets, scrub
from unseen.plan import Item, Plan
from unseen.problem import Problem
from unseen.scoring import score
from unseen.seeding import canonical, instance_id, sample_seed, sub_seed
from unseen.store.declarations import FamilyDecl
from unseen.store.opening import is_full
from unseen.store.sqlite import RunRecord, Store, now
from unseen.verify import Verification, verify


class Interrupted(UnseenError):
    """The run was stopped by Ctrl-C or SIGTERM; it can be resumed."""


@dataclass(frozen=True)
class Prepared:
    item: Item
    fam: Family
    problem: Problem
    instance_id: str
    verification: Verification
    probe_label: str | None = None

    @property
    def usable(self) -> bool:
        """Asked: a verified task, or a verified probe with a usable wrong label."""
        return self.verification.ok and (self.item.kind == "task" or self.probe_label is not None)


@dataclass
class RunStats:
    planned: int = 0
    asked: int = 0
    skipped_done: int = 0
    generation_errors: int = 0
    errors: int = 0
    """Attempts stored with status 'error': transport errors and scoring errors."""
    scoring_errors: int = 0


def new_run(store: Store, model: str, plan: Plan, run_seed: int, options: dict[str, Any]) -> RunRecord:
    """Create and store a run. Its options are recorded with the greedy default filled in
    and scrubbed of keys and URL credentials."""
    if "sampling" in options:
        options = {**options, "sampling": {**DEFAULT_SAMPLING, **options["sampling"]}}
    options = json.loads(scrub(json.dumps(options)))
    versions = {f: registry.get(f).version for f in plan.families}
    run = RunRecord(uuid.uuid4().hex[:16], now(), run_seed, model, plan.to_json(), options, versions,
                    "running", __version__, None)
    store.create_run(run, [FamilyDecl.of(registry.get(f)) for f in plan.families])
    return run


def prepare(store: Store, run: RunRecord, key: AnswerKey | None = None) -> list[Prepared]:
    """Generate and verify every planned instance; write instances and items (idempotent);
    add every instance that will be asked to ``key``."""
    plan = Plan.from_json(run.plan)
    for fam_name, version in run.versions.items():
        now_version = registry.get(fam_name).version
        if now_version != version:
            raise StoreError(f"run {run.run_id} used {fam_name} version {version}, this unseen has "
                             f"version {now_version}; its instances cannot be rebuilt, start a new run")
    selection = distinct.for_run(plan, run.run_seed, run.options)  # no repeats within a cell
    selection.warn()  # cells too small for n, before anything is asked
    return prepare_items(store, run, selection.items, selection.problems, key=key)


def prepare_items(store: Store, run: RunRecord, items: list[Item],
                  generated: dict[int, Problem] | None = None, key: AnswerKey | None = None) -> list[Prepared]:
    """Generate (or take from ``generated``, by seed) and verify ``items``; check any already
    stored are byte for byte the same; write instances and run items; add the ones that
    will be asked to the answer ``key``."""
    prepared: list[Prepared] = []
    rows: list[dict[str, Any]] = []
    for item in items:
        fam = registry.get(item.family)
        iid = instance_id(fam.name, fam.version, item.params, item.seed)
        problem = (generated or {}).get(item.seed)
        if problem is None:
            problem, failed = generate_or_failure(fam, item.params, item.seed)
            ver = failed or verify(fam, problem, item.seed)
        else:
            ver = verify(fam, problem, item.seed)
        label = probe_label(problem, ver) if item.kind == "probe_label" else None
        if item.kind == "probe_unsolvable" and ver.ok:
            try:
                broken = fam.unsolvable(problem, Random(sub_seed("unsolvable", item.seed)))
            except Exception as exc:  # a family bug: the probe is not built, nothing is asked
                broken, ver = None, Verification(False, ver.reference, _raised("unsolvable", exc))
            if broken is not None and ver.ok:
                # the flawed task keeps the old label: a model "passes" it only by guessing that
                problem, label = broken, ver.reference
                iid = instance_id(fam.name + "#unsolvable", fam.version, item.params, item.seed)
        prepared.append(Prepared(item, fam, problem, iid, ver, label))
        rows.append({
            "instance_id": iid, "family": fam.name, "version": fam.version,
            "params_json": json.dumps(item.params, sort_keys=True), "seed": item.seed,
            "answer_type": problem.answer_type, "reference": ver.reference,
            "problem_json": problem.to_json(), "item": item.item, "idx": item.idx,
            "verified": int(ver.ok), "reason": ver.reason, "near_misses": len(ver.near_misses),
            "false_passes": len(ver.false_passes), "kind": item.kind, "probe_label": label,
        })
    stored = store.stored_problems([r["instance_id"] for r in rows])
    for r in rows:
        old = stored.get(r["instance_id"])
        if old is not None and old != r["problem_json"]:
            raise StoreError(f"instance {r['instance_id']} of family {r['family']} regenerates differently "
                             "from the stored one; the family changed without a version bump")
    store.add_items(run.run_id, rows)
    if key is not None:
        fill_key(key, prepared)
    return prepared


def _raised(what: str, exc: Exception) -> str:
    return scrub(f"{what} raised {type(exc).__name__}: {exc}")[:REASON_LIMIT]


def generate_or_failure(fam: Family, params: dict[str, Any], seed: int) -> tuple[Problem, Verification | None]:
    """The family's problem, or, when ``generate`` raises, an empty stand-in (no prompt, no
    data) with the failed Verification that makes it a counted generation error naming the
    reason; it is stored (the same on every rebuild) and never asked."""
    try:
        return fam.generate(params, Random(seed)), None
    except Exception as exc:  # a family bug is a generation error, not a crash of the run
        stand_in = Problem("", {}, fam.answer_types[0], dict(fam.resolve(params)))
        return stand_in, Verification(False, "", _raised("generate", exc))


def messages_for(problem: Problem) -> list[dict[str, str]]:
    """The chat messages an instance is asked with."""
    return [{"role": "user", "content": problem.prompt}]


def fill_key(key: AnswerKey, prepared: list[Prepared]) -> AnswerKey:
    """Add every usable instance's prompt, reference and near misses to ``key``. Only a
    model that declares it needs the key (a simulated one) is ever handed it."""
    for p in prepared:
        if p.usable:
            key.add(messages_for(p.problem), KeyEntry(p.instance_id, p.fam.name, dict(p.item.params),
                                                      p.verification.reference,
                                                      tuple(p.verification.near_misses)))
    return key


COMPLETION_FIELDS = frozenset(f.name for f in fields(Completion))


DEFAULT_SAMPLING = {"temperature": 0.0}
"""Sent when the run does not set it: greedy decoding, as the local backend does."""


def sample_options(options: dict[str, Any], sample: int) -> dict[str, Any]:
    """The request options of one sample: the run's, with greedy temperature by default and
    the sampler seed derived from the run's ``seed`` and the sample index (``sample_seed``)."""
    out = {**DEFAULT_SAMPLING, **options}
    if out.get("seed") is not None:
        out["seed"] = sample_seed(int(out["seed"]), sample)
    return out


def cache_key(model: str, endpoint: str | None, messages: list[dict[str, str]], options: dict[str, Any],
              sample: int) -> str:
    """What makes an answer: the model spec, where it is served (base URL without
    credentials, or the weights file), the messages, every request option and the sample."""
    return hashlib.blake2b(canonical([model, endpoint, messages, options, sample]).encode(),
                           digest_size=16).hexdigest()


def probe_label(problem: Problem, ver: Verification) -> str | None:
    """The wrong label of a probe: the first near miss that reads as one clean answer."""
    for miss in ver.near_misses:
        try:
            parse(problem.answer_type, miss)
        except AnswerFormatError:
            continue
        return miss
    return None


def _secrets(model: Model) -> list[str]:
    """The model's own secrets (its key, URL password) and the environment's keys."""
    return [s for s in [*getattr(model, "secrets", ()), *env_secrets()] if s]


def _scrubbed(c: Completion, secrets: list[str]) -> Completion:
    """The completion without keys, authorization values or URL credentials."""
    text = scrub(c.text, secrets, env=False) if isinstance(c.text, str) else c.text
    return replace(c, text=text, reasoning=scrub(c.reasoning, secrets, env=False),
                   error=scrub(c.error, secrets, env=False))


async def _ask(model: Model, p: Prepared, sample: int, options: dict[str, Any],
               store: Store, use_cache: bool, read_cache: bool = True,
               secrets: list[str] | None = None) -> tuple[Completion, str, bool]:
    """Ask (or replay from the cache) one sample: (completion, cache key or "", replayed).
    The request holds the messages, the options and the sample index, never the answer.
    The completion is scrubbed of ``secrets`` (default: ``_secrets(model)``). Nothing is
    written to the cache here: ``ask_all`` does that once the attempt is scored."""
    messages = messages_for(p.problem)
    options = sample_options(options, sample)
    use_cache = use_cache and getattr(model, "cacheable", False)
    key = cache_key(model.name, getattr(model, "endpoint", None), messages, options, sample) if use_cache else ""
    if use_cache and read_cache:
        hit = store.cache_get(key)
        if hit is not None:
            return Completion(**{k: v for k, v in hit.items() if k in COMPLETION_FIELDS}), key, True
    try:
        completion = await model.complete(Request(messages, options, sample))
    except (asyncio.CancelledError, Fatal):
        raise
    except Exception as exc:  # an adapter bug must become a stored error, not a lost attempt
        completion = Completion("", error=f"{type(exc).__name__}: {exc}")
    return _scrubbed(completion, _secrets(model) if secrets is None else secrets), key, False


RESPONSE_CLASSES = ("ok", "truncated", "no_answer", "error", "scoring_error")
"""How every attempt is classified before it is scored. ok: scored normally; truncated
(finish_reason 'length') and no_answer (nothing extractable): scored wrong in both modes,
status 'ok'; error (transport) and scoring_error (extracting, parsing or checking raised):
status 'error', not counted in accuracy, asked again on resume."""

REASON_LIMIT = 500


def _attempt_row(run: RunRecord, p: Prepared, sample: int, c: Completion) -> dict[str, Any]:
    row: dict[str, Any] = {
        "run_id": run.run_id, "instance_id": p.instance_id, "sample": sample,
        "response": c.text if isinstance(c.text, str) else repr(c.text), "reasoning": c.reasoning,
        "latency_ms": c.latency_ms, "prompt_tokens": c.prompt_tokens,
        "completion_tokens": c.completion_tokens, "finish_reason": c.finish_reason, "created_at": now(),
        "answer_strict": None, "answer_lenient": None, "pass_strict": None, "pass_lenient": None,
    }
    if c.error is not None:
        row.update(status="error", response_class="error", reason=c.error)
        return row
    try:
        row.update(_classify_and_score(p, c))
    except Exception as exc:  # a scoring bug must become a stored, re-askable attempt, not a dead run
        row.update(status="error", response_class="scoring_error", answer_strict=None, answer_lenient=None,
                   pass_strict=None, pass_lenient=None,
                   reason=scrub(f"{type(exc).__name__}: {exc}")[:REASON_LIMIT])
    return row


def _classify_and_score(p: Prepared, c: Completion) -> dict[str, Any]:
    """Classify a response, then score it: truncated and no_answer are wrong in both modes.
    Only the message content is read, never the reasoning."""
    reading = read(c.text, p.problem.answer_type)  # once: the class and the score both use it
    strict, lenient = reading.strict, reading.lenient
    if c.finish_reason == "length":
        return {"status": "ok", "response_class": "truncated", "answer_strict": strict,
                "answer_lenient": lenient, "pass_strict": 0, "pass_lenient": 0,
                "reason": "truncated: the response hit max_tokens (finish_reason 'length'); scored wrong"}
    if strict is None and lenient is None:
        return {"status": "ok", "response_class": "no_answer", "answer_strict": None, "answer_lenient": None,
                "pass_strict": 0, "pass_lenient": 0, "reason": "no answer found in the response"}
    s = score(p.fam, p.problem, c.text, p.probe_label, reading)
    return {"status": "ok", "response_class": "ok", "answer_strict": s.answer_strict,
            "answer_lenient": s.answer_lenient, "pass_strict": int(s.pass_strict),
            "pass_lenient": int(s.pass_lenient), "reason": s.reason}


async def ask_all(store: Store, run: RunRecord, model: Model, prepared: list[Prepared], *,
                  concurrency: int, progress: Callable[[int], Callable[[bool], None]] | None = None,
                  stats: RunStats | None = None) -> RunStats:
    """Ask every verified, not yet scored (instance, sample) with ``concurrency`` in flight.
    A model that needs the answer key must have been handed it (``hand_key``) first."""
    stats = stats or RunStats()
    samples = int(run.plan.get("samples", 1))
    options = dict(run.options.get("sampling", {}))
    use_cache = bool(run.options.get("cache", True))
    secrets = _secrets(model)
    done = store.done_attempts(run.run_id)
    queue: asyncio.Queue[tuple[Prepared, int]] = asyncio.Queue()
    for p in prepared:
        if not p.usable:
            stats.generation_errors += p.item.kind == "task"
            continue
        for s in range(samples):
            stats.planned += 1
            if (p.instance_id, s) in done:
                stats.skipped_done += 1
            else:
                queue.put_nowait((p, s))

    on_done = progress(queue.qsize()) if progress else None

    async def worker() -> None:
        while True:
            try:
                p, s = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            completion, key, replayed = await _ask(model, p, s, options, store, use_cache, secrets=secrets)
            row = _attempt_row(run, p, s, completion)
            if replayed and row["status"] != "ok":  # a cached answer that no longer scores: ask again
                store.cache_drop(key)
                completion, key, replayed = await _ask(model, p, s, options, store, use_cache,
                                                       read_cache=False, secrets=secrets)
                row = _attempt_row(run, p, s, completion)
            store.add_attempt(row)
            if key and not replayed and row["status"] == "ok":  # cached only once scored and stored
                store.cache_put(key, model.name, asdict(completion))
            stats.asked += 1
            if row["status"] == "error":
                stats.errors += 1
                stats.scoring_errors += row["response_class"] == "scoring_error"
            if on_done:
                on_done(row["status"] == "error")

    workers = [asyncio.create_task(worker()) for _ in range(max(1, concurrency))]
    try:
        await asyncio.gather(*workers)
    finally:
        for w in workers:
            w.cancel()
    return stats


def _resume(run: RunRecord, store: Store) -> str:
    return f"resume it with `unseen run --resume {run.run_id} --store {store.path}`"


def execute(store: Store, run: RunRecord, model: Model, *, concurrency: int = 8,
            progress: Callable[[int], Callable[[bool], None]] | None = None) -> RunStats:
    """Prepare and ask a run synchronously; Ctrl-C and SIGTERM stop it cleanly (Interrupted).
    A model that needs the answer key (a simulated one) is handed it once, before it is
    asked anything; other models never see it.
    The run is locked while it is asked (a second process asking it is refused), and a full
    disk stops it as interrupted with one line."""
    store.lock_run(run.run_id)
    try:
        return _execute(store, run, model, concurrency=concurrency, progress=progress)
    except sqlite3.OperationalError as exc:
        if not is_full(exc):
            raise
        try:
            store.set_status(run.run_id, "interrupted")
        except sqlite3.Error:
            pass  # the status stays 'running'; resume works the same
        raise StoreError(f"store {str(store.path)!r} is full ({exc}): run {run.run_id} stopped and is marked "
                         f"interrupted; free space on its disk, then {_resume(run, store)}") from None
    finally:
        store.unlock_run(run.run_id)


def _execute(store: Store, run: RunRecord, model: Model, *, concurrency: int = 8,
             progress: Callable[[int], Callable[[bool], None]] | None = None) -> RunStats:
    key = AnswerKey()
    try:
        prepared = prepare(store, run, key)
    except KeyboardInterrupt:
        store.set_status(run.run_id, "interrupted")
        raise Interrupted(f"run {run.run_id} interrupted while generating instances; {_resume(run, store)}") from None
    except Exception:  # never a run left 'running' with nothing behind it
        store.set_status(run.run_id, "interrupted")
        raise
    hand_key(model, key, run.run_seed)  # once, never per request
    stats = RunStats()

    async def main() -> RunStats:
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        assert task is not None
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, task.cancel)
        try:
            return await ask_all(store, run, model, prepared, concurrency=concurrency, progress=progress,
                                 stats=stats)
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)
            await model.aclose()

    try:
        asyncio.run(main())
    except Fatal as exc:
        store.set_status(run.run_id, "interrupted")
        raise ModelError(f"{exc}; run {run.run_id} stopped after {stats.asked} new attempts, "
                         f"{_resume(run, store)}") from None
    except (asyncio.CancelledError, KeyboardInterrupt):
        store.set_status(run.run_id, "interrupted")
        raise Interrupted(f"run {run.run_id} interrupted after {stats.asked} new attempts; "
                          f"{_resume(run, store)}") from None
    store.set_status(run.run_id, "complete")
    return stats

