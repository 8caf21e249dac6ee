-- Parsing a Status-Line, RFC 3261 sections 7.1, 7.2 and 25.1:
--   Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF
--   SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT
-- By default the Reason-Phrase is read as pjsip, sofia-sip, Kamailio and
-- Wireshark read it: the rest of the line, whatever it holds but the
-- controls that could break or forge a message.  With "strict" it must be
-- section 25's Reason-Phrase, its UTF-8 RFC 3629's: what status_line writes.
local sip = require("sipcodes")
local ref = require("reference")

local function parse(line)
  return sip.parse_status_line(line)
end

local function parse_strict(line)
  return sip.parse_status_line(line, "strict")
end

-- Lines the grammar accepts, with the code, reason and version expected.
local good = {
  { "SIP/2.0 200 OK", 200, "OK", "SIP/2.0" },
  { "SIP/2.0 200 OK\r\n", 200, "OK", "SIP/2.0" },
  { "SIP/2.0 200 OK\n", 200, "OK", "SIP/2.0" },
  { "SIP/2.0 486 Busy Here", 486, "Busy Here", "SIP/2.0" },
  -- The Reason-Phrase may be empty, but its SP may not be left out.
  { "SIP/2.0 200 ", 200, "", "SIP/2.0" },
  { "SIP/2.0 200 \r\n", 200, "", "SIP/2.0" },
  -- "SIP" matches in any case (section 7.1); the version comes back as written.
  { "sip/2.0 180 Ringing", 180, "Ringing", "sip/2.0" },
  { "Sip/2.0 180 Ringing", 180, "Ringing", "Sip/2.0" },
  { "SIP/12.034 603 Decline", 603, "Decline", "SIP/12.034" },
  -- Reason-Phrase is free text: any wording, SP/HTAB runs, escapes, UTF-8.
  { "SIP/2.0 486 Besetzt", 486, "Besetzt", "SIP/2.0" },
  { "SIP/2.0 486  two  spaces ", 486, " two  spaces ", "SIP/2.0" },
  { "SIP/2.0 486 tab\there", 486, "tab\there", "SIP/2.0" },
  { "SIP/2.0 480 %54emporarily", 480, "%54emporarily", "SIP/2.0" },
  { "SIP/2.0 480 \195\188ber", 480, "\195\188ber", "SIP/2.0" },
  { "SIP/2.0 480 \226\130\172 \240\159\147\158 \244\143\191\191", 480,
    "\226\130\172 \240\159\147\158 \244\143\191\191", "SIP/2.0" },     -- U+20AC, U+1F4DE, U+10FFFF
  -- Any code in 100-699 is valid, known or not (section 7.2).
  { "SIP/2.0 100 Trying", 100, "Trying", "SIP/2.0" },
  { "SIP/2.0 699 Whatever", 699, "Whatever", "SIP/2.0" },
  { "SIP/2.0 431 Unknown To Us", 431, "Unknown To Us", "SIP/2.0" },
}

-- Phrases real equipment sends that section 25 does not allow: the default
-- parse takes them as they are, the strict one refuses them.
local tolerated = {
  { "bracket and hash", "SIP/2.0 503 Service Unavailable [code 42] #7", "Service Unavailable [code 42] #7" },
  { "quotes", "SIP/2.0 200 \"OK\"", "\"OK\"" },
  { "angle brackets and a backslash", "SIP/2.0 404 <sip:x> not\\here", "<sip:x> not\\here" },
  { "a bad escape", "SIP/2.0 200 100%", "100%" },
  { "truncated UTF-8", "SIP/2.0 200 \195", "\195" },
  { "a byte that is no UTF-8", "SIP/2.0 200 \255", "\255" },
  { "Latin-1", "SIP/2.0 200 caf\233", "caf\233" },
  { "a bracket with CRLF after it", "SIP/2.0 486 Busy [1]\r\n", "Busy [1]" },
  -- Section 25's UTF8-NONASCII / UTF8-CONT read as RFC 3629 UTF-8, the
  -- rule status_line writes by: no lone continuation byte, no overlong
  -- form, no surrogate, nothing above U+10FFFF, no 5- or 6-byte form.
  { "a lone continuation byte", "SIP/2.0 486 Busy \169", "Busy \169" },
  { "an overlong NUL", "SIP/2.0 486 a\192\128b", "a\192\128b" },
  { "an overlong '/'", "SIP/2.0 486 \224\128\175", "\224\128\175" },
  { "a UTF-16 surrogate", "SIP/2.0 486 \237\160\128", "\237\160\128" },
  { "a code point above U+10FFFF", "SIP/2.0 486 \244\144\128\128", "\244\144\128\128" },
  { "a 5-byte form", "SIP/2.0 486 \248\136\128\128\128", "\248\136\128\128\128" },
  { "a 6-byte form", "SIP/2.0 486 \252\132\128\128\128\128", "\252\132\128\128\128\128" },
}

-- Lines both parses refuse: a broken line, or a control character that
-- could end the line early or hide something (CR, LF, NUL, the others
-- below 0x20 but HTAB, and DEL).
local bad = {
  ["no line"] = "",
  ["another protocol"] = "HTTP/1.1 200 OK",
  ["no version digits"] = "SIP/ 200 OK",
  ["version without minor"] = "SIP/2 200 OK",
  ["version with empty minor"] = "SIP/2. 200 OK",
  ["version with empty major"] = "SIP/.0 200 OK",
  ["version with letters"] = "SIP/2.x 200 OK",
  ["leading blank"] = " SIP/2.0 200 OK",
  ["two SP before the code"] = "SIP/2.0  200 OK",
  ["HTAB before the code"] = "SIP/2.0\t200 OK",
  ["no SP after the code"] = "SIP/2.0 200",
  ["no SP after the code, CRLF"] = "SIP/2.0 200\r\n",
  ["HTAB after the code"] = "SIP/2.0 200\tOK",
  ["two-digit code"] = "SIP/2.0 20 OK",
  ["four-digit code"] = "SIP/2.0 2000 OK",
  ["code below 100"] = "SIP/2.0 099 Odd",
  ["code above 699"] = "SIP/2.0 700 Odd",
  ["code 999"] = "SIP/2.0 999 Odd",
  ["signed code"] = "SIP/2.0 +20 OK",
  ["CR inside"] = "SIP/2.0 200 O\rK",
  ["LF inside"] = "SIP/2.0 200 O\nK",
  ["two line endings"] = "SIP/2.0 200 OK\r\n\r\n",
  ["lone CR at the end"] = "SIP/2.0 200 OK\r",
  ["LF CR at the end"] = "SIP/2.0 200 OK\n\r",
  ["a header after it"] = "SIP/2.0 200 OK\r\nVia: x",
  ["NUL in the phrase"] = "SIP/2.0 200 O\0K",
  ["NUL after the line"] = "SIP/2.0 200 OK\0",
  ["escape character"] = "SIP/2.0 200 O\27[31mK",
  ["backspace"] = "SIP/2.0 200 OK\8\8",
  ["DEL"] = "SIP/2.0 200 OK\127",
  ["vertical tab"] = "SIP/2.0 200 O\11K",
}

describe("sip.parse_status_line", function()
  for _, case in ipairs(good) do
    it(string.format("accepts %q", case[1]), function()
      local code, reason, version = parse(case[1])
      assert.are.equal(case[2], code)
      assert.are.equal(case[3], reason)
      assert.are.equal(case[4], version)
      if math.type then assert.are.equal("integer", math.type(code)) end
    end)
  end

  for _, case in ipairs(good) do
    it(string.format("accepts %q when strict too", case[1]), function()
      local code, reason, version = parse_strict(case[1])
      assert.are.same({ case[2], case[3], case[4] }, { code, reason, version })
    end)
  end

  for what, line in pairs(bad) do
    it("refuses a line with " .. what .. ", strict or not", function()
      for _, p in ipairs({ parse, parse_strict }) do
        local code, message = p(line)
        assert.is_nil(code)
        assert.matches("^invalid Status%-Line: .+ at byte %d+$", message)
      end
    end)
  end

  for _, case in ipairs(tolerated) do
    local what, line, reason = case[1], case[2], case[3]
    it("takes a phrase with " .. what .. " as sent, and refuses it when strict", function()
      local code, got = parse(line)
      assert.are.equal(tonumber(line:sub(9, 11)), code)
      assert.are.equal(reason, got)
      local none, message = parse_strict(line)
      assert.is_nil(none)
      assert.matches("^invalid Status%-Line: .+ at byte %d+$", message)
    end)
  end

  it("says where the control character is", function()
    local _, message = parse("SIP/2.0 200 O\0K")
    assert.are.equal("invalid Status-Line: control character at byte 14", message)
    _, message = parse("SIP/2.0 200 O\rK")
    assert.are.equal("invalid Status-Line: CR or LF inside the line at byte 14", message)
  end)

  it("refuses to write a parsed phrase that section 25 does not allow", function()
    -- status_line(code, reason) writes only what a strict parser accepts;
    -- to answer with such a response, use the table's phrase instead.
    local code, reason = parse("SIP/2.0 503 Service Unavailable [code 42]")
    assert.has_error(function() sip.status_line(code, reason) end)
    assert.are.equal("SIP/2.0 503 Service Unavailable", sip.status_line(code))
  end)

  it("writes back every phrase the strict parse returns", function()
    -- One rule both ways: what parse_status_line(s, "strict") returns,
    -- status_line(code, phrase) writes, and the line parses back the same.
    local function round_trip(line)
      local code, reason = parse_strict(line)
      if code == nil then return false end
      local ok, built = pcall(sip.status_line, code, reason)
      assert.is_true(ok, string.format("%q: %s", line, tostring(built)))
      assert.are.same({ code, reason, "SIP/2.0" }, { parse_strict(built) })
      return true
    end
    for _, case in ipairs(good) do
      assert.is_true(round_trip(case[1]), case[1])
    end
    local rand = require("text_sweep").random(777)
    local pieces = { "a", " ", "\t", "%41", "%", ";", "\128", "\169", "\191", "\192", "\194",
      "\195", "\224", "\237", "\160", "\240", "\144", "\244", "\143", "\248", "\252", "\255" }
    local taken = 0
    for _ = 1, 5000 do
      local parts = {}
      for i = 1, rand(6) + 1 do parts[i] = pieces[rand(#pieces) + 1] end
      if round_trip("SIP/2.0 486 " .. table.concat(parts)) then taken = taken + 1 end
    end
    assert.is_true(taken > 100, "the sweep reached the phrases that are taken")
  end)

  it("takes 'strict' or nothing as its second argument", function()
    assert.are.equal(200, parse_strict("SIP/2.0 200 OK"))
    assert.are.equal(200, sip.parse_status_line("SIP/2.0 200 OK", nil))
    for _, mode in ipairs({ "STRICT", "strict ", "lenient", "" }) do
      assert.has_error(function() sip.parse_status_line("SIP/2.0 200 OK", mode) end,
        "bad argument #2 to 'parse_status_line' ('strict' or nil expected)")
    end
    for _, mode in ipairs({ true, 1, {} }) do
      local ok, err = pcall(sip.parse_status_line, "SIP/2.0 200 OK", mode)
      assert.is_false(ok)
      assert.matches("bad argument #2 to '[%w_?]+' %('strict' or nil expected, got %a+%)", err)
    end
  end)

  it("reads back every line status_line makes", function()
    for _, row in ipairs(ref.rows) do
      local code, reason, version = parse(sip.status_line(row.code) .. "\r\n")
      assert.are.equal(row.code, code)
      assert.are.equal(row.reason, reason)
      assert.are.equal("SIP/2.0", version)
    end
  end)

  it("has no length limit on the reason", function()
    local long = string.rep("a", 1000000)
    local code, reason = parse("SIP/2.0 200 " .. long)
    assert.are.equal(200, code)
    assert.are.equal(long, reason)
  end)

  it("never raises on any string", function()
    -- A fixed pseudo-random sequence, so a failure can be reproduced.
    local rand = require("text_sweep").random(12345)
    local alphabet = { "SIP/", "2.0", " ", "200", "486", "\r", "\n", "\0", "\255", "%", "a", "\t", "." }
    for _ = 1, 3000 do
      local parts = {}
      for i = 1, rand(8) + 1 do parts[i] = alphabet[rand(#alphabet) + 1] end
      local line = table.concat(parts)
      local ok, code, second = pcall(parse, line)
      assert.is_true(ok, string.format("raised on %q", line))
      if code == nil then
        assert.is_string(second)
      else
        assert.is_true(code >= 100 and code <= 699)
      end
    end
  end)

  it("takes only a string", function()
    for _, v in ipairs({ 200, true, {}, print }) do
      local ok, err = pcall(function() local c = sip.parse_status_line(v) return c end)
      assert.is_false(ok)
      assert.matches("bad argument #1 to 'parse_status_line' %(string expected, got %a+%)", err)
    end
    local ok, err = pcall(function() local c = sip.parse_status_line() return c end)
    assert.is_false(ok)
    assert.matches("string expected, got no value", err)
  end)
end)
