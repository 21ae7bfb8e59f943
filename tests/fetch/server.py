"""A news portal on 127.0.0.1 for the fetch tests: routes the test declares, and a log of every request.

A route is a :class:`Reply` (the same answer each time) or a list of them (one per hit, the last repeated).
The log records path, monotonic time and headers of each request, so tests assert what the server saw:
how often each path was asked for, how far apart, with which User-Agent and validators.
"""

from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0                 # seconds before answering (a slow server)
    stream_bytes: int = 0              # send this many bytes in chunks, with no Content-Length (size cap)
    gzip: bool = False
    drip: float = 0.0                  # send the body a byte at a time, this many seconds apart (Content-Length set)
    etag: str | None = None            # answer 304 to a matching If-None-Match
    last_modified: str | None = None   # answer 304 to an equal If-Modified-Since


@dataclass
class Hit:
    path: str
    at: float
    headers: dict[str, str]


class NewsServer:
    def __init__(self) -> None:
        self.routes: dict[str, Reply | list[Reply]] = {}
        self.hits: list[Hit] = []
        self.sent: dict[str, int] = {}  # bytes of streamed bodies that made it out
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def start(self) -> NewsServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def count(self, path: str) -> int:
        return sum(1 for hit in self.hits if hit.path == path)

    def times(self, path_prefix: str = "") -> list[float]:
        return [hit.at for hit in self.hits if hit.path.startswith(path_prefix)]

    def headers_of(self, path: str) -> list[dict[str, str]]:
        return [hit.headers for hit in self.hits if hit.path == path]

    def reply_for(self, path: str) -> Reply | None:
        with self._lock:
            route = self.routes.get(path)
            if route is None:
                return None
            if isinstance(route, list):
                seen = sum(1 for hit in self.hits if hit.path == path) - 1
                return route[min(seen, len(route) - 1)]
            return route

    def record(self, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.hits.append(Hit(path, time.monotonic(), headers))


def _handler(server: NewsServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            headers = {k.lower(): v for k, v in self.headers.items()}
            server.record(self.path, headers)
            reply = server.reply_for(self.path)
            if reply is None:
                reply = Reply(404, b"not here")
            if reply.delay:
                time.sleep(reply.delay)
            if "if-none-match" in headers:  # RFC 9110: If-None-Match, when sent, decides alone
                unchanged = reply.etag is not None and headers["if-none-match"] == reply.etag
            else:
                unchanged = reply.last_modified is not None and headers.get("if-modified-since") == reply.last_modified
            if unchanged:
                self.send_response(304)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if reply.stream_bytes:
                return self._stream(reply)
            body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
            self.send_response(reply.status)
            if reply.gzip:
                body = gzip.compress(body)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Type", reply.content_type)
            for name, value in {**reply.headers, **({"ETag": reply.etag} if reply.etag else {}),
                                **({"Last-Modified": reply.last_modified} if reply.last_modified else {})}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if reply.drip:
                return self._drip(body, reply.drip)
            self.wfile.write(body)

        def _drip(self, body: bytes, gap: float) -> None:
            self.close_connection = True
            try:
                for n in range(len(body)):
                    self.wfile.write(body[n:n + 1])
                    self.wfile.flush()
                    server.sent[self.path] = n + 1
                    time.sleep(gap)
            except OSError:
                pass

        def _stream(self, reply: Reply) -> None:
            self.close_connection = True
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65_532 + b"</p>"
            sent = 0
            try:
                while sent < reply.stream_bytes:
                    self.wfile.write(chunk)
                    sent += len(chunk)
                    server.sent[self.path] = sent
                    time.sleep(0.001)
            except OSError:
                pass

    return Handler
