-- The data: every code of the reference table, every field, nothing more.
local sip = require("sipcodes")
local ref = require("reference")

describe("the code table", function()
  it("holds exactly the 77 codes of the reference, in ascending order", function()
    local expected = {}
    for _, row in ipairs(ref.rows) do expected[#expected + 1] = row.code end
    assert.are.equal(77, #expected)
    assert.are.same(expected, sip.list())
  end)

  it("knows no valid code that the reference lacks", function()
    for code = 100, 699 do
      assert.are.equal(ref.by_code[code] ~= nil, sip.is_known(code), "code " .. code)
      if not ref.by_code[code] then
        assert.is_nil(sip.reasons[code], "reasons[" .. code .. "]")
      end
    end
  end)

  for _, row in ipairs(ref.rows) do
    describe(tostring(row.code), function()
      it("has the reference reason phrase in sip.reasons and sip.reason", function()
        assert.are.equal(row.reason, sip.reasons[row.code])
        assert.are.equal(row.reason, sip.reason(row.code))
      end)

      it("has its constant " .. row.name, function()
        assert.are.equal(row.code, sip[row.name])
      end)

      it("has an info record with every reference field", function()
        local info = sip.info(row.code)
        local cls = math.floor(row.code / 100)
        assert.are.equal(row.code, info.code)
        assert.are.equal(row.reason, info.reason)
        assert.are.equal(row.name, info.name)
        assert.are.equal(cls, info.class)
        assert.are.equal(row.class_name, info.class_name)
        assert.are.equal(ref.class_names[cls], info.class_name)
        assert.are.equal(row.rfc, info.rfc)
        assert.are.equal(row.iana, info.iana)
        assert.are.equal(row.deprecated, info.deprecated)
        assert.are.same(row.aliases, sip.copy(info.aliases))
      end)

      it("has a one-sentence description", function()
        local description = sip.info(row.code).description
        if row.seed_description then
          assert.are.equal(row.seed_description, description)
        else
          assert.is_string(description)
          assert.is_true(#description >= 40, "too short: " .. description)
          assert.is_nil(string.find(description, "[\r\n\t]"))
          assert.are_not.equal(row.reason, description)
        end
      end)
    end)
  end

  it("names each constant by the reason phrase rule of the interface", function()
    -- api.md: the phrase upper-cased, runs of non-alphanumerics become "_";
    -- 606 is the one exception, so that it does not clash with 406.
    for _, row in ipairs(ref.rows) do
      local derived = string.gsub(string.upper(row.reason), "[^%w]+", "_")
      derived = string.gsub(derived, "^_+", "")
      derived = string.gsub(derived, "_+$", "")
      if row.code == 606 then
        assert.are.equal("NOT_ACCEPTABLE_ANYWHERE", sip.info(606).name)
      else
        assert.are.equal(derived, sip.info(row.code).name, "code " .. row.code)
      end
    end
  end)

  it("marks 202, 409 and 411 deprecated and 409, 411 as not registered", function()
    -- RFC 6665 section 8.3.1 deprecates 202; 409 and 411 left with RFC 2543.
    assert.is_true(sip.info(202).deprecated)
    assert.is_true(sip.info(409).deprecated)
    assert.is_true(sip.info(411).deprecated)
    assert.is_false(sip.info(409).iana)
    assert.is_false(sip.info(411).iana)
    assert.are.equal("RFC 2543", sip.info(409).rfc)
  end)

  it("uses the SIP phrases, not the HTTP ones", function()
    -- RFC 3261 sections 21.5.1 and 21.5.5.
    assert.are.equal("Server Internal Error", sip.reason(500))
    assert.are.equal("Server Time-out", sip.reason(504))
    assert.are.equal("Request Timeout", sip.reason(408))
  end)

  it("has a semantic version (test/suites/80-release checks it is the release's)", function()
    assert.is_truthy(sip._VERSION:match("^%d+%.%d+%.%d+$"), sip._VERSION)
  end)
end)
