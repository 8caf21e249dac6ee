-- Formatting: "486 Busy Here" and "SIP/2.0 486 Busy Here".
local sip = require("sipcodes")
local ref = require("reference")

local error_of = require("errors").error_of

-- The phrase documented for a valid code the table does not know.
local class_phrases = {
  "Provisional", "Success", "Redirection",
  "Client Failure", "Server Failure", "Global Failure",
}

-- Reason phrases RFC 3261 section 25 allows: reserved, unreserved, escaped,
-- UTF-8, SP and HTAB, and the empty phrase.
local good_reasons = {
  "",
  "Busy Here",
  "Call/Transaction Does Not Exist",
  "a;b/c?d:e@f&g=h+i$j,k",
  "-_.!~*'()",
  "tab\tinside",
  "100%25 sure %7e",
  "Besetzt \195\188berall",                       -- U+00FC
  "\226\130\172 \240\159\147\158",                -- U+20AC, U+1F4DE
  string.rep("x", 100000),
}

-- Phrases that could break or forge a message, or that the grammar refuses.
local bad_reasons = {
  ["CR"] = "Busy\rHere",
  ["LF"] = "Busy\nHere",
  ["CRLF header injection"] = "OK\r\nVia: SIP/2.0/UDP evil",
  ["NUL"] = "Busy\0Here",
  ["other control"] = "Busy\27Here",
  ["DEL"] = "Busy\127",
  ["double quote"] = "say \"hi\"",
  ["angle brackets"] = "<sip:x>",
  ["backslash"] = "a\\b",
  ["hash"] = "#1",
  ["braces"] = "{x}",
  ["bare percent"] = "100%",
  ["percent without hex"] = "%zz",
  ["lone continuation byte"] = "\128",
  ["truncated sequence"] = "\195",
  ["overlong NUL"] = "\192\128",
  ["UTF-16 surrogate"] = "\237\160\128",
  ["beyond U+10FFFF"] = "\244\144\128\128",
  ["invalid lead byte"] = "\255",
}

describe("sip.format", function()
  it("formats every known code with its reference phrase", function()
    for _, row in ipairs(ref.rows) do
      assert.are.equal(row.code .. " " .. row.reason, sip.format(row.code))
      assert.are.equal(row.code .. " " .. row.reason, sip.format(tostring(row.code)))
    end
  end)

  it("never gives nil for a valid code: unknown ones get their class phrase", function()
    for n = 100, 699 do
      if not ref.by_code[n] then
        local cls = (n - n % 100) / 100
        assert.are.equal(n .. " " .. class_phrases[cls], sip.format(n))
      end
    end
  end)

  it("gives nil for numbers and strings that are not valid codes", function()
    for _, v in ipairs({ 99, 700, 486.5, 0 / 0, "486 ", "" }) do
      assert.is_nil(sip.format(v))
      assert.is_nil(sip.status_line(v))
    end
  end)

  it("uses an explicit reason phrase when it is valid", function()
    for _, reason in ipairs(good_reasons) do
      assert.are.equal("486 " .. reason, sip.format(486, reason))
      assert.are.equal("SIP/2.0 499 " .. reason, sip.status_line(499, reason))
    end
  end)

  for what, reason in pairs(bad_reasons) do
    it("refuses a reason phrase with " .. what, function()
      local err = error_of(sip.format, 486, reason)
      assert.matches("bad argument #2 to '.-' %(invalid Reason%-Phrase: .- at byte %d+%)", err)
      assert.is_not_nil(error_of(sip.status_line, 486, reason))
    end)
  end

  it("checks the reason even when the code is not valid", function()
    assert.is_not_nil(error_of(sip.format, 999, "a\r\nb"))
    assert.is_nil(sip.format(999, "fine"))
  end)

  it("says where the bad byte is", function()
    assert.matches("CR or LF inside the line at byte 5",
      error_of(function() local s = sip.format(486, "Busy\r\n") return s end))
  end)

  it("takes a reason only as a string", function()
    assert.matches("bad argument #2 to 'format' %(string expected, got number%)",
      error_of(function() local s = sip.format(486, 42) return s end))
    assert.matches("bad argument #2 to 'status_line' %(string expected, got table%)",
      error_of(function() local s = sip.status_line(486, {}) return s end))
    assert.are.equal("486 Busy Here", sip.format(486, nil))
  end)
end)

describe("sip.status_line", function()
  it("puts SIP/2.0 before the formatted code, without a line ending", function()
    for _, row in ipairs(ref.rows) do
      assert.are.equal("SIP/2.0 " .. row.code .. " " .. row.reason, sip.status_line(row.code))
    end
    assert.are.equal("SIP/2.0 431 Client Failure", sip.status_line(431))
  end)
end)
