-- Every limit docs/api.md, docs/interworking.md and docs/safety.md state,
-- tried at the limit and one past it: codes 100-699, classes 1-6, causes
-- 0-127 and 0-999, warn-codes 0-999, Reason causes of 1-9 digits, the
-- 40-byte excerpt of error messages, which blanks the parsers take, and
-- empty against one-character fields.  Texts of every length across a few
-- hundred bytes go through each builder and parser, so that a buffer of
-- any size inside the module is crossed at its edge.
local sip = require("sipcodes")
local ref = require("reference")
local interwork = require("interwork_reference")

local error_of = require("errors").error_of

-- docs/api.md: the phrase of a valid code the table does not know.
local class_phrases = {
  "Provisional", "Success", "Redirection",
  "Client Failure", "Server Failure", "Global Failure",
}

describe("limits: codes are 100-699", function()
  local function expected_format(code)
    local row = ref.by_code[code]
    return code .. " " .. (row and row.reason or class_phrases[math.floor(code / 100)])
  end

  it("takes 100 and 699 as numbers, integral floats and three-digit strings", function()
    for _, code in ipairs({ 100, 699 }) do
      for _, given in ipairs({ code, code + 0.0, tostring(code) }) do
        assert.is_true(sip.is_valid(given))
        assert.are.equal(math.floor(code / 100), sip.class(given))
        assert.are.equal(expected_format(code), sip.format(given))
        assert.are.equal("SIP/2.0 " .. expected_format(code), sip.status_line(given))
      end
    end
    assert.are.equal(ref.by_code[100].reason, sip.reason(100))
    assert.are.equal(100, sip.canonical(100))
    assert.are.equal(600, sip.canonical(699))
  end)

  it("refuses 99 and 700 in every form, and codes of two or four digits", function()
    for _, given in ipairs({ 99, 700, 99.0, 700.0, "099", "700", "99", "0100", "6990", 99.5, 699.5 }) do
      assert.is_false(sip.is_valid(given))
      assert.is_nil(sip.class(given))
      assert.is_nil(sip.class_name(given))
      assert.is_nil(sip.format(given))
      assert.is_nil(sip.status_line(given))
      assert.is_nil(sip.canonical(given))
      assert.is_nil(sip.reason_header(given))
      assert.is_nil(sip.to_q850(given))
      assert.is_nil(sip.required_headers(given))
    end
  end)

  it("puts k00 and k99 in class k, and k00 - 1 outside it", function()
    local predicates = {
      { sip.is_provisional, 100, 199 }, { sip.is_success, 200, 299 },
      { sip.is_redirection, 300, 399 }, { sip.is_client_failure, 400, 499 },
      { sip.is_server_failure, 500, 599 }, { sip.is_global_failure, 600, 699 },
      { sip.is_final, 200, 699 }, { sip.is_failure, 400, 699 },
    }
    for i, p in ipairs(predicates) do
      local is, first, last = p[1], p[2], p[3]
      assert.is_true(is(first), "predicate " .. i .. " at " .. first)
      assert.is_true(is(last), "predicate " .. i .. " at " .. last)
      assert.is_false(is(first - 1), "predicate " .. i .. " at " .. first - 1)
      assert.is_false(is(last + 1), "predicate " .. i .. " at " .. last + 1)
    end
    for class = 1, 6 do
      assert.are.equal(ref.class_names[class], sip.class_name(class * 100))
      assert.are.equal(ref.class_names[class], sip.class_name(class * 100 + 99))
    end
  end)
end)

describe("limits: classes are 1-6", function()
  local function fixture_codes(class)
    local codes = {}
    for _, row in ipairs(ref.rows) do
      if math.floor(row.code / 100) == class then codes[#codes + 1] = row.code end
    end
    return codes
  end

  it("lists and iterates classes 1 and 6", function()
    for _, class in ipairs({ 1, 6 }) do
      assert.are.same(fixture_codes(class), sip.list(class))
      local seen = {}
      for code in sip.each(class) do seen[#seen + 1] = code end
      assert.are.same(fixture_codes(class), seen)
    end
  end)

  it("refuses classes 0 and 7", function()
    for _, class in ipairs({ 0, 7, -1, 1.5 }) do
      assert.matches("class must be an integer 1%-6", error_of(sip.list, class))
      assert.matches("class must be an integer 1%-6", error_of(sip.each, class))
    end
  end)
end)

describe("limits: causes", function()
  local names = interwork.cause_names()

  it("maps Q.850 causes 0 to 127 and nothing above (RFC 3398 section 7.2.4.1)", function()
    assert.are.equal(500, sip.from_q850(0))
    assert.are.equal(500, sip.from_q850(127))
    assert.are.equal(500, sip.from_q850("127"))
    assert.is_nil(sip.from_q850(128))
    assert.is_nil(sip.from_q850(-1))
  end)

  it("takes FreeSWITCH causes up to 999, not 1000", function()
    assert.are.equal(480, sip.from_q850(999, "freeswitch"))
    assert.are.equal(480, sip.from_q850("999", "freeswitch"))
    assert.are.equal(480, sip.from_q850(0, "freeswitch"))
    assert.is_nil(sip.from_q850(1000, "freeswitch"))
    assert.is_nil(sip.from_q850(999.5, "freeswitch"))
  end)

  it("reads one to three digits as a cause, not none or four", function()
    assert.are.equal(500, sip.from_q850("0"))
    assert.are.equal(486, sip.from_q850("017"))
    assert.is_nil(sip.from_q850(""))
    assert.is_nil(sip.from_q850("0017"))
    assert.is_nil(sip.from_q850("1000", "freeswitch"))
  end)

  it("builds a Q.850 Reason for causes 0 to 127 only", function()
    assert.are.equal('Q.850;cause=127;text="' .. names[127].q850 .. '"', sip.q850_reason_header(127))
    assert.are.equal("Q.850;cause=0", sip.q850_reason_header(0))
    assert.is_nil(sip.q850_reason_header(128))
    assert.is_nil(sip.q850_reason_header(-1))
  end)
end)

describe("limits: warn-codes are 0-999, three digits", function()
  it("builds 000 and 999, and nothing for -1 and 1000", function()
    assert.are.equal('000 a ""', sip.warning_header(0, "a", ""))
    assert.are.equal('000 a ""', sip.warning_header("000", "a", ""))
    assert.are.equal('999 a "x"', sip.warning_header(999, "a", "x"))
    assert.are.equal('999 a "x"', sip.warning_header(999.0, "a", "x"))
    assert.are.equal('999 a "x"', sip.warning_header("999", "a", "x"))
    for _, given in ipairs({ -1, 1000, 999.5, "1000", "99", "0999", "" }) do
      assert.is_nil(sip.warning_header(given, "a", "x"))
      assert.is_nil(sip.warning_info(given))
    end
  end)

  it("parses 000 and 999, and refuses four digits", function()
    local list = sip.parse_warning_header('000 a "", 999 b "x"')
    assert.are.equal(0, list[1].code)
    assert.are.equal("", list[1].text)
    assert.are.equal(999, list[2].code)
    local none, message = sip.parse_warning_header('1000 a "x"')
    assert.is_nil(none)
    assert.are.equal("invalid Warning header: expected SP after the warn-code at byte 4", message)
    none = sip.parse_warning_header('99 a "x"')
    assert.is_nil(none)
  end)

  it("lets a warn-code or a header decide 488's cause, and not a fourth digit", function()
    assert.are.equal(65, sip.to_q850(488, 370))
    assert.are.equal(65, sip.to_q850(488, "370"))
    assert.are.equal(31, sip.to_q850(488, 1370))
    assert.are.equal(31, sip.to_q850(488, "3700"))
  end)
end)

describe("limits: a Reason cause has 1 to 9 digits", function()
  it("reads nine digits, the largest 999999999", function()
    assert.are.equal(999999999, sip.parse_reason_header("SIP;cause=999999999")[1].cause)
    assert.are.equal(1, sip.parse_reason_header("SIP;cause=000000001")[1].cause)
    assert.are.equal(0, sip.parse_reason_header("SIP;cause=0")[1].cause)
  end)

  it("refuses ten digits, leading zeros or not, and none", function()
    for _, value in ipairs({ "SIP;cause=1000000000", "SIP;cause=0000000001", "SIP;cause=9999999999" }) do
      local none, message = sip.parse_reason_header(value)
      assert.is_nil(none, value)
      assert.matches("^invalid Reason header: .* at byte 5$", message)
    end
    assert.is_nil(sip.parse_reason_header("SIP;cause="))
  end)
end)

describe("limits: error messages quote 40 bytes of script text", function()
  -- docs/safety.md: quoted with NULs and other bytes escaped, cut after
  -- 40 bytes; a NUL makes sure the pattern is refused.
  it("quotes 40 bytes whole", function()
    local text = ("4"):rep(39) .. "\0"
    local message = error_of(sip.matcher, text)
    assert.is_truthy(message:find('"' .. ("4"):rep(39) .. '\\000":', 1, true), message)
    message = error_of(sip.matcher, ("\0"):rep(40))
    assert.is_truthy(message:find('"' .. ("\\000"):rep(40) .. '":', 1, true), message)
  end)

  it("cuts 41 bytes after the 40th, with ...", function()
    local message = error_of(sip.matcher, ("4"):rep(40) .. "\0")
    assert.is_truthy(message:find('"' .. ("4"):rep(40) .. '"...:', 1, true), message)
    message = error_of(sip.matcher, ("\0"):rep(41))
    assert.is_truthy(message:find('"' .. ("\\000"):rep(40) .. '"...:', 1, true), message)
  end)
end)

describe("limits: which blanks the parsers take", function()
  -- docs/api.md: surrounding blanks are ASCII white space.
  local blanks = { " ", "\t", "\r", "\n", "\v", "\f" }

  it("ignores SP, HTAB, CR, LF, VT and FF around a name", function()
    for _, b in ipairs(blanks) do
      assert.are.equal(486, sip.code(b .. "Busy Here" .. b))
      assert.are.equal(486, sip.code(b .. "BUSY_HERE" .. b))
      assert.are.equal(17, sip.q850_cause(b .. "User busy" .. b))
    end
  end)

  it("takes no other byte for a blank, and blanks alone for no name", function()
    for _, b in ipairs({ "\0", "\160", "\194\160", "\28" }) do
      assert.is_nil(sip.code(b .. "Busy Here"))
      assert.is_nil(sip.q850_cause("User busy" .. b))
    end
    assert.is_nil(sip.code(""))
    assert.is_nil(sip.code(" \t"))
    assert.is_nil(sip.q850_cause(""))
  end)

  it("takes no blank around a code, a cause, a warn-code or a profile", function()
    for _, b in ipairs(blanks) do
      assert.is_nil(sip.reason(b .. "486"))
      assert.is_nil(sip.reason("486" .. b))
      assert.is_nil(sip.from_q850(b .. "17"))
      assert.is_nil(sip.from_q850("17" .. b))
      assert.is_nil(sip.warning_info(b .. "370"))
      assert.is_nil(sip.warning_info("37" .. b))
      assert.matches("profile must be", error_of(sip.to_q850, 486, nil, "rfc3398" .. b))
    end
  end)

  it("takes one SP each between the parts of a Status-Line (RFC 3261 section 25)", function()
    assert.are.equal(200, (sip.parse_status_line("SIP/2.0 200 OK")))
    for _, line in ipairs({ "SIP/2.0  200 OK", "SIP/2.0\t200 OK", "SIP/2.0 200\tOK", " SIP/2.0 200 OK" }) do
      assert.is_nil((sip.parse_status_line(line)), line)
    end
    local _, reason = sip.parse_status_line("SIP/2.0 200  OK", "strict")
    assert.are.equal(" OK", reason)
    _, reason = sip.parse_status_line("SIP/2.0 200 OK\n")
    assert.are.equal("OK", reason)
    assert.is_nil((sip.parse_status_line("SIP/2.0 200 OK\r")))
  end)

  it("takes SP, HTAB and folded lines around Reason separators, nothing else", function()
    assert.are.equal(1, sip.parse_reason_header("SIP \t;\r\n cause = 1")[1].cause)
    assert.are.equal(2, #sip.parse_reason_header(" SIP ,\r\n\tX\t"))
    for _, value in ipairs({ "SIP\r\n;cause=1", "SIP\n ;cause=1", "SIP\v;cause=1", "SIP\f;cause=1" }) do
      assert.is_nil((sip.parse_reason_header(value)))
    end
  end)

  it("takes an SP, then SWS, after the warn-code and after the warn-agent alike", function()
    assert.are.equal("x", sip.parse_warning_header('370 gw \t "x"')[1].text)
    assert.are.equal("gw", sip.parse_warning_header('370  gw "x"')[1].agent)
    assert.are.equal("gw", sip.parse_warning_header('370 \t gw "x"')[1].agent)
    for _, value in ipairs({ '370\tgw "x"', '370 gw\t"x"', '370gw "x"', '370 gw"x"' }) do
      assert.is_nil((sip.parse_warning_header(value)), value)
    end
  end)
end)

describe("limits: empty and one-character fields", function()
  it("formats an empty phrase and a one-character one", function()
    assert.are.equal("100 ", sip.format(100, ""))
    assert.are.equal("100 x", sip.format(100, "x"))
    assert.are.equal("SIP/2.0 699 ", sip.status_line(699, ""))
  end)

  it("parses an empty Reason-Phrase and a one-character one", function()
    assert.are.same({ 200, "", "SIP/2.0" }, { sip.parse_status_line("SIP/2.0 200 ") })
    assert.are.same({ 200, "x", "SIP/2.0" }, { sip.parse_status_line("SIP/2.0 200 x") })
    assert.are.same({ 200, "x", "SIP/2.0" }, { sip.parse_status_line("SIP/2.0 200 x", "strict") })
    assert.are.same({ 200, "x", "SIP/1.0" }, { sip.parse_status_line("SIP/1.0 200 x") })
    assert.is_nil((sip.parse_status_line("SIP/2.0 200")))
    assert.is_nil((sip.parse_status_line("SIP/.0 200 x")))
    assert.is_nil((sip.parse_status_line("SIP/2. 200 x")))
  end)

  it("builds and parses an empty Reason text and a one-character one", function()
    assert.are.equal('SIP;cause=486;text=""', sip.reason_header(486, ""))
    assert.are.equal('SIP;cause=486;text="x"', sip.reason_header(486, "x"))
    assert.are.equal("", sip.parse_reason_header('SIP;text=""')[1].text)
    assert.are.equal("x", sip.parse_reason_header('X;text="x"')[1].text)
    assert.are.equal("X", sip.parse_reason_header("X")[1].protocol)
  end)

  it("refuses an empty Reason value and a parameter without value", function()
    assert.are.same({ nil, "invalid Reason header: empty header value at byte 1" },
      { sip.parse_reason_header("") })
    assert.is_nil((sip.parse_reason_header(" ")))
    assert.is_nil((sip.parse_reason_header("SIP;text=")))
    assert.is_nil((sip.parse_reason_header(";cause=1")))
  end)

  it("takes a one-character warn-agent, not an empty one", function()
    assert.are.equal('370 a "x"', sip.warning_header(370, "a", "x"))
    assert.are.equal('370 a:1 "x"', sip.warning_header(370, "a:1", "x"))
    assert.matches("invalid warn%-agent", error_of(sip.warning_header, 370, "", "x"))
    assert.matches("invalid warn%-agent", error_of(sip.warning_header, 370, "a:", "x"))
    assert.is_nil((sip.parse_warning_header('370  "x"')))
    assert.is_nil((sip.parse_warning_header("")))
  end)
end)

describe("limits: texts of every length up to 600 bytes", function()
  -- Each builder and parser takes texts of any length (docs/api.md); a
  -- length that crosses a buffer inside the module must give the same.
  local lengths = {}
  for n = 0, 600 do lengths[#lengths + 1] = n end

  it("formats phrases of every length", function()
    for _, n in ipairs(lengths) do
      local phrase = ("x"):rep(n)
      assert.are.equal("486 " .. phrase, sip.format(486, phrase))
      assert.are.equal("SIP/2.0 486 " .. phrase, sip.status_line(486, phrase))
      local code, reason = sip.parse_status_line("SIP/2.0 486 " .. phrase)
      assert.are.equal(486, code)
      assert.are.equal(phrase, reason)
    end
  end)

  it("builds and parses Reason texts of every length, escapes doubling them", function()
    for _, n in ipairs(lengths) do
      for _, unit in ipairs({ "x", '"' }) do
        local text = unit:rep(n)
        local escaped = unit == '"' and ('\\"'):rep(n) or text
        local value = sip.reason_header(486, text)
        assert.are.equal('SIP;cause=486;text="' .. escaped .. '"', value)
        assert.are.equal(text, sip.parse_reason_header(value)[1].text)
        value = sip.q850_reason_header(17, text)
        assert.are.equal('Q.850;cause=17;text="' .. escaped .. '"', value)
      end
    end
  end)

  it("builds and parses Warning texts and agents of every length", function()
    for _, n in ipairs(lengths) do
      for _, unit in ipairs({ "x", "\\" }) do
        local text = unit:rep(n)
        local escaped = unit == "\\" and ("\\\\"):rep(n) or text
        local value = sip.warning_header(399, "gw", text)
        assert.are.equal('399 gw "' .. escaped .. '"', value)
        assert.are.equal(text, sip.parse_warning_header(value)[1].text)
      end
      if n > 0 then
        local agent = ("a"):rep(n)
        assert.are.equal("399 " .. agent .. ' "x"', sip.warning_header(399, agent, "x"))
        assert.are.equal(agent, sip.parse_warning_header("399 " .. agent .. ' "x"')[1].agent)
      end
    end
  end)
end)
