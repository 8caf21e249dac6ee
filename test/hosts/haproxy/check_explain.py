#!/usr/bin/env python3
"""Checks HAProxy's lua.sip_explain service against the reference table.

    check_explain.py BASE_URL FIXTURES_DIR

GET BASE_URL/sip/<code> for every code of the reference table, for codes it
does not know (a 1xx and every final class) and for paths that are not
status codes.  A code must answer 200 with a JSON object equal to the one
expected from spec/fixtures (sip_expect.py) and RFC 3261 section 7.2 (1xx
provisional, 2xx-6xx final); anything else 404 {"error": "not a SIP status
code"}.  Prints one TAP-style line per request.
"""
import json
import os
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from sip_expect import Reference  # noqa: E402

UNKNOWN_CODES = ["188", "299", "399", "431", "499", "599", "699"]
# Not a status code: out of range, not three digits, not digits at all.
NOT_CODES = ["99", "700", "1000", "099", "486.0", "0x1E6", "4861", "Busy", "", "%20486", "486%20",
             "486/x"]
NOT_A_CODE = {"error": "not a SIP status code"}


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("content-type"), response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("content-type"), e.read()


def expected(ref, code):
    want = ref.expect(code)
    return {
        "code": want["code"], "known": want["known"], "reason": want["reason"], "name": want["name"],
        "class": want["class"], "class_name": want["class_name"], "final": want["class"] != 1,
        "deprecated": want["deprecated"], "canonical": want["canonical"],
        "canonical_reason": want["canonical_reason"], "q850": want["q850"],
    }


def main(base_url, fixtures_dir):
    ref = Reference(fixtures_dir)
    requests = [(str(code), 200, expected(ref, code)) for code in sorted(ref.rows)]
    requests += [(code, 200, expected(ref, code)) for code in UNKNOWN_CODES]
    requests += [(text, 404, NOT_A_CODE) for text in NOT_CODES]
    failures = 0
    for text, want_status, want_body in requests:
        path = "/sip/" + text
        status, content_type, body = get(base_url + path)
        try:
            got_body = json.loads(body)
        except ValueError:
            got_body = body
        if status == want_status and content_type == "application/json" and got_body == want_body:
            print("ok - GET %s -> %d %s" % (path, status, "JSON as expected"))
        else:
            failures += 1
            if isinstance(got_body, dict) and isinstance(want_body, dict):
                diff = ["%s: want %r, got %r" % (k, want_body.get(k), got_body.get(k))
                        for k in sorted(set(want_body) | set(got_body)) if want_body.get(k) != got_body.get(k)]
            else:
                diff = ["want %r, got %r" % (want_body, got_body)]
            print("not ok - GET %s: want %d application/json, got %s %s; %s"
                  % (path, want_status, status, content_type, "; ".join(diff)))
    print("# %d requests, %d answered otherwise than expected" % (len(requests), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
