"""An OpenAI-compatible chat server for tests, on loopback only, that can misbehave on
purpose: 429 with Retry-After, 500, a hang past the client's timeout, malformed JSON, and
a connection closed mid-response, each at a set rate."""

from __future__ import annotations

import asyncio
import json
import random
import re
import socket
import threading
from dataclasses import dataclass, field

from aiohttp import web

FAULTS = ("429", "500", "hang", "malformed", "drop")


@dataclass
class FakeServer:
    fault_rate: float = 0.0
    seed: int = 0
    hang_seconds: float = 2.0
    models: tuple[str, ...] = ("fake-model",)
    key: str | None = None
    answer: str = "echo"  # "echo": answer with the first number of the prompt; else this text
    requests: int = 0
    faults: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FAULTS})
    seen_auth: list[str] = field(default_factory=list)
    revoke_after: int | None = None  # answer 401 to every chat request after this many
    # how the message is shaped: "string"; "parts" (content as a list of parts, with a
    # non-text part whose text is a decoy answer); "reasoning_only" (content null, the answer in
    # reasoning_key); "string+reasoning" (content a string and reasoning_key set)
    shape: str = "string"
    reasoning_key: str = "reasoning_content"
    finish_reason: str = "stop"
    # echo the request's headers and URL in every chat body; statuses cycle through
    # echo_statuses (e.g. (200, 400, 500)), so error bodies echo them too
    echo_headers: bool = False
    echo_statuses: tuple[int, ...] = (200,)
    bodies: list[dict] = field(default_factory=list)  # every chat request body received

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"

    def _auth_ok(self, request: web.Request) -> bool:
        self.seen_auth.append(request.headers.get("Authorization", ""))
        return self.key is None or request.headers.get("Authorization") == f"Bearer {self.key}"

    async def models_handler(self, request: web.Request) -> web.Response:
        if not self._auth_ok(request):
            return web.json_response({"error": {"message": "bad key"}}, status=401)
        return web.json_response({"object": "list", "data": [{"id": m, "object": "model"} for m in self.models]})

    async def chat(self, request: web.Request) -> web.StreamResponse:
        self.requests += 1
        if not self._auth_ok(request) or (self.revoke_after is not None and self.requests > self.revoke_after):
            return web.json_response({"error": {"message": "bad key"}}, status=401)
        body = await request.json()
        self.bodies.append(body)
        echo = ""
        if self.echo_headers:
            echo = json.dumps({"url": str(request.url), "headers": dict(request.headers)})
            status = self.echo_statuses[(self.requests - 1) % len(self.echo_statuses)]
            if status != 200:
                return web.json_response({"error": {"message": f"you sent {echo}"}}, status=status)
        if body.get("model") not in self.models:
            return web.json_response({"error": {"message": "no such model"}}, status=404)
        if self.rng.random() < self.fault_rate:
            fault = self.rng.choice(FAULTS)
            self.faults[fault] += 1
            if fault == "429":
                return web.json_response({"error": "slow down"}, status=429, headers={"Retry-After": "0.01"})
            if fault == "500":
                return web.json_response({"error": "boom"}, status=500)
            if fault == "hang":
                await asyncio.sleep(self.hang_seconds)
            if fault == "malformed":
                return web.Response(text='{"choices": [ {"mess', content_type="application/json")
            if fault == "drop":
                resp = web.StreamResponse(headers={"Content-Length": "5000", "Content-Type": "application/json"})
                await resp.prepare(request)
                await resp.write(b'{"choices": [')
                request.transport.close()
                return resp
        prompt = body["messages"][-1]["content"]
        number = re.search(r"\d+", prompt)
        text = f"Thinking.\nAnswer: {number.group(0) if number else 'unknown'}"
        if self.answer != "echo":
            text = self.answer
        if echo:
            text = f"You sent {echo}.\n{text}"
        message: dict = {"role": "assistant", "content": text}
        if self.shape == "parts":
            message["content"] = [{"type": "text", "text": "Thinking.\n"},
                                  {"type": "reasoning", "text": "Answer: 999999"},
                                  {"type": "image_url", "image_url": {"url": "data:,"}},
                                  {"type": "text", "text": text.split("\n", 1)[1]}]
        elif self.shape == "reasoning_only":
            message.update(content=None, **{self.reasoning_key: text})
        elif self.shape == "string+reasoning":
            message[self.reasoning_key] = "Let me think. Answer: 999999"
        return web.json_response({
            "id": "x", "object": "chat.completion", "model": body["model"],
            "choices": [{"index": 0, "message": message, "finish_reason": self.finish_reason}],
            "usage": {"prompt_tokens": len(prompt.split()), "completion_tokens": 3, "total_tokens": 0},
        })

    def __enter__(self) -> FakeServer:
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        def serve() -> None:
            asyncio.set_event_loop(self.loop)
            app = web.Application()
            app.router.add_get("/v1/models", self.models_handler)
            app.router.add_post("/v1/chat/completions", self.chat)
            self.runner = web.AppRunner(app, access_log=None)
            self.loop.run_until_complete(self.runner.setup())
            self.loop.run_until_complete(web.TCPSite(self.runner, "127.0.0.1", self.port).start())
            ready.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=serve, daemon=True)
        self.thread.start()
        ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

