#!/usr/bin/env python3
"""Checks what the sipcodes post-dissector added to each SIP response.

    check_dissection.py FIXTURES_DIR CASES.tsv DISSECTION.pdml INFO.tsv

CASES.tsv is make_capture.py's list (frame, transport, Status-Line as
sent); DISSECTION.pdml is tshark -T pdml of the capture with the
post-dissector; INFO.tsv is tshark -T fields -e frame.number -e
_ws.col.Info.  For every response, the Status-Line tshark decoded must be
the one sent, and the sipcodes tree must hold exactly the fields expected
from the reference table (sip_expect.py) and the phrase on the wire; the
Info column must end with the notes the example documents.  Frames without
a response must have no sipcodes tree.

Prints TAP-style lines ("ok - ", "not ok - ", "# ").
"""
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from sip_expect import Reference  # noqa: E402

# RFC 3261 section 7.2: Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
STATUS_LINE = re.compile(r"^SIP/\d+\.\d+ (\d{3}) (.*)$", re.S)
BOOLEAN = {"1": True, "True": True, "0": False, "False": False}


def expected_fields(ref, line):
    """The sipcodes fields for a Status-Line, as tshark shows them."""
    match = STATUS_LINE.match(line)
    code = int(match.group(1))
    if not 100 <= code <= 699:
        return {"sipcodes.invalid": "<present>"}, " [sipcodes: invalid Status-Line]"
    phrase = match.group(2)
    want = ref.expect(code)
    fields = {
        "sipcodes.code": str(code),
        "sipcodes.class": str(want["class"]),
        "sipcodes.class_name": want["class_name"],
        "sipcodes.known": want["known"],
        "sipcodes.phrase_matches": phrase == want["reason"],
        "sipcodes.canonical": str(want["canonical"]),
        "sipcodes.canonical_reason": want["canonical_reason"],
    }
    if want["known"]:
        fields["sipcodes.reason"] = want["reason"]
    if want["q850"] is not None:
        fields["sipcodes.q850"] = str(want["q850"])
    if not want["known"]:
        note = "%s; unknown code, treated as %d %s" % (
            want["class_name"], want["canonical"], want["canonical_reason"])
    elif phrase != want["reason"]:
        note = '%s; registered phrase "%s"' % (want["class_name"], want["reason"])
    else:
        note = want["class_name"]
    return fields, " [sipcodes: %s]" % note


def dissected_fields(proto):
    fields = {}
    for field in proto.iter("field"):
        name, show = field.get("name"), field.get("show")
        if name == "sipcodes.invalid":
            show = "<present>" if show else ""
        elif name in ("sipcodes.known", "sipcodes.phrase_matches"):
            show = BOOLEAN.get(show, show)
        if name in fields:
            show = "%r twice" % (show,)
        fields[name] = show
    return fields


def main(fixtures_dir, cases_path, pdml_path, info_path):
    ref = Reference(fixtures_dir)
    cases = defaultdict(list)
    with open(cases_path, encoding="utf-8") as f:
        for line in f:
            frame, transport, status_line = line.rstrip("\n").split("\t", 2)
            cases[int(frame)].append((transport, status_line))
    infos = {}
    with open(info_path, encoding="utf-8") as f:
        for line in f:
            frame, _, info = line.rstrip("\n").partition("\t")
            infos[int(frame)] = info

    seen = set()
    failures = checked_fields = 0
    for packet in ET.parse(pdml_path).getroot().iter("packet"):
        frame = int(packet.find(".//field[@name='frame.number']").get("show"))
        # The raw bytes ("value", in hex): an XML parser turns a TAB inside
        # the "show" attribute into a space.
        lines = [bytes.fromhex(f.get("value")).decode("utf-8", "replace")
                 for f in packet.iter("field") if f.get("name") == "sip.Status-Line"]
        trees = [p for p in packet.iter("proto") if p.get("name") == "sipcodes"]
        if frame not in cases:
            if trees:
                print("not ok - frame %d has no SIP response but %d sipcodes trees" % (frame, len(trees)))
                failures += 1
            continue
        seen.add(frame)
        sent = [line for _, line in cases[frame]]
        if lines != sent:
            print("not ok - frame %d: tshark decoded Status-Lines %r, sent %r" % (frame, lines, sent))
            failures += 1
            continue
        if len(trees) != len(sent):
            print("not ok - frame %d: %d responses but %d sipcodes trees" % (frame, len(sent), len(trees)))
            failures += 1
            continue
        notes = ""
        for (transport, line), tree in zip(cases[frame], trees):
            want, note = expected_fields(ref, line)
            got = dissected_fields(tree)
            notes += note
            checked_fields += len(want)
            if got == want:
                print("ok - frame %d %s %r: %d fields as expected" % (frame, transport, line, len(want)))
            else:
                wrong = ["%s: want %r, got %r" % (k, want.get(k), got.get(k))
                         for k in sorted(set(want) | set(got)) if want.get(k) != got.get(k)]
                print("not ok - frame %d %s %r: %s" % (frame, transport, line, "; ".join(wrong)))
                failures += 1
        info = infos.get(frame, "")
        if info.endswith(notes):
            print("ok - frame %d Info column ends with%s" % (frame, notes))
        else:
            print("not ok - frame %d Info column: want it to end with %r, got %r" % (frame, notes, info))
            failures += 1
    missing = sorted(set(cases) - seen)
    if missing:
        print("not ok - frames not in tshark's output: %s" % missing)
        failures += 1
    else:
        print("ok - tshark dissected all %d frames with responses, and the post-dissector "
              "left the other frames alone" % len(cases))
    print("# %d responses, %d fields compared with the reference" %
          (sum(len(c) for c in cases.values()), checked_fields))
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
