-- The Warning header field (RFC 3261 section 20.43): the registered
-- warn-codes, building a value, parsing one, and the Warning that
-- to_q850 reads.  Expected warn-codes and texts come from
-- spec/fixtures/warn-codes.tsv; header values are RFC 3261's examples or
-- written here from its grammar.
local sip = require("sipcodes")
local warn = require("warn_codes")

-- Values that are numbers or strings but not warn-codes.
local NOT_WARN_CODES = {
  -1, 1000, 370.5, 0 / 0, math.huge, -math.huge, 2 ^ 63,
  "37", "3700", " 370", "370 ", "+370", "0x172", "3.7e2", "", "abc", "370\0",
}

describe("sip.warnings", function()
  it("gives the recommended warn-text of every registered warn-code", function()
    assert.is_true(#warn.rows >= 15)
    for _, row in ipairs(warn.rows) do
      assert.are.equal(row.text, sip.warnings[row.code], row.code)
    end
  end)

  it("holds nothing else", function()
    for code = 0, 999 do
      if not warn.by_code[code] then
        assert.is_nil(sip.warnings[code], code)
      end
    end
    assert.is_nil(sip.warnings["370"])
  end)

  it("is read-only", function()
    assert.has_error(function() sip.warnings[370] = "x" end)
    assert.has_error(function() sip.warnings[342] = "x" end)
    assert.has_error(function() rawset(sip.warnings, 342, "x") end)
    assert.is_nil(sip.warnings[342])
  end)
end)

describe("sip.warning_info", function()
  it("has the code, text, RFC and description of every registered warn-code", function()
    for _, row in ipairs(warn.rows) do
      local info = sip.warning_info(row.code)
      assert.are.same(
        { code = row.code, text = row.text, rfc = row.rfc, description = row.description },
        { code = info.code, text = info.text, rfc = info.rfc, description = info.description })
    end
  end)

  it("returns the same record every call, whatever form the warn-code takes", function()
    local record = sip.warning_info(370)
    assert.are.equal(record, sip.warning_info(370))
    assert.are.equal(record, sip.warning_info(370.0))
    assert.are.equal(record, sip.warning_info("370"))
  end)

  it("gives read-only records", function()
    assert.has_error(function() sip.warning_info(370).text = "x" end)
    assert.are.equal(warn.by_code[370].text, sip.warning_info(370).text)
  end)

  it("gives nil for unregistered warn-codes and for what is not a warn-code", function()
    for _, v in ipairs({ 0, 342, 999, "000", "342" }) do
      assert.is_nil(sip.warning_info(v), tostring(v))
    end
    for _, v in ipairs(NOT_WARN_CODES) do
      assert.is_nil(sip.warning_info(v), tostring(v))
    end
  end)

  it("raises the standard argument error for other types", function()
    assert.has_error(function() sip.warning_info(nil) end,
      "bad argument #1 to 'warning_info' (warn-code expected, got nil)")
    assert.has_error(function() sip.warning_info(true) end)
    assert.has_error(function() sip.warning_info({}) end)
  end)
end)

describe("sip.warning_header", function()
  it("builds warn-code SP warn-agent SP warn-text with the registry's text", function()
    for _, row in ipairs(warn.rows) do
      assert.are.equal(('%d example.com "%s"'):format(row.code, row.text),
        sip.warning_header(row.code, "example.com"))
    end
  end)

  it("takes an explicit text (RFC 3261 section 20.43's examples)", function()
    assert.are.equal([[307 isi.edu "Session parameter 'foo' not understood"]],
      sip.warning_header(307, "isi.edu", "Session parameter 'foo' not understood"))
    assert.are.equal([[301 isi.edu "Incompatible network address type 'E.164'"]],
      sip.warning_header("301", "isi.edu", "Incompatible network address type 'E.164'"))
  end)

  it("escapes '\"' and '\\' as quoted-pairs and keeps UTF-8, HTAB and the empty text", function()
    assert.are.equal([[399 gw "say \"hi\" \\ bye"]], sip.warning_header(399, "gw", [[say "hi" \ bye]]))
    assert.are.equal('399 gw "caf\195\169\tok"', sip.warning_header(399, "gw", "caf\195\169\tok"))
    assert.are.equal('399 gw ""', sip.warning_header(399, "gw", ""))
  end)

  it("accepts every three-digit warn-code and always writes three digits", function()
    assert.are.equal('342 gw "x"', sip.warning_header(342, "gw", "x"))
    assert.are.equal('000 gw "x"', sip.warning_header(0, "gw", "x"))
    assert.are.equal('007 gw "x"', sip.warning_header("007", "gw", "x"))
    assert.are.equal('999 gw "x"', sip.warning_header(999.0, "gw", "x"))
  end)

  it("gives nil for an unregistered warn-code without a text", function()
    assert.is_nil(sip.warning_header(342, "gw"))
    assert.is_nil(sip.warning_header("000", "gw"))
  end)

  it("gives nil for numbers and strings that are not warn-codes", function()
    for _, v in ipairs(NOT_WARN_CODES) do
      assert.is_nil(sip.warning_header(v, "gw", "x"), tostring(v))
    end
  end)

  it("accepts an agent that is a host, with or without a port, or a pseudonym", function()
    for _, agent in ipairs({
      "example.com", "example.com.", "example.com:5060", "gw1", "192.0.2.1", "192.0.2.1:5060",
      "[2001:db8::1]", "[2001:DB8::1]:5061", "[::ffff:192.0.2.1]:5060", "[::1.2.3.4]", "[::1]", "[::]",
      "[1:2:3:4:5:6:7:8]", "[1:2:3:4:5:6:7::]", "proxy_1", "a!b~c", "1.2.3.4.5", "-x-",
    }) do
      assert.are.equal("370 " .. agent .. ' "x"', sip.warning_header(370, agent, "x"), agent)
    end
  end)

  it("raises for an agent that is neither, since it could break the header", function()
    for _, agent in ipairs({
      "", " ", "gw 1", "gw\r\nVia: x", "gw,1", 'gw"', "gw;x", "gw:", "gw:50a", ":5060", "[::1",
      "[::1]x", "[1:2:3]", "[1::2::3]", "[12345::1]", "[::1.2.3]", "[1:2:3:4:5:6:7:8:9]",
      "[1:2:3:4:5:6:7:8::]", "-gw:5060", "gw-:5060", "a..b:5060", "1.2.3.4.5:5060",
      "my_host:5060", "gw\0", "caf\195\169",
      -- RFC 3986's IPv4address inside an IPv6 reference: 0-255, no leading zero
      "[::1.2.3.999]", "[::01.2.3.4]", "[::256.0.0.1]", "[::ffff:1.2.3.04]", "1.2.3.999:5060",
    }) do
      assert.has_error(function() sip.warning_header(370, agent, "x") end, nil, agent)
    end
    assert.has_error(function() sip.warning_header(370, "gw:50a") end,
      "bad argument #2 to 'warning_header' (invalid warn-agent: port must be decimal digits at byte 6)")
  end)

  it("raises for a text that could break the header: CR, LF, NUL, other controls, bad UTF-8", function()
    for _, bad in ipairs({ "a\r\nWarning: forged", "a\n", "a\r", "a\0b", "\27[0m", "x\127",
                           "\128", "\192\175", "\237\160\128" }) do
      assert.has_error(function() sip.warning_header(399, "gw", bad) end)
    end
    assert.has_error(function() sip.warning_header(399, "gw", "a\r\nb") end,
      "bad argument #3 to 'warning_header' (invalid text: control character at byte 2)")
  end)

  it("checks the text before anything else", function()
    assert.has_error(function() sip.warning_header(1000, "gw", "a\r\nb") end,
      "bad argument #3 to 'warning_header' (invalid text: control character at byte 2)")
    assert.has_error(function() sip.warning_header(370, "g w", "a\r\nb") end,
      "bad argument #3 to 'warning_header' (invalid text: control character at byte 2)")
  end)

  it("raises the standard argument error for other types", function()
    assert.has_error(function() sip.warning_header(nil, "gw") end,
      "bad argument #1 to 'warning_header' (warn-code expected, got nil)")
    assert.has_error(function() sip.warning_header(370) end,
      "bad argument #2 to 'warning_header' (string expected, got no value)")
    assert.has_error(function() sip.warning_header(370, 5060) end,
      "bad argument #2 to 'warning_header' (string expected, got number)")
    assert.has_error(function() sip.warning_header(370, "gw", false) end,
      "bad argument #3 to 'warning_header' (string expected, got boolean)")
  end)

  it("builds long values whole", function()
    local text = ("x"):rep(100000)
    local agent = ("a"):rep(5000) .. ".example.com"
    assert.are.equal("399 " .. agent .. ' "' .. text .. '"', sip.warning_header(399, agent, text))
  end)
end)

describe("sip.parse_warning_header", function()
  it("parses RFC 3261 section 20.43's examples", function()
    assert.are.same({ { code = 307, agent = "isi.edu", text = "Session parameter 'foo' not understood" } },
      sip.parse_warning_header([[307 isi.edu "Session parameter 'foo' not understood"]]))
    assert.are.same({ { code = 301, agent = "isi.edu", text = "Incompatible network address type 'E.164'" } },
      sip.parse_warning_header([[301 isi.edu "Incompatible network address type 'E.164'"]]))
  end)

  it("parses several comma-separated warnings, in order", function()
    local list = assert(sip.parse_warning_header(
      '370 gw1.example.com:5060 "Insufficient bandwidth" ,\t399 [2001:db8::1] "x", 380 proxy "SIPS Not Allowed"'))
    assert.are.same({
      { code = 370, agent = "gw1.example.com:5060", text = "Insufficient bandwidth" },
      { code = 399, agent = "[2001:db8::1]", text = "x" },
      { code = 380, agent = "proxy", text = "SIPS Not Allowed" },
    }, list)
  end)

  it("reads any three-digit warn-code", function()
    assert.are.equal(7, sip.parse_warning_header('007 gw "x"')[1].code)
    assert.are.equal(0, sip.parse_warning_header('000 gw "x"')[1].code)
  end)

  it("removes quoted-pair escapes of text characters, and refuses one of a control", function()
    assert.are.equal('a "b" \\ c', sip.parse_warning_header([[399 gw "a \"b\" \\ c"]])[1].text)
    assert.are.equal("\tx", sip.parse_warning_header('399 gw "\\\t\\x"')[1].text)
    -- RFC 3261's quoted-pair takes %x00-09 / %x0B-0C / %x0E-7F; the text
    -- of one escaping a control would hold it, which warning_header
    -- refuses to write.
    for _, escaped in ipairs({ "\0", "\1", "\27", "\127" }) do
      local list, err = sip.parse_warning_header('399 gw "\\' .. escaped .. '"')
      assert.is_nil(list, escaped)
      assert.are.equal("invalid Warning header: invalid quoted-pair at byte 9", err)
    end
  end)

  it("accepts surrounding and folded white space where the grammar has LWS", function()
    local list = assert(sip.parse_warning_header(' \t370 gw \r\n "a\r\n\tb"\r\n , 399 gw  "y"  '))
    assert.are.equal("a\tb", list[1].text)
    assert.are.equal("y", list[2].text)
  end)

  it("keeps UTF-8 text, qdtext's UTF8-NONASCII read as RFC 3629 UTF-8", function()
    assert.are.equal("caf\195\169 \226\152\142", sip.parse_warning_header('399 gw "caf\195\169 \226\152\142"')[1].text)
    -- The ABNF's five- and six-byte forms, overlong forms, surrogates and
    -- code points above U+10FFFF are no UTF-8: warning_header refuses
    -- them, and so does the parser.
    for _, bad in ipairs({ "\248\136\128\128\128", "\252\132\128\128\128\128", "\192\128", "\224\128\175",
                           "\237\160\128", "\244\144\128\128" }) do
      local list, err = sip.parse_warning_header('399 gw "' .. bad .. '"')
      assert.is_nil(list, bad)
      assert.are.equal("invalid Warning header: invalid UTF-8 in quoted-string at byte 9", err)
    end
  end)

  it("refuses a lone UTF-8 continuation byte, which qdtext does not have", function()
    local list, err = sip.parse_warning_header('399 gw "a\128"')
    assert.is_nil(list)
    assert.are.equal("invalid Warning header: invalid UTF-8 in quoted-string at byte 10", err)
  end)

  it("returns nil and a message for malformed values", function()
    local malformed = {
      "", "   ", "370", "370 ", "370 gw", "370 gw ", '370 gw x', '37 gw "x"', '3700 gw "x"',
      '370\tgw "x"', '370 gw\t"x"', '370 g w "x"', '370 gw "x" 399 gw "y"',
      '370 gw "x",', ',370 gw "x"', '370 gw "x",,399 gw "y"', '370 gw:abc "x"', '370 [::1 "x"',
      '370 gw "a\nb"', '370 gw "a\0b"', '370 gw "a\\\r"', '370 gw "\\\200"', '370 gw "abc',
      '370 gw "\255"', '370 gw "\192"', '370 gw "x"\r\nVia: y', '370 gw "x" ;p=1', 'abc gw "x"',
      '370 gw "x"\0',
    }
    for _, value in ipairs(malformed) do
      local list, err = sip.parse_warning_header(value)
      assert.is_nil(list, value)
      assert.is_string(err, value)
      assert.truthy(err:find("^invalid Warning header: .* at byte %d+$"), err)
    end
  end)

  it("says where it went wrong", function()
    local cases = {
      { "", "empty header value at byte 1" },
      { '37 gw "x"', "expected a three-digit warn-code at byte 1" },
      { '3700 gw "x"', "expected SP after the warn-code at byte 4" },
      { '370\tgw "x"', "expected SP after the warn-code at byte 4" },
      { '370 gw\t"x"', "expected SP after the warn-agent at byte 7" },
      { '370 \t"x"', "expected a warn-agent at byte 6" },
      { "370 gw x", "expected the warn-text, a quoted-string at byte 8" },
      { '370 gw "x" 399 gw "y"', "expected ',' or the end at byte 12" },
      { '370 gw:abc "x"', "port must be decimal digits at byte 8" },
      { '370 gw "abc', "unterminated quoted-string at byte 12" },
      { '370 gw "a\\\r"', "invalid quoted-pair at byte 10" },
    }
    for _, case in ipairs(cases) do
      local _, err = sip.parse_warning_header(case[1])
      assert.are.equal("invalid Warning header: " .. case[2], err)
    end
  end)

  it("takes blanks after either SP alike", function()
    -- warning-value = warn-code SP warn-agent SP warn-text, and warn-text
    -- is a quoted-string, which begins with SWS: the grammar lets linear
    -- white space follow the second SP.  The first SP is read the same way.
    local one = { { code = 370, agent = "gw1", text = "x" } }
    for _, value in ipairs({ '370 gw1 "x"', '370 gw1  "x"', '370  gw1 "x"', '370  gw1  "x"',
                             '370 \t gw1 \t "x"', '370 \r\n gw1 \r\n\t"x"' }) do
      assert.are.same(one, sip.parse_warning_header(value), value)
    end
    -- the first blank is SP in both places, and a line fold is CRLF WSP
    for _, value in ipairs({ '370\tgw1 "x"', '370 gw1\t"x"', '370\r\n gw1 "x"', '370 gw1\r\n "x"',
                             '370 \r\ngw1 "x"', '370 gw1 \r\n"x"' }) do
      assert.is_nil(sip.parse_warning_header(value), value)
    end
  end)

  it("refuses an IPv6 agent that RFC 3986 refuses", function()
    for _, value in ipairs({ '370 [::1.2.3.999] "x"', '370 [::01.2.3.4] "x"', '370 [::1.2.3.4.5] "x"' }) do
      local list, err = sip.parse_warning_header(value)
      assert.is_nil(list, value)
      assert.are.equal("invalid Warning header: invalid IPv6 address at byte 6", err)
    end
  end)

  it("never raises on any string", function()
    local draw = require("text_sweep").random(4242)
    local alphabet = '370 99gw.:[]",\\ \t\r\n\0\128\195\169\255a'
    for _ = 1, 3000 do
      local bytes = {}
      for i = 1, draw(40) do
        local k = draw(#alphabet) + 1
        bytes[i] = alphabet:sub(k, k)
      end
      local value = table.concat(bytes)
      local ok, list, err = pcall(sip.parse_warning_header, value)
      assert.is_true(ok, value)
      assert.truthy(type(list) == "table" or type(err) == "string", value)
    end
  end)

  it("reads back what warning_header builds: code, agent and text", function()
    for _, row in ipairs(warn.rows) do
      for _, agent in ipairs({ "example.com", "192.0.2.1:5060", "[2001:db8::1]:5061", "gw_pseudonym" }) do
        assert.are.same({ { code = row.code, agent = agent, text = row.text } },
          sip.parse_warning_header(sip.warning_header(row.code, agent)))
      end
    end
    local tricky = 'quote " backslash \\ tab\t caf\195\169 '
    assert.are.same({ { code = 7, agent = "gw", text = tricky } },
      sip.parse_warning_header(sip.warning_header(7, "gw", tricky)))
  end)

  it("writes back every warning it reads, and reads it back the same", function()
    -- One rule both ways: whatever parse_warning_header returns as a code,
    -- agent and text, warning_header writes, and the value parses back to
    -- the same parts.
    local function round_trip(value)
      local list = sip.parse_warning_header(value)
      if list == nil then return false end
      for _, w in ipairs(list) do
        local ok, built = pcall(sip.warning_header, w.code, w.agent, w.text)
        assert.is_true(ok, string.format("%q: %s", value, tostring(built)))
        assert.are.same({ w }, sip.parse_warning_header(built))
      end
      return true
    end
    for _, value in ipairs({ [[307 isi.edu "Session parameter 'foo' not understood"]],
        '370  [2001:db8::1]:5060 \t "a \\"b\\" \\\\\r\n c" , 399 gw_1 ""', '399 gw "caf\195\169\t"' }) do
      assert.is_true(round_trip(value), value)
    end
    local agents = { "gw", "[::1]", "[::1.2.3.4]", "[::1.2.3.999]", "1.2.3.4:5060", "a!b" }
    local taken = require("text_sweep").sweep(31337, 5000, function(text, draw)
      return round_trip("399 " .. agents[draw(#agents) + 1] .. ' "' .. text .. '"')
    end)
    assert.is_true(taken > 100, "the sweep reached the values that are taken")
  end)

  it("raises the standard argument error for a non-string", function()
    assert.has_error(function() sip.parse_warning_header(nil) end,
      "bad argument #1 to 'parse_warning_header' (string expected, got nil)")
    assert.has_error(function() sip.parse_warning_header(370) end)
  end)
end)

-- RFC 3398 section 8.2.6.1 maps 488 and 606 by their Warning: 65 when it
-- speaks of bearer capability (RFC 3261's 304, 305, 370), else 31.
describe("sip.to_q850 with a Warning header value", function()
  it("reads the warn-code of a whole Warning header value", function()
    assert.are.equal(65, sip.to_q850(488, [[370 gw1 "Insufficient bandwidth"]]))
    assert.are.equal(65, sip.to_q850(606, [[305 [2001:db8::1]:5060 "Incompatible media format"]]))
    assert.are.equal(31, sip.to_q850(488, [[399 gw1 "Miscellaneous warning"]]))
  end)

  it("uses the first warning of several", function()
    assert.are.equal(65, sip.to_q850(488, [[370 gw1 "x", 399 gw2 "y"]]))
    assert.are.equal(31, sip.to_q850(488, [[399 gw2 "y", 370 gw1 "x"]]))
  end)

  it("takes a warn-code as a number or as three digits", function()
    assert.are.equal(65, sip.to_q850(488, 370))
    assert.are.equal(65, sip.to_q850(488, "370"))
  end)

  it("counts a malformed value as no warning", function()
    for _, value in ipairs({ "370 gw1", "370gw", " 370", "370 ", '370 gw1 "x", oops', '370 gw1 "\128"' }) do
      assert.are.equal(31, sip.to_q850(488, value), value)
    end
  end)
end)
