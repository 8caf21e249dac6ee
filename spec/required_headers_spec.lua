-- What a response must carry: sip.required_headers (the MUSTs of RFC 3261
-- and its extensions) and sip.allows_retry_after (RFC 3261 section 20.33).
-- Expected values come from spec/fixtures/sip-semantics.md, section 4.
local sip = require("sipcodes")
local ref = require("interwork_reference")

local REQUIRED = ref.required_headers()
local RETRY_AFTER = ref.retry_after_codes()

describe("sip.required_headers", function()
  it("lists every header field the reference marks MUST, with its RFC section", function()
    for _, want in ipairs(REQUIRED) do
      local found
      for _, got in ipairs(sip.required_headers(want.code)) do
        if got.header == want.header then found = got end
      end
      assert.is_table(found, want.code .. " " .. want.header)
      assert.are.equal(want.rfc, found.rfc)
      assert.are.equal(want.section, found.section)
    end
  end)

  it("lists nothing else for any code", function()
    for code = 100, 699 do
      local want = {}
      for _, row in ipairs(REQUIRED) do
        if row.code == code then want[#want + 1] = row.header end
      end
      local got = {}
      for _, row in ipairs(sip.required_headers(code)) do got[#got + 1] = row.header end
      table.sort(want)
      table.sort(got)
      assert.are.same(want, got, "code " .. code)
    end
  end)

  it("names the header field each of these codes requires", function()
    local function names(code)
      local out = {}
      for _, row in ipairs(sip.required_headers(code)) do out[#out + 1] = row.header end
      return out
    end
    assert.are.same({ "WWW-Authenticate" }, names(401))
    assert.are.same({ "Proxy-Authenticate" }, names(407))
    assert.are.same({ "Allow" }, names(405))
    assert.are.same({ "Unsupported" }, names(420))
    assert.are.same({ "Require" }, names(421))
    assert.are.same({ "Min-SE" }, names(422))
    assert.are.same({ "Min-Expires" }, names(423))
    assert.are.same({ "Security-Server" }, names(494))
    assert.are.same({}, names(486))
  end)

  it("marks the conditional ones with when", function()
    for _, row in ipairs(sip.required_headers(415)) do
      assert.is_string(row.when)
    end
    assert.is_string(sip.required_headers(500)[1].when)
    assert.is_nil(sip.required_headers(401)[1].when)
  end)

  it("returns a new list each call, which the caller may change", function()
    local a = sip.required_headers(401)
    a[1].header = "changed"
    a[2] = "added"
    assert.are.equal("WWW-Authenticate", sip.required_headers(401)[1].header)
    assert.is_nil(sip.required_headers(401)[2])
  end)

  it("gives nil for numbers and strings that are not codes, and raises for other types", function()
    assert.is_nil(sip.required_headers(401.5))
    assert.is_nil(sip.required_headers("40"))
    assert.is_nil(sip.required_headers(700))
    assert.are.same(sip.required_headers(401), sip.required_headers("401"))
    assert.has_error(function() sip.required_headers(nil) end,
      "bad argument #1 to 'required_headers' (SIP status code expected, got nil)")
  end)
end)

describe("sip.allows_retry_after", function()
  it("is true exactly for the codes RFC 3261 section 20.33 names", function()
    for code = 100, 699 do
      assert.are.equal(RETRY_AFTER[code] == true, sip.allows_retry_after(code), "code " .. code)
    end
  end)

  it("accepts strings, gives false for non-codes, raises for other types", function()
    assert.is_true(sip.allows_retry_after("503"))
    assert.is_false(sip.allows_retry_after(503.5))
    assert.is_false(sip.allows_retry_after("Service Unavailable"))
    assert.has_error(function() sip.allows_retry_after({}) end)
  end)
end)
