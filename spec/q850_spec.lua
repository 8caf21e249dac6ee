-- SIP <-> Q.850 cause mappings: RFC 3398 (the default profile) and
-- FreeSWITCH's ("freeswitch" profile), and the cause names.  Expected
-- values come from spec/fixtures/q850-mapping.md (RFC 3398's tables
-- verbatim, FreeSWITCH's mod_sofia tables, Wireshark's Q.850 names) and
-- spec/fixtures/freeswitch-causes.tsv (every cause name in FreeSWITCH
-- 1.10.12's source and the response its hangup_cause_to_sip gives).
local sip = require("sipcodes")
local ref = require("interwork_reference")

local RFC_TO = ref.rfc3398_to_q850()
local RFC_FROM = ref.rfc3398_from_q850()
local FS_TO, FS_TO_DEFAULT = ref.freeswitch_to_q850()
local FS_FROM, FS_FROM_DEFAULT, FS_ROW_NAMES = ref.freeswitch_from_q850()
local NAMES = ref.cause_names()
local FS_CAUSES = ref.freeswitch_causes()
local FS_CAUSE_ROW = {}
for _, row in ipairs(FS_CAUSES) do FS_CAUSE_ROW[row.cause] = row end

describe("sip.to_q850 (RFC 3398 section 8.2.6.1)", function()
  it("maps every response the RFC table lists to the RFC's cause", function()
    for code, cause in pairs(RFC_TO) do
      if type(cause) == "number" then
        assert.are.equal(cause, sip.to_q850(code), "code " .. code)
      end
    end
  end)

  it("maps the row the RFC misprints as a second 504 (Version Not Supported) as 505", function()
    assert.are.equal(127, RFC_TO[505])
    assert.are.equal(127, sip.to_q850(505))
    assert.are.equal(102, sip.to_q850(504))
  end)

  it("gives nil for 487, which the RFC leaves without a mapping", function()
    assert.is_false(RFC_TO[487])
    assert.is_nil(sip.to_q850(487))
  end)

  it("maps 488 and 606 by the Warning code: 31, or 65 when it speaks of bearer capability", function()
    for _, code in ipairs({ 488, 606 }) do
      assert.are.equal("warning", RFC_TO[code])
      assert.are.equal(31, sip.to_q850(code))
      assert.are.equal(31, sip.to_q850(code, 399))
      assert.are.equal(31, sip.to_q850(code, "307 example.com \"Session description parameter not understood\""))
      -- RFC 3261 section 20.43: 304 media type, 305 media format not
      -- available, 370 insufficient bandwidth.
      for _, warn in ipairs({ 304, 305, 370, "304", "305 gw.example.net \"Incompatible media format\"" }) do
        assert.are.equal(65, sip.to_q850(code, warn), code .. " with " .. tostring(warn))
      end
    end
  end)

  it("uses the Warning only for 488 and 606", function()
    assert.are.equal(17, sip.to_q850(486, 304))
    assert.are.equal(31, sip.to_q850(499, 304))
  end)

  it("maps every other valid code to 31 Normal, unspecified", function()
    for code = 100, 699 do
      if RFC_TO[code] == nil then
        assert.are.equal(31, sip.to_q850(code), "code " .. code)
      end
    end
  end)

  it("accepts codes as integral numbers and three-digit strings", function()
    assert.are.equal(17, sip.to_q850(486.0))
    assert.are.equal(17, sip.to_q850("486"))
  end)

  it("gives nil for numbers and strings that are not codes", function()
    for _, v in ipairs({ 486.5, -1, 0, 99, 700, 0 / 0, math.huge, 2 ^ 63, "486 ", "4 86", "0x1E6", "", "Busy Here" }) do
      assert.is_nil(sip.to_q850(v), tostring(v))
    end
  end)

  it("ignores a Warning that is no warn-code", function()
    assert.are.equal(31, sip.to_q850(488, 304.5))
    assert.are.equal(31, sip.to_q850(488, "30"))
    assert.are.equal(31, sip.to_q850(488, "3045"))
    assert.are.equal(31, sip.to_q850(488, ""))
  end)

  it("raises the standard argument error for other types", function()
    assert.has_error(function() sip.to_q850(nil) end,
      "bad argument #1 to 'to_q850' (SIP status code expected, got nil)")
    assert.has_error(function() sip.to_q850({}) end)
    assert.has_error(function() sip.to_q850(488, true) end)
    assert.has_error(function() sip.to_q850(486, nil, "asterisk") end)
    assert.has_error(function() sip.to_q850(486, nil, 1) end)
  end)
end)

describe("sip.from_q850 (RFC 3398 section 7.2.4.1)", function()
  it("maps every cause the RFC table lists to the RFC's response", function()
    for cause, code in pairs(RFC_FROM) do
      if code then
        assert.are.equal(code, sip.from_q850(cause), "cause " .. cause)
      end
    end
  end)

  it("gives nil for 16 (normal clearing: a BYE or CANCEL) and 44 (untranslatable)", function()
    assert.is_false(RFC_FROM[16])
    assert.is_nil(sip.from_q850(16))
    assert.is_nil(sip.from_q850(44))
  end)

  it("maps 22 to 410, the row without diagnostic", function()
    assert.are.equal(410, sip.from_q850(22))
  end)

  it("maps every other cause 0..127 to 500", function()
    for cause = 0, 127 do
      if RFC_FROM[cause] == nil and cause ~= 44 then
        assert.are.equal(500, sip.from_q850(cause), "cause " .. cause)
      end
    end
  end)

  it("gives nil for values that are not Q.850 causes", function()
    for _, v in ipairs({ 128, 487, 999, 1000, -1, 17.5, 0 / 0, math.huge, "17.0", "", "0017", "x" }) do
      assert.is_nil(sip.from_q850(v), tostring(v))
    end
  end)

  it("accepts causes as integral numbers and strings of 1-3 digits", function()
    assert.are.equal(486, sip.from_q850(17.0))
    assert.are.equal(486, sip.from_q850("17"))
    assert.are.equal(404, sip.from_q850("001"))
  end)

  it("raises the standard argument error for other types", function()
    assert.has_error(function() sip.from_q850(nil) end,
      "bad argument #1 to 'from_q850' (Q.850 cause expected, got nil)")
    assert.has_error(function() sip.from_q850(true) end)
    assert.has_error(function() sip.from_q850(17, "nonsense") end)
  end)
end)

describe("the freeswitch profile", function()
  it("maps responses like mod_sofia's sofia_glue_sip_cause_to_freeswitch", function()
    for code = 100, 699 do
      local want = FS_TO[code] or FS_TO_DEFAULT
      assert.are.equal(want, sip.to_q850(code, nil, "freeswitch"), "code " .. code)
    end
  end)

  it("ignores the Warning (488 and 606 are always 88)", function()
    assert.are.equal(88, sip.to_q850(488, 304, "freeswitch"))
    assert.are.equal(88, sip.to_q850(606, nil, "freeswitch"))
  end)

  it("maps causes like mod_sofia's hangup_cause_to_sip, its own causes included", function()
    for cause = 0, 999 do
      local want = FS_FROM[cause] or FS_FROM_DEFAULT
      assert.are.equal(want, sip.from_q850(cause, "freeswitch"), "cause " .. cause)
    end
  end)

  it("maps every cause FreeSWITCH names as its hangup_cause_to_sip does", function()
    for _, row in ipairs(FS_CAUSES) do
      assert.are.equal(row.sip, sip.from_q850(row.cause, "freeswitch"),
        "cause " .. row.cause .. " " .. row.name .. " (" .. row.branch .. ")")
    end
  end)

  it("deviates from RFC 3398 where the reference says so", function()
    assert.are.equal(1, sip.to_q850(485))
    assert.are.equal(3, sip.to_q850(485, nil, "freeswitch"))
    assert.are.equal(403, sip.from_q850(21))
    assert.are.equal(603, sip.from_q850(21, "freeswitch"))
    assert.are.equal(500, sip.from_q850(99))
    assert.are.equal(480, sip.from_q850(99, "freeswitch"))
    assert.is_nil(sip.to_q850(487))
    assert.are.equal(487, sip.to_q850(487, nil, "freeswitch"))
  end)

  it("accepts 'rfc3398' as the explicit default", function()
    assert.are.equal(sip.to_q850(485), sip.to_q850(485, nil, "rfc3398"))
    assert.are.equal(sip.from_q850(21), sip.from_q850(21, "rfc3398"))
  end)
end)

describe("Q.850 cause names", function()
  it("sip.q850_causes names every cause the mappings use", function()
    for cause, entry in pairs(NAMES) do
      assert.are.equal(entry.q850, sip.q850_causes[cause], "cause " .. cause)
    end
    for cause in pairs(RFC_FROM) do
      assert.is_string(sip.q850_causes[cause], "cause " .. cause)
    end
    for _, cause in pairs(RFC_TO) do
      if type(cause) == "number" then
        assert.is_string(sip.q850_causes[cause], "cause " .. cause)
      end
    end
  end)

  it("sip.q850_causes has nothing but those names", function()
    for cause = 0, 1000 do
      local entry = NAMES[cause]
      assert.are.equal(entry and entry.q850, sip.q850_causes[cause], "cause " .. cause)
    end
  end)

  it("sip.freeswitch_causes gives every name FreeSWITCH has, and nothing else", function()
    for cause = 0, 1000 do
      local row = FS_CAUSE_ROW[cause]
      assert.are.equal(row and row.name, sip.freeswitch_causes[cause], "cause " .. cause)
    end
    -- The mapping tables' own names are among them (the two references agree).
    for cause = 0, 1000 do
      local named = (NAMES[cause] and NAMES[cause].freeswitch) or FS_ROW_NAMES[cause]
      if named then
        assert.are.equal(named, FS_CAUSE_ROW[cause] and FS_CAUSE_ROW[cause].name, "cause " .. cause)
      end
    end
  end)

  it("sip.q850_cause finds every FreeSWITCH cause by its name", function()
    for _, row in ipairs(FS_CAUSES) do
      assert.are.equal(row.cause, sip.q850_cause(row.name), row.name)
      assert.are.equal(row.cause, sip.q850_cause(row.name:lower()), row.name)
    end
  end)

  it("sip.q850_cause finds a cause by Q.850 or FreeSWITCH name, in any case", function()
    for cause, entry in pairs(NAMES) do
      if entry.q850 then
        assert.are.equal(cause, sip.q850_cause(entry.q850))
        assert.are.equal(cause, sip.q850_cause(entry.q850:upper()))
      end
      if entry.freeswitch then
        assert.are.equal(cause, sip.q850_cause(entry.freeswitch))
        assert.are.equal(cause, sip.q850_cause(" " .. entry.freeswitch:lower() .. "\n"))
      end
    end
    assert.are.equal(487, sip.q850_cause("ORIGINATOR_CANCEL"))
    assert.are.equal(16, sip.q850_cause("NORMAL_CLEARING"))
  end)

  it("sip.q850_cause gives nil for unknown names and raises for non-strings", function()
    assert.is_nil(sip.q850_cause("no such cause"))
    assert.is_nil(sip.q850_cause(""))
    assert.has_error(function() sip.q850_cause(17) end,
      "bad argument #1 to 'q850_cause' (string expected, got number)")
  end)

  it("the name tables are read-only", function()
    assert.has_error(function() sip.q850_causes[17] = "x" end)
    assert.has_error(function() sip.freeswitch_causes[17] = "x" end)
    assert.has_error(function() setmetatable(sip.q850_causes, {}) end)
  end)
end)
