"""A minimal SMTP server on loopback that keeps what it receives (no TLS, no auth)."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Received:
    sender: str = ""
    recipients: list[str] = field(default_factory=list)
    data: bytes = b""


class _Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        server: _Server = self.server  # type: ignore[assignment]
        current = Received()
        self.wfile.write(b"220 localhost test SMTP\r\n")
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.wfile.write(b"250 localhost\r\n")
            elif verb == "MAIL":
                current.sender = command.split(":", 1)[1].strip(" <>")
                self.wfile.write(b"250 OK\r\n")
            elif verb == "RCPT":
                current.recipients.append(command.split(":", 1)[1].strip(" <>"))
                self.wfile.write(b"250 OK\r\n")
            elif verb == "DATA":
                self.wfile.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                chunks = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    chunks.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                current.data = b"".join(chunks)
                server.messages.append(current)
                current = Received()
                self.wfile.write(b"250 OK queued\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 Bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.messages: list[Received] = []


@contextmanager
def smtp_server() -> Iterator[_Server]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
