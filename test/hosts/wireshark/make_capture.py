#!/usr/bin/env python3
"""Writes the SIP capture the Wireshark suite dissects, and a list of what it holds.

    make_capture.py FIXTURE_TSV CAPTURE.pcap CASES.tsv

The capture (classic pcap, Ethernet) has SIP over UDP and over TCP between
127.0.0.1:5060 and 127.0.0.1 client ports:
  * one UDP response for every code of the reference table, with its phrase;
  * UDP responses with codes the table does not know (a 1xx, and each final
    class), with phrases that differ from the table's (other case, an alias,
    UTF-8, HTAB, empty), with codes outside 100-699, and a request, which
    has no status at all;
  * a TCP connection (handshake, request, responses) where one segment
    carries two responses and one response is split across two segments,
    so that Wireshark reassembles it.

CASES.tsv has one line per SIP response: the frame number in which
Wireshark completes it, the transport, and the Status-Line as sent.  The
suite compares that with what tshark decoded, so a response that tshark
did not see is noticed.
"""
import struct
import sys

SERVER_PORT = 5060
UDP_CLIENT_PORT = 25390
TCP_CLIENT_PORT = 25391
LOCALHOST = bytes([127, 0, 0, 1])

# (Status-Line, why it is there).  Status-Lines are bytes: the phrase is
# what goes on the wire.
ODD_UDP_RESPONSES = [
    (b"SIP/2.0 188 Queued Elsewhere", "unknown 1xx: canonical 183"),
    (b"SIP/2.0 299 Mostly Fine", "unknown 2xx: canonical 200"),
    (b"SIP/2.0 399 Look Elsewhere", "unknown 3xx: canonical 300"),
    (b"SIP/2.0 431 Bad Weather", "unknown 4xx: canonical 400"),
    (b"SIP/2.0 499 ", "unknown 4xx, empty phrase"),
    (b"SIP/2.0 599 Server Went Away", "unknown 5xx: canonical 500"),
    (b"SIP/2.0 699 Nobody Anywhere", "unknown 6xx: canonical 600"),
    (b"SIP/2.0 486 busy here", "known code, phrase in another case"),
    (b"SIP/2.0 183 Session in Progress", "known code, the seed's alias phrase"),
    ("SIP/2.0 480 Momentanément indisponible".encode("utf-8"), "UTF-8 phrase"),
    (b"SIP/2.0 603 Declined", "known code, other phrase"),
    (b"SIP/2.0 200 ", "known code, empty phrase"),
    (b"SIP/2.0 486 Busy\tHere", "HTAB in the phrase"),
    (b"SIP/2.0 700 Beyond Global", "not a status code: Wireshark decodes it, sipcodes refuses it"),
    (b"SIP/2.0 099 Too Low", "not a status code"),
]


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def ipv4(protocol, payload, ident):
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident & 0xFFFF, 0x4000,
                         64, protocol, 0, LOCALHOST, LOCALHOST)
    header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
    return header + payload


def pseudo_header(protocol, length):
    return LOCALHOST + LOCALHOST + struct.pack("!BBH", 0, protocol, length)


def udp(sport, dport, payload):
    segment = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    csum = checksum(pseudo_header(17, len(segment)) + segment) or 0xFFFF
    return segment[:6] + struct.pack("!H", csum) + segment[8:]


def tcp(sport, dport, seq, ack, flags, payload=b""):
    segment = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload
    csum = checksum(pseudo_header(6, len(segment)) + segment)
    return segment[:16] + struct.pack("!H", csum) + segment[18:]


def ethernet(ip_packet):
    return b"\x02\0\0\0\0\x01" + b"\x02\0\0\0\0\x02" + b"\x08\x00" + ip_packet


def sip_response(status_line, transport, client_port, call_number, cseq="1 INVITE"):
    headers = [
        status_line,
        b"Via: SIP/2.0/%s 127.0.0.1:%d;branch=z9hG4bK-sipcodes-%d;received=127.0.0.1"
        % (transport.encode(), client_port, call_number),
        b"From: <sip:caller@127.0.0.1>;tag=caller-%d" % call_number,
        b"To: <sip:callee@127.0.0.1>;tag=callee-%d" % call_number,
        b"Call-ID: sipcodes-capture-%d@127.0.0.1" % call_number,
        b"CSeq: " + cseq.encode(),
        b"Content-Length: 0",
    ]
    return b"\r\n".join(headers) + b"\r\n\r\n"


def sip_request(transport, client_port, call_number):
    return b"\r\n".join([
        b"OPTIONS sip:callee@127.0.0.1 SIP/2.0",
        b"Via: SIP/2.0/%s 127.0.0.1:%d;branch=z9hG4bK-sipcodes-%d"
        % (transport.encode(), client_port, call_number),
        b"Max-Forwards: 70",
        b"From: <sip:caller@127.0.0.1>;tag=caller-%d" % call_number,
        b"To: <sip:callee@127.0.0.1>",
        b"Call-ID: sipcodes-capture-%d@127.0.0.1" % call_number,
        b"CSeq: 1 OPTIONS",
        b"Content-Length: 0",
    ]) + b"\r\n\r\n"


def main(fixture, capture_path, cases_path):
    with open(fixture, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    table_responses = [(("SIP/2.0 %s %s" % (r[0], r[1])).encode("utf-8"), "reference table") for r in rows]

    frames = []      # Ethernet frames, in order
    cases = []       # (frame number, transport, Status-Line)
    call = 0

    def add(packet):
        frames.append(ethernet(packet))
        return len(frames)

    # --- UDP: a request (no status: the post-dissector adds nothing), then
    # one response per datagram.
    call += 1
    add(ipv4(17, udp(UDP_CLIENT_PORT, SERVER_PORT, sip_request("UDP", UDP_CLIENT_PORT, call)), call))
    for line, _why in table_responses + ODD_UDP_RESPONSES:
        call += 1
        payload = sip_response(line, "UDP", UDP_CLIENT_PORT, call)
        n = add(ipv4(17, udp(SERVER_PORT, UDP_CLIENT_PORT, payload), call))
        cases.append((n, "udp", line))

    # --- TCP: handshake, then responses from the server side.
    client_seq, server_seq = 1000, 5000
    add(ipv4(6, tcp(TCP_CLIENT_PORT, SERVER_PORT, client_seq, 0, 0x02), 900))            # SYN
    add(ipv4(6, tcp(SERVER_PORT, TCP_CLIENT_PORT, server_seq, client_seq + 1, 0x12), 901))  # SYN-ACK
    client_seq += 1
    server_seq += 1
    add(ipv4(6, tcp(TCP_CLIENT_PORT, SERVER_PORT, client_seq, server_seq, 0x10), 902))   # ACK

    def client_sends(payload):
        nonlocal client_seq
        n = add(ipv4(6, tcp(TCP_CLIENT_PORT, SERVER_PORT, client_seq, server_seq, 0x18, payload), 903))
        client_seq += len(payload)
        return n

    def server_sends(payload):
        nonlocal server_seq
        n = add(ipv4(6, tcp(SERVER_PORT, TCP_CLIENT_PORT, server_seq, client_seq, 0x18, payload), 904))
        server_seq += len(payload)
        return n

    call += 1
    client_sends(sip_request("TCP", TCP_CLIENT_PORT, call))
    line = b"SIP/2.0 100 Trying"
    cases.append((server_sends(sip_response(line, "TCP", TCP_CLIENT_PORT, call, "1 OPTIONS")), "tcp", line))
    line = b"SIP/2.0 200 OK"
    cases.append((server_sends(sip_response(line, "TCP", TCP_CLIENT_PORT, call, "1 OPTIONS")), "tcp", line))

    # Two responses in one segment.
    call += 1
    first, second = b"SIP/2.0 180 Ringing", b"SIP/2.0 486 Busy Here"
    n = server_sends(sip_response(first, "TCP", TCP_CLIENT_PORT, call)
                     + sip_response(second, "TCP", TCP_CLIENT_PORT, call + 1))
    call += 1
    cases += [(n, "tcp", first), (n, "tcp", second)]

    # One response in two segments: Wireshark completes it in the second.
    call += 1
    line = b"SIP/2.0 487 Request Terminated"
    payload = sip_response(line, "TCP", TCP_CLIENT_PORT, call)
    server_sends(payload[:30])
    cases.append((server_sends(payload[30:]), "tcp", line))

    call += 1
    line = b"SIP/2.0 555 Not Quite Right"
    cases.append((server_sends(sip_response(line, "TCP", TCP_CLIENT_PORT, call)), "tcp", line))

    with open(capture_path, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, frame in enumerate(frames):
            out.write(struct.pack("<IIII", 1700000000 + i, 0, len(frame), len(frame)))
            out.write(frame)
    with open(cases_path, "w", encoding="utf-8") as out:
        for n, transport, line in cases:
            out.write("%d\t%s\t%s\n" % (n, transport, line.decode("utf-8")))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
