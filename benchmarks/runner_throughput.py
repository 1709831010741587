"""Runner throughput against an instant loopback OpenAI-compatible stub.

Measures, side by side in one run, samples per second of:
  bare     a bare asyncio + aiohttp loop sending the same requests (the limit)
  sdk      the same loop through the official openai SDK (if installed)
  inspect  inspect_ai running the same prompts (if installed: pip install inspect-ai)
  unseen   unseen's whole pipeline: plan, generate, verify, request, score, store
and prints the ratios. Run by hand:  python benchmarks/runner_throughput.py [N] [IN_FLIGHT]
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_stub() -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(HERE / "stub_server.py"), str(port)])
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, f"http://127.0.0.1:{port}/v1"
        except OSError:
            time.sleep(0.05)
    raise SystemExit("stub server did not start")


def prompts(n: int) -> list[str]:
    from random import Random

    from unseen import registry
    from unseen.plan import Plan

    plan = Plan(families=("stack_queue",), design="random", cells=1, n=n, fixed={"stack_queue": {"ops": 2}})
    fam = registry.get("stack_queue")
    return [fam.generate(i.params, Random(i.seed)).prompt for i in plan.items(1)]


async def bare(url: str, texts: list[str], flight: int) -> None:
    import aiohttp

    sem = asyncio.Semaphore(flight)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as s:
        async def one(t: str) -> None:
            async with sem:
                body = {"model": "stub", "messages": [{"role": "user", "content": t}]}
                async with s.post(f"{url}/chat/completions", data=json.dumps(body),
                                  headers={"Content-Type": "application/json"}) as r:
                    data = json.loads(await r.read())
                    data["choices"][0]["message"]["content"]
        await asyncio.gather(*(one(t) for t in texts))


async def sdk(url: str, texts: list[str], flight: int) -> None:
    import openai

    client = openai.AsyncOpenAI(base_url=url, api_key="x", max_retries=0)
    sem = asyncio.Semaphore(flight)

    async def one(t: str) -> None:
        async with sem:
            r = await client.chat.completions.create(model="stub", messages=[{"role": "user", "content": t}])
            assert r.choices[0].message.content is not None
    await asyncio.gather(*(one(t) for t in texts))
    await client.close()


def inspect_run(url: str, texts: list[str], flight: int) -> None:
    from inspect_ai import Task
    from inspect_ai import eval as inspect_eval
    from inspect_ai.dataset import Sample
    from inspect_ai.scorer import includes
    from inspect_ai.solver import generate

    os.environ["OPENAI_BASE_URL"] = url
    os.environ.setdefault("OPENAI_API_KEY", "x")
    task = Task(dataset=[Sample(input=t, target="1") for t in texts], solver=generate(), scorer=includes())
    inspect_eval(task, model="openai/stub", max_connections=flight, log_dir=tempfile.mkdtemp(),
                 display="none", log_samples=False)


def unseen_run(url: str, n: int, flight: int) -> None:
    from unseen.models import resolve_model
    from unseen.plan import Plan
    from unseen.runner import execute, new_run
    from unseen.store import open_store

    plan = Plan(families=("stack_queue",), design="random", cells=1, n=n, fixed={"stack_queue": {"ops": 2}})
    with tempfile.TemporaryDirectory() as d, open_store(Path(d) / "b.db", create=True) as st:
        run = new_run(st, "openai/stub", plan, 1, {"cache": False, "sampling": {}})
        model = resolve_model("openai/stub", {"base_url": url})
        stats = execute(st, run, model, concurrency=flight)
        assert stats.asked == n and stats.errors == 0, stats


def timed(label: str, fn, n: int, results: dict[str, float]) -> None:
    start = time.perf_counter()
    try:
        fn()
    except ImportError as exc:
        print(f"{label:8s} skipped ({exc.name} not installed)")
        return
    rate = n / (time.perf_counter() - start)
    results[label] = rate
    print(f"{label:8s} {rate:9.0f} samples/s")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    flight = int(sys.argv[2]) if len(sys.argv) > 2 else 32
    proc, url = start_stub()
    try:
        texts = prompts(n)
        results: dict[str, float] = {}
        timed("bare", lambda: asyncio.run(bare(url, texts, flight)), n, results)
        timed("sdk", lambda: asyncio.run(sdk(url, texts, flight)), n, results)
        timed("inspect", lambda: inspect_run(url, texts, flight), n, results)
        timed("unseen", lambda: unseen_run(url, n, flight), n, results)
    finally:
        proc.terminate()
    u = results.get("unseen")
    print(f"\nN={n}, {flight} in flight")
    for other in ("bare", "sdk", "inspect"):
        if u and other in results:
            print(f"unseen / {other:8s} = {u / results[other]:6.2f}")
    if u and "bare" in results:
        print(f"target: >= 0.50 of bare -> {'met' if u / results['bare'] >= 0.5 else 'NOT met'}")
    if u and "inspect" in results:
        print(f"target: >= 25x inspect -> {'met' if u / results['inspect'] >= 25 else 'NOT met'}")


if __name__ == "__main__":
    main()
