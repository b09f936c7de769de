"""A TCP fault proxy of our own, between the kiosk's sync client and the county server.

It understands just enough HTTP/1.1 (request and response heads, Content-Length bodies) to apply
one fault per request/response exchange, on keep-alive connections too:

- PASS: forward both ways.
- RESET: close the client's connection before forwarding; the server never sees the request.
- DROP_RESPONSE: forward the request, let the server answer in full, send nothing back, close.
  The server has applied the request; the client never hears of it (azure-mobile-services#811).
- STALL_RESPONSE: as DROP_RESPONSE, but hold the connection open for `stall_s` first, longer
  than the client's timeout.
- TRUNCATE: forward the request, send back only the first part of the answer, close.
- REPLAY: deliver the request twice, as a network or middlebox that retransmits would; the
  client gets the second answer (for a push: every op already applied, answered duplicate).
- DELAY_RESPONSE: hold the answer for `delay_s`, shorter than the client's timeout, then pass it.

`refuse()` closes the listening socket, so connections are refused outright, until `accept()`.
Only 127.0.0.1 is used. Every wait is bounded; `stop()` ends all threads.
"""

from __future__ import annotations

import contextlib
import enum
import random
import socket
import threading
from collections import deque
from dataclasses import dataclass

_HEAD_LIMIT = 64 * 1024
_IO_TIMEOUT_S = 30.0


class Fault(enum.StrEnum):
    PASS = "pass"
    RESET = "reset"
    DROP_RESPONSE = "drop_response"
    STALL_RESPONSE = "stall_response"
    TRUNCATE = "truncate"
    REPLAY = "replay"
    DELAY_RESPONSE = "delay_response"


@dataclass(frozen=True, slots=True)
class Exchange:
    number: int
    method: str
    path: str
    fault: Fault


class _Closed(Exception):
    pass


def _read_head(sock: socket.socket, buffer: bytearray) -> bytes:
    while b"\r\n\r\n" not in buffer:
        if len(buffer) > _HEAD_LIMIT:
            raise _Closed("head too long")
        chunk = sock.recv(65536)
        if not chunk:
            raise _Closed("peer closed")
        buffer.extend(chunk)
    end = buffer.index(b"\r\n\r\n") + 4
    head = bytes(buffer[:end])
    del buffer[:end]
    return head


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
        if name.strip().lower() == b"transfer-encoding":
            raise _Closed("chunked bodies are not supported by the fault proxy")
    return 0


def _read_body(sock: socket.socket, buffer: bytearray, length: int) -> bytes:
    while len(buffer) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise _Closed("peer closed mid-body")
        buffer.extend(chunk)
    body = bytes(buffer[:length])
    del buffer[:length]
    return body


def _close(sock: socket.socket | None) -> None:
    if sock is None:
        return
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


class FaultProxy:
    def __init__(
        self,
        upstream_port: int,
        *,
        stall_s: float = 3.0,
        delay_s: float = 0.3,
        rng: random.Random | None = None,
        weights: dict[Fault, float] | None = None,
    ) -> None:
        self.upstream_port = upstream_port
        self.stall_s = stall_s
        self.delay_s = delay_s
        self._rng = rng
        self._weights = weights or {}
        self._script: deque[Fault] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._listener: socket.socket | None = None
        self._accept_thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._count = 0
        self.exchanges: list[Exchange] = []
        # Set while a STALL_RESPONSE holds an answer the server has already given.
        self.stalled = threading.Event()
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.bind(("127.0.0.1", 0))
        self.port = int(probe.getsockname()[1])
        probe.close()
        self.url = f"http://127.0.0.1:{self.port}"

    # --- control -------------------------------------------------------------------------

    def script(self, *faults: Fault) -> None:
        """Apply these faults to the next exchanges, in order; then back to the default."""
        with self._lock:
            self._script.extend(faults)

    def clear_script(self) -> None:
        """Forget scripted faults not used yet (a round that stopped early leaves some)."""
        with self._lock:
            self._script.clear()

    def set_random(self, rng: random.Random | None, weights: dict[Fault, float] | None) -> None:
        with self._lock:
            self._rng = rng
            self._weights = weights or {}

    def _next_fault(self) -> Fault:
        with self._lock:
            if self._script:
                return self._script.popleft()
            if self._rng is not None and self._weights:
                faults = list(self._weights)
                return self._rng.choices(faults, weights=[self._weights[f] for f in faults])[0]
            return Fault.PASS

    def start(self) -> FaultProxy:
        self.accept()
        return self

    def accept(self) -> None:
        """Listen again (after refuse)."""
        if self._listener is not None:
            return
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.1)
        self._listener = listener
        thread = threading.Thread(target=self._accept_loop, args=(listener,), daemon=True)
        self._accept_thread = thread
        thread.start()

    def refuse(self) -> None:
        """Stop listening and drop open connections: new connections are refused."""
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        if self._accept_thread is not None:
            self._accept_thread.join(2)
            self._accept_thread = None
        self._drop_connections()

    def _drop_connections(self) -> None:
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            _close(connection)

    def stop(self) -> None:
        self._stop.set()
        self.refuse()
        for thread in self._threads:
            thread.join(5)

    def faults_applied(self) -> dict[Fault, int]:
        counts: dict[Fault, int] = {}
        for exchange in self.exchanges:
            counts[exchange.fault] = counts.get(exchange.fault, 0) + 1
        return counts

    # --- the proxy itself --------------------------------------------------------------------

    def _accept_loop(self, listener: socket.socket) -> None:
        while not self._stop.is_set() and self._listener is listener:
            try:
                client, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(_IO_TIMEOUT_S)
            with self._lock:
                self._connections.add(client)
            thread = threading.Thread(target=self._serve, args=(client,), daemon=True)
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
            thread.start()

    @staticmethod
    def _forward(upstream: socket.socket, buffer: bytearray, request: bytes) -> bytes:
        upstream.sendall(request)
        head = _read_head(upstream, buffer)
        return head + _read_body(upstream, buffer, _content_length(head))

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        try:
            client_buffer = bytearray()
            upstream_buffer = bytearray()
            while not self._stop.is_set():
                head = _read_head(client, client_buffer)
                body = _read_body(client, client_buffer, _content_length(head))
                request_line = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
                fault = self._next_fault()
                with self._lock:
                    self._count += 1
                    self.exchanges.append(
                        Exchange(self._count, request_line[0], request_line[1], fault)
                    )
                if fault is Fault.RESET:
                    return
                if upstream is None:
                    try:
                        upstream = socket.create_connection(
                            ("127.0.0.1", self.upstream_port), timeout=_IO_TIMEOUT_S
                        )
                    except OSError:
                        return  # the server is down: the client sees its connection close
                response = self._forward(upstream, upstream_buffer, head + body)
                if fault is Fault.REPLAY:
                    response = self._forward(upstream, upstream_buffer, head + body)
                elif fault is Fault.DELAY_RESPONSE:
                    self._stop.wait(self.delay_s)
                if fault in (Fault.PASS, Fault.REPLAY, Fault.DELAY_RESPONSE):
                    client.sendall(response)
                    continue
                if fault is Fault.TRUNCATE:
                    client.sendall(response[: max(1, len(response) // 2)])
                elif fault is Fault.STALL_RESPONSE:
                    self.stalled.set()
                    self._stop.wait(self.stall_s)
                    self.stalled.clear()
                return  # DROP_RESPONSE, TRUNCATE, STALL_RESPONSE: the connection ends here
        except (_Closed, OSError):
            return
        finally:
            with self._lock:
                self._connections.discard(client)
            _close(client)
            _close(upstream)
