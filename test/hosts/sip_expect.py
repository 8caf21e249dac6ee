#!/usr/bin/env python3
"""What the host suites expect sipcodes to say about a status code.

Every value comes from the reference data in spec/fixtures and from RFC
rules written out here, never from the module under test:

  reason, name, class_name, deprecated   the code's row of sip-response-codes.tsv
  known        the code has a row there
  class        the code's first digit (RFC 3261 section 7.2)
  class_name   for a code without a row: the class name the table gives the
               other codes of its class
  canonical    RFC 3261 section 8.1.3.2: a known code is itself, an unknown
               1xx is 183, an unknown final code is the x00 of its class
  q850         RFC 3398 section 8.2.6.1, from the "Machine-friendly
               restatement" table of q850-mapping.md section 2: the listed
               cause, none for 487, the default cause (31) for 488 and 606
               without a Warning header and for every code not listed

As a program:  sip_expect.py FIXTURES_DIR CODE...  prints one JSON object per
code (null for what has no value), for shell suites.
"""
import json
import os
import re
import sys


class Reference:
    def __init__(self, fixtures_dir):
        self.rows = {}
        with open(os.path.join(fixtures_dir, "sip-response-codes.tsv"), encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            for line in f:
                row = dict(zip(header, line.rstrip("\n").split("\t")))
                self.rows[int(row["code"])] = row
        self.class_names = {}
        for code, row in self.rows.items():
            name = self.class_names.setdefault(code // 100, row["class_name"])
            if name != row["class_name"]:
                raise ValueError("class %d has two names in the table" % (code // 100))
        self.q850, self.q850_default = self._read_q850(os.path.join(fixtures_dir, "q850-mapping.md"))

    @staticmethod
    def _read_q850(path):
        """SIP code -> Q.850 cause (None: no mapping), and the default cause."""
        with open(path, encoding="utf-8") as f:
            text = f.read()
        section = text.split("\n## 2.", 1)[1].split("\n## 3.", 1)[0]
        table = section.split("Machine-friendly restatement", 1)[1]
        mapping, default = {}, None
        for line in table.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 2 or not line.startswith("|") or cells[0] in ("SIP", "---"):
                continue
            codes_cell, cause_cell = cells[0], cells[1]
            if codes_cell.startswith("BYE"):
                continue                      # requests, not responses
            if cause_cell == "none":
                cause = None
            elif cause_cell.startswith("by Warning"):
                cause = int(re.search(r"default (\d+)", cause_cell).group(1))
            else:
                cause = int(cause_cell)
            if codes_cell == "any other response":
                default = cause
                continue
            # '505(printed "504")': the code is the one before the note.
            codes_cell = re.sub(r"\(.*?\)", "", codes_cell)
            for code in re.findall(r"\b\d{3}\b", codes_cell):
                mapping[int(code)] = cause
        if default is None or len(mapping) < 30:
            raise ValueError("could not read the RFC 3398 table of " + path)
        return mapping, default

    def expect(self, code):
        code = int(code)
        if not 100 <= code <= 699:
            raise ValueError("%d is not a status code" % code)
        row = self.rows.get(code)
        if row:
            canonical = code
        elif code < 200:
            canonical = 183
        else:
            canonical = code // 100 * 100
        return {
            "code": code,
            "known": row is not None,
            "reason": row["reason"] if row else None,
            "name": row["name"] if row else None,
            "deprecated": row["deprecated"] == "yes" if row else False,
            "class": code // 100,
            "class_name": self.class_names[code // 100],
            "canonical": canonical,
            "canonical_reason": self.rows[canonical]["reason"],
            "q850": self.q850.get(code, self.q850_default),
        }


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    ref = Reference(sys.argv[1])
    for arg in sys.argv[2:]:
        print(json.dumps(ref.expect(arg), ensure_ascii=False, sort_keys=True))
