"""A stand-in for the ngrok v3 agent, faithful to what pyngrok 9 uses (run by the tunnel tests).

    fake_ngrok.py start --none --log stdout [--config F] [--authtoken T] [--region R]
        logs `msg="starting web service" addr=127.0.0.1:PORT`, `client session established`,
        `tunnel session started`; serves /api/endpoints (GET, POST → 201, GET/DELETE /NAME);
        each endpoint listens on its own "public" 127.0.0.1 port and forwards HTTP to its
        upstream, adding X-Forwarded-For / X-Forwarded-Proto like ngrok. Runs until killed.
        The authtoken "invalid-token" fails start-up like ngrok does (an `lvl=eror` line).
    fake_ngrok.py version | --version;  fake_ngrok.py config add-authtoken T [--config F]
Every API call is appended as JSON to `fake_ngrok_calls.jsonl` next to the config file.
"""

from __future__ import annotations

import http.client
import json
import sys
import threading
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

VERSION = "3.19.1"
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"}


def emit(lvl: str, msg: str, **fields: str) -> None:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")
    extra = " ".join(f"{k}={v}" for k, v in fields.items())
    sys.stdout.write(f't={now} lvl={lvl} msg="{msg}" {extra}\n')
    sys.stdout.flush()


def option(args: list[str], name: str) -> str | None:
    return args[args.index(name) + 1] if name in args and args.index(name) + 1 < len(args) else None


class Forwarder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream = ""

    def log_message(self, *args: object) -> None:
        pass

    def _forward(self) -> None:
        target = urlsplit(self.upstream)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
        headers["X-Forwarded-For"] = "203.0.113.7"
        headers["X-Forwarded-Proto"] = "https"
        try:
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
            conn.request(self.command, self.path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            self.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() not in HOP_HEADERS | {"content-length", "date", "server"}:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            conn.close()
        except OSError:
            message = b"ERR_NGROK_8012: upstream unreachable"
            self.send_response(502)
            self.send_header("Content-Length", str(len(message)))
            self.end_headers()
            self.wfile.write(message)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward


class Agent:
    def __init__(self, record: Path | None) -> None:
        self.endpoints: dict[str, dict] = {}
        self.servers: dict[str, ThreadingHTTPServer] = {}
        self.record = record
        self.lock = threading.Lock()

    def log_call(self, method: str, path: str, body: object) -> None:
        if self.record is not None:
            with self.lock, self.record.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps({"method": method, "path": path, "body": body}) + "\n")

    def create(self, body: dict) -> dict:
        name = body.get("name") or f"endpoint-{uuid.uuid4()}"
        upstream = (body.get("upstream") or {}).get("url") or f"http://localhost:{body.get('addr', 80)}"
        if "://" not in upstream:
            upstream = f"http://{upstream}"
        handler = type("BoundForwarder", (Forwarder,), {"upstream": upstream})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        forward = f"http://127.0.0.1:{server.server_address[1]}"
        endpoint = {
            "id": f"ep_{uuid.uuid4().hex[:20]}", "name": name, "uri": f"/api/endpoints/{name}",
            "public_url": body.get("url") or forward, "url": body.get("url") or forward,
            "proto": "https" if body.get("url") else "http", "upstream": {"url": upstream,
            "protocol": "http1"}, "forwarded_from": forward, "metrics": {},
        }
        self.endpoints[name] = endpoint
        self.servers[name] = server
        return endpoint

    def delete(self, name: str) -> bool:
        server = self.servers.pop(name, None)
        if server is not None:
            server.shutdown()
        return self.endpoints.pop(name, None) is not None


def api_handler(agent: Agent) -> type[BaseHTTPRequestHandler]:
    class Api(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def reply(self, status: int, payload: object | None) -> None:
            data = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            agent.log_call("GET", self.path, None)
            if self.path.rstrip("/") == "/api/endpoints":
                self.reply(200, {"endpoints": list(agent.endpoints.values()), "uri": "/api/endpoints"})
            elif self.path.startswith("/api/endpoints/") and self.path.split("/")[-1] in agent.endpoints:
                self.reply(200, agent.endpoints[self.path.split("/")[-1]])
            else:
                self.reply(404, {"error_code": 100, "status_code": 404, "msg": "not found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            agent.log_call("POST", self.path, body)
            if self.path.rstrip("/") != "/api/endpoints":
                self.reply(404, {"msg": "not found"})
                return
            self.reply(201, agent.create(body))

        def do_DELETE(self) -> None:
            agent.log_call("DELETE", self.path, None)
            found = agent.delete(self.path.split("/")[-1])
            self.reply(204 if found else 404, None if found else {"msg": "not found"})

    return Api


def start(args: list[str]) -> int:
    config = option(args, "--config")
    record = Path(config).with_name("fake_ngrok_calls.jsonl") if config else None
    emit("info", "no configuration paths supplied" if not config else "open config file",
         path=config or '""')
    if option(args, "--authtoken") == "invalid-token":
        emit("eror", "failed to reconnect session", obj="tunnels.session",
             err='"authentication failed: The authtoken you specified does not look like a proper '
                 'ngrok authtoken. ERR_NGROK_105"')
        return 1
    agent = Agent(record)
    if record is not None:
        agent.log_call("START", " ".join(args[1:]).replace(option(args, "--authtoken") or "\0", "***"),
                       None)
    api = ThreadingHTTPServer(("127.0.0.1", 0), api_handler(agent))
    api.daemon_threads = True
    threading.Thread(target=api.serve_forever, daemon=True).start()
    emit("info", "starting web service", obj="web", addr=f"127.0.0.1:{api.server_address[1]}",
         allow_hosts="[]")
    emit("info", "client session established", obj="tunnels.session",
         region=option(args, "--region") or "eu")
    emit("info", "tunnel session started", obj="tunnels.session")
    threading.Event().wait()
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("version", "--version", "-v"):
        print(f"ngrok version {VERSION}")
        return 0
    if argv[0] == "config":
        path = option(argv, "--config") or "ngrok.yml"
        if len(argv) > 1 and argv[1] == "add-authtoken":
            print(f"Authtoken saved to configuration file: {path}")
        else:
            print(f"Valid configuration file at {path}")
        return 0
    if argv[0] == "start":
        return start(argv)
    print(f"ERROR:  unknown command {argv[0]!r} (fake ngrok)", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
