-- Parsing a Status-Line strictly, RFC 3261 sections 7.1, 7.2 and 25.1:
--   Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF
--   SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT
local sip = require("sipcodes")
local ref = require("reference")

local function parse(line)
  return sip.parse_status_line(line)
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
  -- Any code in 100-699 is valid, known or not (section 7.2).
  { "SIP/2.0 100 Trying", 100, "Trying", "SIP/2.0" },
  { "SIP/2.0 699 Whatever", 699, "Whatever", "SIP/2.0" },
  { "SIP/2.0 431 Unknown To Us", 431, "Unknown To Us", "SIP/2.0" },
}

-- Lines the grammar refuses.
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
  ["quote in the phrase"] = "SIP/2.0 200 \"OK\"",
  ["bad escape"] = "SIP/2.0 200 100%",
  ["truncated UTF-8"] = "SIP/2.0 200 \195",
  ["invalid byte"] = "SIP/2.0 200 \255",
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

  for what, line in pairs(bad) do
    it("refuses a line with " .. what, function()
      local code, message = parse(line)
      assert.is_nil(code)
      assert.matches("^invalid Status%-Line: .+ at byte %d+$", message)
    end)
  end

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
    local seed = 12345
    local function rand(n)
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    end
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
