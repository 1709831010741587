"""Local model overhead: tokens/s of local/smollm2 through unseen's whole pipeline (the
model in its worker process) versus the same prompts through llama-cpp-python directly in
this process, with llama.cpp's extra buffer types on (its default) and off (what unseen
does where llama.cpp reports AMX), measured side by side in one run.
Run by hand:  python benchmarks/local_overhead.py [N]"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from random import Random

PARAMS = {"arith_expr": {"depth": 2, "digits": 1, "width": 2}}
MAX_TOKENS = 96


def plan(n: int):
    from unseen.plan import Plan

    return Plan(families=("arith_expr",), design="random", cells=1, n=n, fixed=PARAMS)


def direct(prompts: list[str], threads: int | None = None, extra_bufts: bool = True) -> tuple[int, float]:
    from llama_cpp import Llama

    from unseen.models.llama_backend import model_params
    from unseen.models.local import smollm2_path, usable_cores

    threads = threads or usable_cores()
    with model_params(use_extra_bufts=extra_bufts):
        llm = Llama(model_path=str(smollm2_path()), n_threads=threads, n_threads_batch=threads,
                    n_ctx=4096, verbose=False)
    tokens, start = 0, time.perf_counter()
    for p in prompts:
        out = llm.create_chat_completion(messages=[{"role": "user", "content": p}], temperature=0.0, top_k=1,
                                         repeat_penalty=1.0, max_tokens=MAX_TOKENS)
        tokens += out["usage"]["completion_tokens"]
    return tokens, time.perf_counter() - start


def through_unseen(n: int) -> tuple[int, float]:
    from unseen.models import resolve_model
    from unseen.runner import execute, new_run
    from unseen.store import open_store

    model = resolve_model("local/smollm2")
    asyncio.run(model.preflight())  # load outside the timed part, as the direct path does before its loop
    with tempfile.TemporaryDirectory() as d, open_store(Path(d) / "b.db", create=True) as st:
        run = new_run(st, "local/smollm2", plan(n), 1, {"cache": False, "sampling": {"max_tokens": MAX_TOKENS}})
        start = time.perf_counter()
        execute(st, run, model, concurrency=1)
        wall = time.perf_counter() - start
        tokens = st.query("SELECT sum(completion_tokens) FROM attempts")[0][0]
    return tokens, wall


def main() -> None:
    from unseen import registry
    from unseen.models.local import usable_cores

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    fam = registry.get("arith_expr")
    prompts = [fam.generate(i.params, Random(i.seed)).prompt for i in plan(n).items(1)]
    rounds = 3  # interleaved, medians reported: one pass on two noisy cores varies by 10-20%
    on, off, via = [], [], []
    for _ in range(rounds):
        for label, fn in (("on", lambda: direct(prompts, extra_bufts=True)),
                          ("off", lambda: direct(prompts, extra_bufts=False)),
                          ("unseen", lambda: through_unseen(n))):
            tokens, secs = fn()
            {"on": on, "off": off, "unseen": via}[label].append(tokens / secs)
    a, o, b = statistics.median(on), statistics.median(off), statistics.median(via)
    spread = lambda xs: f"(rounds: {', '.join(f'{x:.1f}' for x in xs)})"
    print(f"direct, extra buffer types on:   {a:.1f} tokens/s {spread(on)}")
    print(f"direct, extra buffer types off:  {o:.1f} tokens/s = {o / a:.2f} of on {spread(off)}")
    print(f"through unseen (worker process): {b:.1f} tokens/s {spread(via)}")
    print(f"unseen / direct = {b / a:.2f}  (target >= 0.90: {'met' if b / a >= 0.9 else 'NOT met'})")
    over = 4 * usable_cores()
    t_over, s_over = direct(prompts[: max(2, n // 4)], threads=over)
    print(f"oversubscribed ({over} threads on {usable_cores()} cores): {t_over / s_over:.1f} tokens/s "
          f"= {t_over / s_over / a:.2f} of the right thread count")


if __name__ == "__main__":
    main()
