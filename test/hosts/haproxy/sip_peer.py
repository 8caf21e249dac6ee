#!/usr/bin/env python3
"""SIP-over-TCP peers with scripted answers, for the HAProxy suite.

    sip_peer.py PEERS.tsv

Each line of PEERS.tsv is NAME, PORT and ANSWERS (tab-separated): on every
connection to 127.0.0.1:PORT the peer reads one request and sends the
answers in order, separated by ";" in ANSWERS:
  a Status-Line   sent as a response with the request's Via, From, To,
                  Call-ID and CSeq, "Server: sipcodes-test-peer NAME" and
                  no body;
  CLOSE           closes the connection at once;
  SILENT          sends nothing and waits for the client to give up;
  REFUSED         (as the only answer) listens on nothing.
After the answers it waits until the client closes.  The ports are those of
PEERS.tsv at start; the answers are read again on every connection, so a
test can change what a peer says.  Runs until stopped.
"""
import socket
import socketserver
import sys
import threading

ECHOED = ("via", "v", "from", "f", "to", "t", "call-id", "i", "cseq")


class Peer(socketserver.BaseRequestHandler):
    def handle(self):
        sock = self.request
        sock.settimeout(30)
        data = b""
        try:
            while b"\r\n\r\n" not in data:
                chunk = sock.recv(4096)
                if not chunk:
                    return
                data += chunk
        except OSError:
            return
        head = data.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace").split("\r\n")
        echoed = [h for h in head[1:] if h.split(":", 1)[0].strip().lower() in ECHOED]
        for answer in read_peers(self.server.peers_path)[0][self.server.name].split(";"):
            if answer == "CLOSE":
                return
            if answer == "SILENT":
                break
            message = [answer] + echoed + [
                "Server: sipcodes-test-peer " + self.server.name, "Content-Length: 0", "", ""]
            sock.sendall("\r\n".join(message).encode("utf-8"))
        try:
            while sock.recv(4096):
                pass
        except OSError:
            pass


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def read_peers(path):
    """name -> answers; and the ports, name -> port."""
    answers, ports = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            name, port, said = line.rstrip("\n").split("\t")
            answers[name], ports[name] = said, int(port)
    return answers, ports


def main(peers_path):
    servers = []
    answers, ports = read_peers(peers_path)
    for name, port in ports.items():
        if answers[name] == "REFUSED":
            continue
        server = Server(("127.0.0.1", port), Peer)
        server.name, server.peers_path = name, peers_path
        servers.append(server)
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for t in threads:
        t.start()
    print("listening on %d ports" % len(servers), flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    try:
        main(sys.argv[1])
    except KeyboardInterrupt:
        pass
