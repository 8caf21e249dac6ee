#!/usr/bin/env python3
"""What HAProxy's SIP probe should make of each scripted peer.

    check_peers.py expected-up PEERS.tsv
        the names of the peers that should stay in rotation, one a line
    check_peers.py check FIXTURES_DIR PEERS.tsv REPORT.json
        compares GET /sip-peers with that; TAP-style lines

PEERS.tsv is sip_peer.py's script (name, port, answers).  The probe sends
OPTIONS and reads answers up to the first final response (RFC 3261: 1xx
provisional, 2xx-6xx final).  A peer stays in rotation only when that final
Status-Line is well formed (section 7.2; the SIP-Version in any case,
section 7.1) and, with the example's default pattern "2xx", its code is a
2xx; an ill-formed line, no final response or no connection takes it out.
The report's code fields must be the reference's (sip_expect.py).
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from sip_expect import Reference  # noqa: E402

STATUS_LINE = re.compile(r"^SIP/\d+\.\d+ (\d{3}) (.*)$", re.I)


def read_peers(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def outcome(answers):
    """("final", line, code), ("bad", line, None) or ("none", None, None)."""
    for answer in answers.split(";"):
        if answer in ("SILENT", "CLOSE", "REFUSED"):
            break
        match = STATUS_LINE.match(answer)
        if not match or not 100 <= int(match.group(1)) <= 699:
            return "bad", answer, None
        if int(match.group(1)) >= 200:
            return "final", answer, int(match.group(1))
    return "none", None, None


def in_rotation(answers):
    kind, _, code = outcome(answers)
    return kind == "final" and code // 100 == 2


def expected_entry(ref, name, port, answers):
    kind, line, code = outcome(answers)
    want = {"name": name, "address": "127.0.0.1:%s" % port,
            "state": "up" if in_rotation(answers) else "down", "status_line": line,
            "code": None, "class": None, "class_name": None, "known": None,
            "canonical": None, "canonical_reason": None}
    if kind == "final":
        ref_code = ref.expect(code)
        for key in ("code", "class", "class_name", "known", "canonical", "canonical_reason"):
            want[key] = ref_code[key]
    return want, kind


def check(fixtures_dir, peers_path, report_path):
    ref = Reference(fixtures_dir)
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    entries = {p["name"]: p for p in report["peers"]}
    failures = 0
    if report.get("alive") != "2xx":
        print("not ok - the probe uses the example's default pattern: want '2xx', got %r" % report.get("alive"))
        failures += 1
    for name, port, answers in read_peers(peers_path):
        want, kind = expected_entry(ref, name, port, answers)
        got = entries.pop(name, None)
        if got is None:
            print("not ok - peer %s: not in the report" % name)
            failures += 1
            continue
        wrong = ["%s: want %r, got %r" % (k, v, got.get(k)) for k, v in want.items() if got.get(k) != v]
        if kind == "final" and got.get("error") is not None:
            wrong.append("error: want none, got %r" % got.get("error"))
        if kind != "final" and not got.get("error"):
            wrong.append("error: want a message, got %r" % got.get("error"))
        if not isinstance(got.get("probes"), int) or got["probes"] < 1:
            wrong.append("probes: want at least 1, got %r" % got.get("probes"))
        if wrong:
            print("not ok - peer %s answering %r: %s" % (name, answers, "; ".join(wrong)))
            failures += 1
        else:
            detail = "%s, %s" % (got["status_line"], got["class_name"]) if kind == "final" else got["error"]
            print("ok - peer %s answering %r: %s (%s)" % (name, answers, want["state"], detail))
    for name in entries:
        print("not ok - peer %s in the report but not among the test's peers" % name)
        failures += 1
    return 1 if failures else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "expected-up":
        for name, _port, answers in read_peers(argv[2]):
            if in_rotation(answers):
                print(name)
        return 0
    if len(argv) == 5 and argv[1] == "check":
        return check(*argv[2:])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
