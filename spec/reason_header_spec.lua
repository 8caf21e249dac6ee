-- The Reason header field: building values (RFC 3326 section 2, with
-- RFC 3261 section 25 quoted-strings) and parsing them.
local sip = require("sipcodes")

describe("sip.reason_header", function()
  it("builds the SIP value with the table's phrase as text, in the compact form", function()
    assert.are.equal('SIP;cause=486;text="Busy Here"', sip.reason_header(486))
    assert.are.equal('SIP;cause=600;text="Busy Everywhere"', sip.reason_header("600"))
  end)

  it("takes an explicit text (RFC 3326's CANCEL example)", function()
    assert.are.equal('SIP;cause=200;text="Call completed elsewhere"',
      sip.reason_header(200, "Call completed elsewhere"))
  end)

  it("escapes '\"' and '\\' as quoted-pairs (RFC 3261 section 25.1)", function()
    assert.are.equal([[SIP;cause=480;text="say \"hi\" \\ bye"]],
      sip.reason_header(480, [[say "hi" \ bye]]))
  end)

  it("keeps UTF-8 and HTAB, and allows an empty text", function()
    assert.are.equal('SIP;cause=486;text="Besetzt \226\152\142\t!"',
      sip.reason_header(486, "Besetzt \226\152\142\t!"))
    assert.are.equal('SIP;cause=486;text=""', sip.reason_header(486, ""))
  end)

  it("omits the text when it is false, and for a code the table does not know", function()
    assert.are.equal("SIP;cause=487", sip.reason_header(487, false))
    assert.are.equal("SIP;cause=499", sip.reason_header(499))
  end)

  it("raises for text that could break the header: CR, LF, NUL, other controls, bad UTF-8", function()
    for _, bad in ipairs({ "a\r\nReason: forged", "a\n", "a\r", "a\0b", "\27[0m", "x\127",
                           "\192\175", "\237\160\128", "\255" }) do
      assert.has_error(function() sip.reason_header(486, bad) end)
    end
    assert.has_error(function() sip.reason_header(486, "a\r\nb") end,
      "bad argument #2 to 'reason_header' (invalid text: control character at byte 2)")
  end)

  it("gives nil for numbers and strings that are not codes", function()
    for _, v in ipairs({ 486.5, 99, 700, -486, "486 ", "", "Busy Here" }) do
      assert.is_nil(sip.reason_header(v), tostring(v))
    end
  end)

  it("raises the standard argument error for other types", function()
    assert.has_error(function() sip.reason_header(nil) end,
      "bad argument #1 to 'reason_header' (SIP status code expected, got nil)")
    assert.has_error(function() sip.reason_header(486, 12) end)
    assert.has_error(function() sip.reason_header(486, true) end)
  end)

  it("builds long values whole", function()
    local text = string.rep("x", 5000)
    assert.are.equal('SIP;cause=480;text="' .. text .. '"', sip.reason_header(480, text))
  end)
end)

describe("sip.q850_reason_header", function()
  it("builds the Q.850 value with the cause name as text", function()
    assert.are.equal('Q.850;cause=16;text="Normal call clearing"', sip.q850_reason_header(16))
    assert.are.equal('Q.850;cause=17;text="User busy"', sip.q850_reason_header("17"))
  end)

  it("takes an explicit text (RFC 3326's BYE example) or none", function()
    assert.are.equal('Q.850;cause=16;text="Terminated"', sip.q850_reason_header(16, "Terminated"))
    assert.are.equal("Q.850;cause=16", sip.q850_reason_header(16, false))
    assert.are.equal("Q.850;cause=99", sip.q850_reason_header(99))
  end)

  it("gives nil for values outside Q.850's 0..127", function()
    for _, v in ipairs({ 128, 487, -1, 16.5, "1000", "" }) do
      assert.is_nil(sip.q850_reason_header(v), tostring(v))
    end
  end)

  it("raises for non-cause types and for forged text", function()
    assert.has_error(function() sip.q850_reason_header(nil) end,
      "bad argument #1 to 'q850_reason_header' (Q.850 cause expected, got nil)")
    assert.has_error(function() sip.q850_reason_header(16, "x\r\ny") end)
  end)
end)

describe("sip.parse_reason_header", function()
  -- RFC 3326 section 2's examples, verbatim header values.
  it("parses RFC 3326's examples", function()
    local examples = {
      { 'SIP ;cause=200 ;text="Call completed elsewhere"', "SIP", 200, "Call completed elsewhere" },
      { 'Q.850 ;cause=16 ;text="Terminated"', "Q.850", 16, "Terminated" },
      { 'SIP ;cause=600 ;text="Busy Everywhere"', "SIP", 600, "Busy Everywhere" },
      { 'SIP ;cause=580 ;text="Precondition Failure"', "SIP", 580, "Precondition Failure" },
    }
    for _, ex in ipairs(examples) do
      local list = assert(sip.parse_reason_header(ex[1]))
      assert.are.equal(1, #list)
      assert.are.same({ protocol = ex[2], cause = ex[3], text = ex[4], params = {} }, list[1])
    end
  end)

  it("parses several comma-separated reasons, in order", function()
    local list = assert(sip.parse_reason_header(
      'SIP;cause=200;text="Call completed elsewhere" , Q.850;cause=16;text="Normal call clearing"'))
    assert.are.equal(2, #list)
    assert.are.equal("SIP", list[1].protocol)
    assert.are.equal(200, list[1].cause)
    assert.are.equal("Q.850", list[2].protocol)
    assert.are.equal(16, list[2].cause)
  end)

  it("accepts the parameters in any order, names in any case", function()
    local list = assert(sip.parse_reason_header('q.850;TEXT="User busy";Cause=17'))
    assert.are.same({ protocol = "Q.850", cause = 17, text = "User busy", params = {} }, list[1])
  end)

  it("collects extension parameters by lower-case name (token, quoted, IPv6 reference, flag)", function()
    local list = assert(sip.parse_reason_header(
      'Q.850;cause=21;Location=LN;note="a \\"b\\"";via=[2001:db8::1];urgent;x=1;X=2'))
    assert.are.same({ location = "LN", note = 'a "b"', via = "[2001:db8::1]", urgent = true, x = "1" },
      list[1].params)
  end)

  it("keeps other protocols as written, and reasons without cause or text", function()
    local list = assert(sip.parse_reason_header("preemption ;cause=1 ;text=\"UA Preemption\", X-Vendor"))
    assert.are.equal("preemption", list[1].protocol)
    assert.are.equal(1, list[1].cause)
    assert.are.same({ protocol = "X-Vendor", params = {} }, list[2])
  end)

  it("removes quoted-pair escapes and keeps UTF-8 text", function()
    local list = assert(sip.parse_reason_header('SIP;cause=486;text="\\\\ caf\195\169 \\x"'))
    assert.are.equal("\\ caf\195\169 x", list[1].text)
  end)

  it("takes in a quoted text what RFC 3261 qdtext and quoted-pair allow, as text", function()
    -- qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII, its UTF-8
    -- RFC 3629's; a quoted-pair escapes HTAB, SP or visible ASCII
    local taken = {
      { "!#[]~ ", "!#[]~ " },
      { "\195\169\226\130\172\240\159\152\128\244\143\191\191",
        "\195\169\226\130\172\240\159\152\128\244\143\191\191" },
      { "\237\159\191", "\237\159\191" },                -- U+D7FF, just below the surrogates
      { 'a\\"b\\\\c\\x\\\t', 'a"b\\cx\t' },
      { "", "" },
    }
    for _, case in ipairs(taken) do
      local list, err = sip.parse_reason_header('SIP;text="' .. case[1] .. '"')
      assert.is_table(list, err)
      assert.are.equal(case[2], list[1].text)
    end
    -- a lone UTF8-CONT byte is no UTF-8 character; a lead byte needs all
    -- its continuation bytes; FE and FF lead nothing; RFC 3629 has no
    -- overlong form, no surrogate, nothing above U+10FFFF and no 5- or
    -- 6-byte form, which the ABNF's UTF8-NONASCII has
    for _, text in ipairs({ "\128", "a\191b", "\195", "\226\130", "\254", "\255", "\\\128", "\\\n",
                            "\192\128", "\193\191", "\224\128\175", "\240\143\191\191", "\237\160\128",
                            "\237\191\191", "\244\144\128\128", "\245\128\128\128",
                            "\248\136\128\128\128", "\252\132\128\128\128\128" }) do
      local list, err = sip.parse_reason_header('SIP;text="' .. text .. '"')
      assert.is_nil(list, text)
      assert.truthy(err:find("^invalid Reason header: invalid UTF%-8 in quoted%-string at byte 1[12]$")
                    or err:find("^invalid Reason header: invalid quoted%-pair at byte 11$"), err)
    end
  end)

  it("refuses a quoted-pair that escapes a control character: the text would hold it", function()
    -- RFC 3261's quoted-pair allows %x00-09 / %x0B-0C / %x0E-7F; the
    -- unescaped text of "\\\0" is a NUL, which reason_header refuses to
    -- write and which would cut a C string short.
    for _, escaped in ipairs({ "\0", "\1", "\8", "\11", "\12", "\27", "\31", "\127" }) do
      local list, err = sip.parse_reason_header('SIP;text="a\\' .. escaped .. '"')
      assert.is_nil(list, escaped)
      assert.are.equal("invalid Reason header: invalid quoted-pair at byte 12", err)
    end
  end)

  it("accepts surrounding and folded white space (RFC 3261 LWS)", function()
    local list = assert(sip.parse_reason_header(' \tSIP\r\n ;cause=487\r\n\t; text="Request Terminated"  '))
    assert.are.equal(487, list[1].cause)
    assert.are.equal("Request Terminated", list[1].text)
  end)

  it("reads the Q.850 Reason of a response (RFC 6432)", function()
    local list = assert(sip.parse_reason_header('Q.850;cause=17;text="User busy"'))
    assert.are.equal(486, sip.from_q850(list[1].cause))
  end)

  it("returns nil and a message for malformed values", function()
    local malformed = {
      "", "   ", ";cause=1", "SIP;", "SIP;cause", "SIP;cause=", "SIP;cause=abc",
      'SIP;cause="200"', "SIP;cause=2x", "SIP;cause=1;cause=2", "SIP;text=abc",
      'SIP;text="a";text="b"', 'SIP;text="unterminated', 'SIP;text="bad \\\r"',
      'SIP;text="a\nb"', 'SIP;text="a\0b"', 'SIP;text="\255"', "SIP;cause=1,",
      ",SIP", "SIP,,Q.850", "SIP Q.850", "SIP;cause=1 2", "S I P", "SIP;x=[::1",
      "SIP;x=[]", "SIP;=1", "SIP;cause=9999999999", "SIP\r\nX: y",
      -- gen-value's IPv6reference is RFC 3986's, as a warn-agent's is
      "SIP;x=[1.2.3.4.5]", "SIP;x=[:]", "SIP;x=[::1.2.3.999]", "SIP;x=[::01.2.3.4]", "SIP;x=[1::2::3]",
    }
    for _, value in ipairs(malformed) do
      local list, err = sip.parse_reason_header(value)
      assert.is_nil(list, value)
      assert.is_string(err, value)
      assert.truthy(err:find("^invalid Reason header: .* at byte %d+$"), err)
    end
  end)

  it("says where it went wrong", function()
    local _, err = sip.parse_reason_header("SIP;cause=1;cause=2")
    assert.are.equal("invalid Reason header: duplicate cause parameter at byte 13", err)
  end)

  it("never raises on any string", function()
    local draw = require("text_sweep").random(12345)
    local alphabet = 'SIPQ.850;=,"\\ \t\r\ncausetx[]:\0\200\255\195\169a1'
    for _ = 1, 3000 do
      local bytes = {}
      for i = 1, draw(40) do
        local k = draw(#alphabet) + 1
        bytes[i] = alphabet:sub(k, k)
      end
      local value = table.concat(bytes)
      local ok, list, err = pcall(sip.parse_reason_header, value)
      assert.is_true(ok, value)
      assert.truthy(type(list) == "table" or type(err) == "string", value)
    end
  end)

  it("reads back what reason_header builds", function()
    for _, code in ipairs(sip.list()) do
      local list = assert(sip.parse_reason_header(sip.reason_header(code)))
      assert.are.same({ protocol = "SIP", cause = code, text = sip.reason(code), params = {} }, list[1])
    end
    local tricky = 'quote " backslash \\ tab\t caf\195\169'
    assert.are.equal(tricky, sip.parse_reason_header(sip.q850_reason_header(31, tricky))[1].text)
  end)

  it("writes back every text it reads, and reads it back the same", function()
    -- One rule both ways: whatever parse_reason_header returns as a text,
    -- reason_header writes, and the value parses back to the same parts.
    local function round_trip(value)
      local list = sip.parse_reason_header(value)
      if list == nil then return false end
      for _, r in ipairs(list) do
        if r.text ~= nil then
          local ok, built = pcall(sip.reason_header, 200, r.text)
          assert.is_true(ok, string.format("%q: %s", value, tostring(built)))
          assert.are.same({ protocol = "SIP", cause = 200, text = r.text, params = {} },
            sip.parse_reason_header(built)[1])
          if r.protocol == "Q.850" and r.cause and r.cause <= 127 then
            assert.are.same({ protocol = "Q.850", cause = r.cause, text = r.text, params = {} },
              sip.parse_reason_header(sip.q850_reason_header(r.cause, r.text))[1])
          end
        end
      end
      return true
    end
    for _, value in ipairs({ 'SIP;cause=200;text="Call completed elsewhere"',
        'Q.850;cause=16;text="a \\"b\\" \\\\ \\x\t\r\n c"', 'Q.850;cause=17;text=""',
        'SIP;text="caf\195\169 \240\159\152\128"' }) do
      assert.is_true(round_trip(value), value)
    end
    local taken = require("text_sweep").sweep(99, 5000, function(text)
      return round_trip('Q.850;cause=31;text="' .. text .. '"')
    end)
    assert.is_true(taken > 100, "the sweep reached the texts that are taken")
  end)

  it("raises the standard argument error for a non-string", function()
    assert.has_error(function() sip.parse_reason_header(nil) end,
      "bad argument #1 to 'parse_reason_header' (string expected, got nil)")
    assert.has_error(function() sip.parse_reason_header(200) end)
  end)
end)
