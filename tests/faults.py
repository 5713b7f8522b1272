"""Real faults on loopback for the outage tests: a TCP proxy that forwards to a real service,
refuses, stalls or cuts its connections, and an SMTP server that can stall mid-send.

Both run in threads of the test process, bind 127.0.0.1 only, and stop in well under a
second when closed.
"""

import contextlib
import re
import select
import socket
import threading


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FaultyProxy:
    """127.0.0.1:<port> forwarding to 127.0.0.1:<target_port>.

    forward(): pass bytes both ways. refuse(): close the listening socket (new connections
    are refused) and cut every open one. stall(): accept new connections and never answer,
    and stop passing bytes on the open ones (a silent peer). cut(): drop every open
    connection at once (a server or link that died mid-conversation).
    """

    def __init__(self, target_port, port=None):
        self.target = ("127.0.0.1", target_port)
        self.port = port or free_port()
        self.mode = "forward"
        self._closing = threading.Event()
        self._lock = threading.Lock()
        self._sockets = []
        self._listener = None
        self._listen()

    # -- modes --------------------------------------------------------------------------

    def forward(self):
        self.mode = "forward"
        if self._listener is None:
            self._listen()

    def stall(self):
        self.mode = "stall"
        if self._listener is None:
            self._listen()

    def refuse(self):
        self.mode = "refuse"
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        self.cut()

    def cut(self):
        with self._lock:
            doomed, self._sockets = self._sockets, []
        for sock in doomed:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self):
        self._closing.set()
        self.refuse()

    # -- machinery ----------------------------------------------------------------------

    def _listen(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        listener.settimeout(0.1)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _track(self, sock):
        with self._lock:
            self._sockets.append(sock)

    def _accept(self, listener):
        while not self._closing.is_set() and self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._track(client)
            if self.mode == "stall":
                continue  # held open, never answered
            try:
                upstream = socket.create_connection(self.target, timeout=2)
            except OSError:
                client.close()
                continue
            self._track(upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while not self._closing.is_set():
                readable, _, _ = select.select([source], [], [], 0.1)
                if not readable or self.mode == "stall":
                    continue
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except (OSError, ValueError):
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.close()


MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class SmtpSink:
    """A minimal SMTP server. `delivered` holds each message it accepted (answered 250 to);
    `stall_next` makes it hold the next message's final "." unanswered until the client
    goes away (the message is then dropped, as a real server does), setting `stalled`;
    `stall_quit_next` accepts the next message, then never answers the QUIT that follows."""

    def __init__(self):
        self.port = free_port()
        self.delivered = []
        self.stall_next = False
        self.stall_quit_next = False
        self.stalled = threading.Event()
        self.stalled_ids = []
        self._closing = threading.Event()
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", self.port))
        self._listener.listen(8)
        self._listener.settimeout(0.1)
        threading.Thread(target=self._accept, daemon=True).start()

    def message_ids(self):
        with self._lock:
            return [self._id(m) for m in self.delivered]

    @staticmethod
    def _id(message):
        found = MESSAGE_ID.search(message)
        return found.group(1).decode() if found else None

    def close(self):
        self._closing.set()
        self._listener.close()

    def _accept(self):
        while not self._closing.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _hold(self, conn):
        """Answer nothing until the client hangs up (or the sink closes)."""
        self.stalled.set()
        while not self._closing.is_set():
            readable, _, _ = select.select([conn], [], [], 0.1)
            if readable and not conn.recv(4096):
                return

    def _session(self, conn):
        reader = conn.makefile("rb")
        stall_quit = False
        try:
            conn.sendall(b"220 sink ready\r\n")
            while not self._closing.is_set():
                line = reader.readline()
                if not line:
                    return
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    conn.sendall(b"250 sink\r\n")
                elif verb == b"DATA":
                    conn.sendall(b"354 go on\r\n")
                    lines = []
                    while (chunk := reader.readline()) not in (b".\r\n", b""):
                        lines.append(chunk)
                    message = b"".join(lines)
                    if self.stall_next:
                        self.stall_next = False
                        self.stalled_ids.append(self._id(message))
                        self._hold(conn)
                        return
                    with self._lock:
                        self.delivered.append(message)
                    if self.stall_quit_next:
                        self.stall_quit_next, stall_quit = False, True
                    conn.sendall(b"250 accepted\r\n")
                elif verb == b"QUIT":
                    if stall_quit:
                        self._hold(conn)
                        return
                    conn.sendall(b"221 bye\r\n")
                    return
                else:  # MAIL, RCPT, RSET, NOOP
                    conn.sendall(b"250 ok\r\n")
        except OSError:
            pass
        finally:
            conn.close()
