"""An instant OpenAI-compatible stub on loopback, run as its own process by the benchmarks."""

from __future__ import annotations

import sys

from aiohttp import web

BODY = (b'{"id":"x","object":"chat.completion","created":0,"model":"stub","choices":[{"index":0,'
        b'"message":{"role":"assistant","content":"Answer: 1"},"finish_reason":"stop"}],'
        b'"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}')


async def chat(request: web.Request) -> web.Response:
    await request.read()
    return web.Response(body=BODY, content_type="application/json")


async def models(request: web.Request) -> web.Response:
    return web.json_response({"object": "list", "data": [{"id": "stub", "object": "model"}]})


if __name__ == "__main__":
    app = web.Application()
    app.router.add_post("/v1/chat/completions", chat)
    app.router.add_get("/v1/models", models)
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None)
