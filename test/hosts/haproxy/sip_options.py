#!/usr/bin/env python3
"""Sends OPTIONS over TCP and prints who answered, for the HAProxy suite.

    sip_options.py HOST PORT COUNT

COUNT times: connects to HOST:PORT, sends one OPTIONS request, reads
responses up to the first final one (RFC 3261: 2xx-6xx) and prints the
value of its Server header and its Status-Line, tab-separated; or
"error<TAB>what" when there was no final response within 5 s.
"""
import re
import socket
import sys

REQUEST = "\r\n".join([
    "OPTIONS sip:peer@127.0.0.1;transport=tcp SIP/2.0",
    "Via: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-options-%d",
    "Max-Forwards: 70",
    "From: <sip:options@127.0.0.1>;tag=options-%d",
    "To: <sip:peer@127.0.0.1>",
    "Call-ID: options-%d@127.0.0.1",
    "CSeq: 1 OPTIONS",
    "Content-Length: 0",
    "", ""])


def ask(host, port, n):
    with socket.create_connection((host, port), timeout=5) as sock:
        sock.sendall((REQUEST % (n, n, n)).encode())
        data = b""
        while True:
            # Every complete message so far (the peers send no bodies).
            for message in data.split(b"\r\n\r\n")[:-1]:
                lines = message.decode("utf-8", "replace").split("\r\n")
                match = re.match(r"SIP/\d+\.\d+ ([1-6]\d\d) ", lines[0], re.I)
                if match and not match.group(1).startswith("1"):
                    server = [l.split(":", 1)[1].strip() for l in lines if l.lower().startswith("server:")]
                    return "%s\t%s" % (server[0] if server else "", lines[0])
            chunk = sock.recv(4096)
            if not chunk:
                return "error\tclosed without a final response"
            data += chunk


def main(host, port, count):
    for n in range(int(count)):
        try:
            print(ask(host, int(port), n), flush=True)
        except OSError as e:
            print("error\t%s" % e, flush=True)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
