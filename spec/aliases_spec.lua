-- The other names peers give our codes: sip.code() finds them, and
-- sip.info().aliases lists them in the reference table's order
-- (spec/fixtures/sip-response-codes.tsv, aliases column).
local sip = require("sipcodes")
local ref = require("reference")

describe("aliases", function()
  -- Phrases the peers' response tables send, with where they send them.
  local PEER_PHRASES = {
    { 422, "Session Timer Too Small" },  -- pjsip before 2.x, Kamailio sst, Wireshark sipstat
    { 504, "Gateway Time-out" },         -- sofia-sip sip_status.c
    { 504, "Gateway timeout" },          -- RFC 3398 section 7.2.4.1
    { 504, "Server Timeout" },           -- pjsip before 2.x
    { 414, "Request URI Too Long" },     -- pjsip before 2.x
    { 412, "Precondition Failed" },      -- sofia-sip sip_status.c
    { 403, "Stale Date" },               -- sofia-sip sip_status.c
    { 500, "Internal Server Error" },    -- pjsip, sofia-sip
    { 436, "Bad Identity-Info" },        -- pjsip, Wireshark
    { 437, "Unsupported Certificate" },  -- pjsip, Wireshark
  }

  it("lets sip.code() find the phrases peers send", function()
    for _, case in ipairs(PEER_PHRASES) do
      assert.are.equal(case[1], sip.code(case[2]), case[2])
      assert.are.equal(case[1], sip.code(case[2]:upper()), case[2])
    end
  end)

  it("lists each of them among the code's aliases in the reference table", function()
    for _, case in ipairs(PEER_PHRASES) do
      local listed = false
      for _, alias in ipairs(ref.by_code[case[1]].aliases) do
        listed = listed or alias == case[2]
      end
      assert.is_true(listed, case[2])
    end
  end)

  it("lists the reference table's aliases in its order", function()
    for _, row in ipairs(ref.rows) do
      assert.are.same(row.aliases, sip.copy(sip.info(row.code).aliases), row.code)
    end
  end)

  it("never lists a spelling that differs from the phrase or another alias only in case", function()
    for _, row in ipairs(ref.rows) do
      local seen = { [row.reason:lower()] = true }
      local module_aliases = sip.copy(sip.info(row.code).aliases)
      for _, alias in ipairs(module_aliases) do
        assert.is_nil(seen[alias:lower()], row.code .. " " .. alias)
        seen[alias:lower()] = true
      end
    end
  end)

  it("never gives one spelling to two codes, except 406/606's shared phrase", function()
    local owner = {}
    for _, row in ipairs(ref.rows) do
      for _, text in ipairs({ row.reason, (table.unpack or unpack)(row.aliases) }) do
        local key = text:lower()
        if owner[key] and key ~= "not acceptable" then
          error(("%q names both %d and %d"):format(text, owner[key], row.code))
        end
        owner[key] = owner[key] or row.code
      end
    end
  end)
end)
