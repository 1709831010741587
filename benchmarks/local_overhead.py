"""Local model overhead: tokens/s of local/smollm2 through unseen's whole pipeline versus
the same prompts through llama-cpp-python directly, measured side by side.
Run by hand:  python benchmarks/local_overhead.py [N]"""

from __future__ import annotations

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


def direct(prompts: list[str], threads: int | None = None) -> tuple[int, float]:
    from llama_cpp import Llama

    from unseen.models.local import smollm2_path, usable_cores

    threads = threads or usable_cores()
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
    model.load()  # load outside the timed part, as the direct path does before its loop
    with tempfile.TemporaryDirectory() as d, open_store(Path(d) / "b.db", create=True) as st:
        run = new_run(st, "local/smollm2", plan(n), 1, {"cache": False, "sampling": {"max_tokens": MAX_TOKENS}})
        start = time.perf_counter()
        execute(st, run, model, concurrency=1)
        wall = time.perf_counter() - start
        tokens = st.query("SELECT sum(completion_tokens) FROM attempts")[0][0]
    return tokens, wall


def main() -> None:
    from unseen import registry

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    fam = registry.get("arith_expr")
    prompts = [fam.generate(i.params, Random(i.seed)).prompt for i in plan(n).items(1)]
    t_direct, s_direct = direct(prompts)
    t_unseen, s_unseen = through_unseen(n)
    a, b = t_direct / s_direct, t_unseen / s_unseen
    print(f"direct llama-cpp-python: {t_direct} tokens in {s_direct:.1f}s = {a:.1f} tokens/s")
    print(f"through unseen:          {t_unseen} tokens in {s_unseen:.1f}s = {b:.1f} tokens/s")
    print(f"unseen / direct = {b / a:.2f}  (target >= 0.90: {'met' if b / a >= 0.9 else 'NOT met'})")
    from unseen.models.local import usable_cores

    over = 4 * usable_cores()
    t_over, s_over = direct(prompts[: max(2, n // 4)], threads=over)
    print(f"oversubscribed ({over} threads on {usable_cores()} cores): {t_over / s_over:.1f} tokens/s "
          f"= {t_over / s_over / a:.2f} of the right thread count")


if __name__ == "__main__":
    main()
