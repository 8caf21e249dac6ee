-- Routing helpers: best_response, stops_forking, may_retry, treat_as,
-- matcher and matches.  Expected values come from the RFC text quoted
-- beside each rule, from Kamailio's documented t_check_status() patterns,
-- and from the reference table (spec/fixtures/sip-response-codes.tsv).
local sip = require("sipcodes")

-- The known codes, from the fixture (never from the module).
local known = {}
for _, row in ipairs(require("reference").rows) do known[#known + 1] = row.code end

-- matches() compiles the pattern on every call: a sample of codes (both
-- ends of the valid range among them) is enough to show it answers as the
-- compiled matcher does, which is checked on every code.
local function sampled(code)
  return code % 11 == 0 or code == 100 or code == 699
end

describe("best_response (RFC 3261 section 16.7 step 6)", function()
  it("forwards 407 from 503, 407, 501 and 404, as the section's own example does", function()
    -- "if a proxy forwarded a request to 4 locations, and received 503,
    -- 407, 501, and 404 responses, it may choose to forward the 407"
    local code, index = sip.best_response({503, 407, 501, 404})
    assert.are.equal(407, code)
    assert.are.equal(2, index)
  end)

  it("chooses from the 6xx class whenever one is present", function()
    -- "It MUST choose from the 6xx class responses if any exist in the context."
    assert.are.same({603, 2}, {sip.best_response({486, 603, 302})})
    assert.are.same({600, 3}, {sip.best_response({301, 500, 600})})
    assert.are.same({606, 1}, {sip.best_response({606, 401})})
  end)

  it("otherwise chooses from the lowest class", function()
    -- "If no 6xx class responses are present, the proxy SHOULD choose from
    -- the lowest response class stored in the response context."
    assert.are.same({302, 3}, {sip.best_response({500, 486, 302})})
    assert.are.same({404, 2}, {sip.best_response({500, 404})})
    assert.are.same({486, 2}, {sip.best_response({504, 486})})
  end)

  it("prefers 401, 407, 415, 420 and 484, in that order, within 4xx", function()
    -- "The proxy SHOULD give preference to responses that provide
    -- information affecting resubmission of this request, such as 401,
    -- 407, 415, 420, and 484 if the 4xx class is chosen."
    assert.are.same({484, 2}, {sip.best_response({404, 484, 486})})
    assert.are.same({415, 3}, {sip.best_response({486, 420, 415})})
    assert.are.same({401, 5}, {sip.best_response({484, 420, 415, 407, 401})})
    assert.are.same({407, 2}, {sip.best_response({420, 407, 484})})
    assert.are.same({420, 1}, {sip.best_response({420, 484, 403})})
  end)

  it("answers 408 with no index when there is no final response", function()
    -- "If there are no final responses in the context, the proxy MUST send
    -- a 408 (Request Timeout) response to the server transaction."
    assert.are.same({408}, {sip.best_response({})})
    local code, index = sip.best_response({100, 180, 183})
    assert.are.equal(408, code)
    assert.is_nil(index)
  end)

  it("turns a 503 that would be forwarded into 500", function()
    -- "If the only response that was received is a 503, the proxy SHOULD
    -- generate a 500 response and forward that upstream."
    assert.are.same({500, 1}, {sip.best_response({503})})
    assert.are.same({500, 2}, {sip.best_response({180, 503})})
  end)

  it("forwards another 5xx rather than a 503", function()
    -- "A proxy which receives a 503 (Service Unavailable) response SHOULD
    -- NOT forward it upstream unless ..."
    assert.are.same({504, 2}, {sip.best_response({503, 504})})
    assert.are.same({580, 1}, {sip.best_response({580, 503})})
  end)

  it("lets a 2xx win, since step 5 forwards every 2xx at once", function()
    -- Step 5: "the following responses MUST be forwarded immediately: ...
    -- Any 2xx response"
    assert.are.same({200, 3}, {sip.best_response({486, 603, 200})})
    assert.are.same({202, 1}, {sip.best_response({202, 600})})
  end)

  it("ranks unknown but valid codes by their class", function()
    assert.are.same({499, 1}, {sip.best_response({499, 599})})
    assert.are.same({650, 2}, {sip.best_response({486, 650})})
    assert.are.same({302, 2}, {sip.best_response({450, 302})})
  end)

  it("within a class picks the lower code, and of equal codes the first", function()
    -- "The proxy MAY select any response within that chosen class";
    -- sipcodes documents Kamailio tm's choice: the lower code.
    assert.are.same({480, 2}, {sip.best_response({486, 480})})
    assert.are.same({486, 1}, {sip.best_response({486, 486})})
    assert.are.same({500, 2}, {sip.best_response({502, 500})})
    assert.are.same({600, 2}, {sip.best_response({603, 600})})
  end)

  it("accepts codes as three-digit strings", function()
    assert.are.same({603, 2}, {sip.best_response({"486", "603"})})
  end)

  it("ignores entries that are not valid codes", function()
    assert.are.same({486, 6},
      {sip.best_response({0, 99, 700, 486.5, "abc", 486, -1, 0/0, math.huge})})
    assert.are.same({408}, {sip.best_response({"", "4860", 1e9})})
  end)

  it("reads the array part only and leaves the table alone", function()
    local t = {486, 404, x = 603}
    assert.are.same({404, 2}, {sip.best_response(t)})
    assert.are.same({486, 404, x = 603}, t)
  end)

  it("raises for a non-table argument or an entry of another type", function()
    assert.has_error(function() sip.best_response(nil) end,
      "bad argument #1 to 'best_response' (table of status codes expected, got nil)")
    assert.has_error(function() sip.best_response(486) end,
      "bad argument #1 to 'best_response' (table of status codes expected, got number)")
    assert.has_error(function() sip.best_response({486, true}) end,
      "bad argument #1 to 'best_response' (status code expected at index 2, got boolean)")
    assert.has_error(function() sip.best_response({{}}) end,
      "bad argument #1 to 'best_response' (status code expected at index 1, got table)")
  end)
end)

describe("stops_forking (RFC 3261 sections 6 and 16.7)", function()
  it("is true for every 2xx and 6xx, known or not", function()
    -- Section 6: "A 2xx or 6xx class final response always terminates a
    -- sequential search."
    for code = 200, 299 do assert.is_true(sip.stops_forking(code), code) end
    for code = 600, 699 do assert.is_true(sip.stops_forking(code), code) end
    assert.is_true(sip.stops_forking("603"))
  end)

  it("is false for 1xx, 3xx, 4xx and 5xx", function()
    for _, cls in ipairs({1, 3, 4, 5}) do
      for code = cls * 100, cls * 100 + 99 do
        assert.is_false(sip.stops_forking(code), code)
      end
    end
  end)

  it("is false for what is not a code and raises for other types", function()
    for _, v in ipairs({0, 99, 700, 603.5, "6xx", "", -200}) do
      assert.is_false(sip.stops_forking(v), tostring(v))
    end
    assert.has_error(function() sip.stops_forking(nil) end,
      "bad argument #1 to 'stops_forking' (SIP status code expected, got nil)")
  end)
end)

describe("may_retry (RFC 3261 section 8.1.3.5)", function()
  -- "If a 401 (Unauthorized) or 407 (Proxy Authentication Required)
  -- response is received, the UAC SHOULD follow the authorization
  -- procedures ... to retry the request with credentials."  413: "retry the
  -- request, either omitting the body or using one of a smaller length".
  -- 415: "retry sending the request, this time only using content with
  -- types listed in the Accept header field".  416: "retry the request,
  -- this time, using a SIP URI".  420: "retry the request, this time
  -- omitting any extensions listed in the Unsupported header field".
  -- 423 (section 10.2.8): "it MAY retry the registration after making the
  -- expiration interval of all contact addresses ... equal to or greater
  -- than the expiration interval within the Min-Expires header field".
  -- 422 (RFC 4028 sections 6 and 7): the 422 carries Min-SE and the UAC
  -- retries with a Session-Expires no smaller than it.
  local expected = {
    [401] = "credentials", [407] = "credentials",
    [413] = "body", [415] = "body",
    [416] = "uri",
    [420] = "extensions",
    [422] = "session_expires",
    [423] = "expires",
  }

  it("names what the UAC changes before retrying", function()
    for code, what in pairs(expected) do
      assert.are.equal(what, sip.may_retry(code), code)
      assert.are.equal(what, sip.may_retry(tostring(code)), code)
    end
  end)

  it("is nil for every other known code", function()
    -- "With other 4xx responses, including those yet to be defined, a
    -- retry may or may not be possible depending on the method and the
    -- use case."
    for _, code in ipairs(known) do
      if not expected[code] then
        assert.is_nil(sip.may_retry(code), code)
      end
    end
  end)

  it("is nil for unknown and invalid codes and raises for other types", function()
    for _, v in ipairs({499, 0, 700, 401.5, "40l"}) do
      assert.is_nil(sip.may_retry(v), tostring(v))
    end
    assert.has_error(function() sip.may_retry({}) end,
      "bad argument #1 to 'may_retry' (SIP status code expected, got table)")
  end)
end)

describe("treat_as", function()
  it("treats 202 as 200 (RFC 6665 section 8.3.1)", function()
    -- "MUST treat an incoming 202 response as identical to a 200 response"
    assert.are.equal(200, sip.treat_as(202))
    assert.are.equal(200, sip.treat_as("202"))
  end)

  it("treats 503 as 500 unless a Retry-After came with it (RFC 3261 section 21.5.4)", function()
    -- "If no Retry-After is given, the client MUST act as if it had
    -- received a 500 (Server Internal Error) response."
    assert.are.equal(500, sip.treat_as(503))
    assert.are.equal(500, sip.treat_as(503, nil))
    assert.are.equal(500, sip.treat_as(503, false))
    assert.are.equal(503, sip.treat_as(503, true))
    assert.are.equal(503, sip.treat_as(503, "120"))
  end)

  it("treats unknown codes as RFC 3261 section 8.1.3.2 says", function()
    -- "if a UAC receives an unrecognized response code of 431, it can
    -- safely assume ... as if it had received a 400 (Bad Request)"
    assert.are.equal(400, sip.treat_as(431))
    -- "A UAC MUST treat any provisional response different than 100 that
    -- it does not recognize as 183 (Session Progress)."
    assert.are.equal(183, sip.treat_as(150))
    assert.are.equal(300, sip.treat_as(399))
    assert.are.equal(600, sip.treat_as(699))
  end)

  it("leaves every other known code as it is", function()
    for _, code in ipairs(known) do
      if code ~= 202 and code ~= 503 then
        assert.are.equal(code, sip.treat_as(code), code)
      end
    end
  end)

  it("is nil for what is not a code and raises for other types", function()
    for _, v in ipairs({0, 99, 700, 202.5, "2O2", ""}) do
      assert.is_nil(sip.treat_as(v), tostring(v))
    end
    assert.has_error(function() sip.treat_as(true) end,
      "bad argument #1 to 'treat_as' (SIP status code expected, got boolean)")
  end)
end)

-- An oracle independent of the module: Lua string patterns over the code's
-- three digits, written from each status pattern's meaning.
local function oracle(lua_patterns, excluded)
  return function(code)
    local s = tostring(code)
    if excluded then
      for _, p in ipairs(excluded) do
        if s:match(p) then return false end
      end
    end
    for _, p in ipairs(lua_patterns) do
      if s:match(p) then return true end
    end
    return false
  end
end

local cases = {
  -- Kamailio's own examples (tm, dispatcher and default kamailio.cfg docs)
  {"408|5[0-9][0-9]", oracle({"^408$", "^5%d%d$"})},
  {"(487)|(408)", oracle({"^487$", "^408$"})},
  {"486|408", oracle({"^486$", "^408$"})},
  {"5[0-9][0-9]", oracle({"^5%d%d$"})},
  {"3[0-9][0-9]", oracle({"^3%d%d$"})},
  {"401|407", oracle({"^401$", "^407$"})},
  {"430|403", oracle({"^430$", "^403$"})},
  {"[4-5][0-9][0-9]", oracle({"^[45]%d%d$"})},
  {"^4[0-9][0-9]$", oracle({"^4%d%d$"})},
  -- t_check_status() takes a regular expression, and configurations anchor
  -- it anywhere an operand starts or ends; anchors change nothing here
  {"^(486)", oracle({"^486$"})},
  {"(486)$", oracle({"^486$"})},
  {"(^486$)", oracle({"^486$"})},
  {"^(486|408)$", oracle({"^486$", "^408$"})},
  {"^(408|5[0-9][0-9])$", oracle({"^408$", "^5%d%d$"})},
  {"^4[0-9][0-9]$|^5..$", oracle({"^4%d%d$", "^5%d%d$"})},
  {"^((487))$|^(408)$", oracle({"^487$", "^408$"})},
  {"(^487$)|(^408$)", oracle({"^487$", "^408$"})},
  {"^(^487$|^408$)$", oracle({"^487$", "^408$"})},
  {" ^ ( 486 ) $ ", oracle({"^486$"})},
  {"^480-489$", oracle({"^48%d$"})},
  {"4xx|!^487$", oracle({"^4%d%d$"}, {"^487$"})},
  {"!^(487|408)$", oracle({"^[1-6]%d%d$"}, {"^487$", "^408$"})},
  -- classes, ranges, exclusions
  {"5xx", oracle({"^5%d%d$"})},
  {"4XX", oracle({"^4%d%d$"})},
  {"6..", oracle({"^6%d%d$"})},
  {"480-489", oracle({"^48%d$"})},
  {"4xx|!487", oracle({"^4%d%d$"}, {"^487$"})},
  {"!6xx", oracle({"^[1-5]%d%d$"})},
  {"!487|!408", oracle({"^[1-6]%d%d$"}, {"^487$", "^408$"})},
  {"!(487|408)", oracle({"^[1-6]%d%d$"}, {"^487$", "^408$"})},
  {"408 | 5xx | !503", oracle({"^408$", "^5%d%d$"}, {"^503$"})},
  {"4[^0-7]x", oracle({"^4[89]%d$"})},
  {"xx0", oracle({"^[1-6]%d0$"})},
  {"1xx|2xx|3xx|4xx|5xx|6xx", oracle({"^[1-6]%d%d$"})},
  {"((487)|((408)))", oracle({"^487$", "^408$"})},
  {"100-699", oracle({"^[1-6]%d%d$"})},
  {"599-600", oracle({"^599$", "^600$"})},
  -- the additions inside regular expressions
  {"(4|5)xx", oracle({"^[45]%d%d$"})},
  {"5x{2}", oracle({"^5%d%d$"})},
  {"!(5|6)[0-9]{2}", oracle({"^[1-4]%d%d$"})},
  {"480-489|5[0-9]{2}|!503", oracle({"^48%d$", "^5%d%d$"}, {"^503$"})},
  {"( 4 | 5 )xx", oracle({"^[45]%d%d$"})},
  {"(480-489)?4xx", oracle({"^4%d%d$"})},
  {"486\t|\t5xx", oracle({"^486$", "^5%d%d$"})},
}

describe("matcher and matches", function()
  it("match exactly the codes each pattern describes", function()
    for _, case in ipairs(cases) do
      local pattern, expect = case[1], case[2]
      local m = sip.matcher(pattern)
      for code = 0, 1000 do
        local want = code >= 100 and code <= 699 and expect(code)
        assert.are.equal(want, m(code), pattern .. " " .. code)
        if sampled(code) then
          assert.are.equal(want, sip.matches(code, pattern), pattern .. " " .. code)
        end
      end
    end
  end)

  it("follow the input rules: strings of three digits count, other numbers do not", function()
    local m = sip.matcher("4xx|!487")
    assert.is_true(m("486"))
    assert.is_true(m(486.0))
    assert.is_false(m("487"))
    assert.is_false(m(486.5))
    assert.is_false(m(0/0))
    assert.is_false(m(math.huge))
    assert.is_false(m(2^63))
    assert.is_false(m("486 "))
    assert.is_false(m("0x1E6"))
    assert.is_false(m("Busy Here"))
    assert.is_false(m(""))
    assert.is_true(sip.matches("486", "4xx"))
    assert.is_false(sip.matches(486.5, "4xx"))
  end)

  it("raise for a code of another type, where the predicate is called", function()
    local m = sip.matcher("5xx")
    local ok, err = pcall(function()
      local r = m(nil)
      return r
    end)
    assert.is_false(ok)
    assert.matches("^[^\n]*routing_spec%.lua:%d+: bad argument #1 to 'matcher' "
      .. "%(SIP status code expected, got nil%)$", err)
    assert.has_error(function() local r = m({}) return r end)
    assert.has_error(function() sip.matches(true, "5xx") end,
      "bad argument #1 to 'matches' (SIP status code expected, got boolean)")
  end)

  it("return the same predicate for the same pattern", function()
    assert.are.equal(sip.matcher("486|408"), sip.matcher("486|408"))
  end)

  it("treat a pattern as whole codes, never a part of one", function()
    -- Kamailio's t_check_status("48") would match 148 and 548 (an
    -- unanchored regex); here it is an error rather than a surprise.
    assert.has_error(function() sip.matcher("48") end)
    assert.is_false(sip.matches(148, "480-489"))
  end)

  local refused = {
    {"", "empty pattern"},
    {"   ", "empty pattern"},
    {"4xx|", "empty alternative"},
    {"|4xx", "empty alternative"},
    {"4xx||5xx", "empty alternative"},
    {"48", "t_check_status"},
    {"4[0-9]+", "t_check_status"},
    {"4[0-9]*", "t_check_status"},
    {"4xx?", "t_check_status"},
    {"^", "t_check_status"},
    {"^()", "t_check_status"},
    {"$", "t_check_status"},
    {"4860", "matches no status code"},
    {"48x6", "matches no status code"},
    {"7xx", "matches no status code"},
    {"099", "matches no status code"},
    {"0xx", "matches no status code"},
    {"(487)(408)", "matches no status code"},
    {"4^86", "matches no status code"},
    {"48$6", "matches no status code"},
    {"489-480", "reversed range"},
    {"4xx-5xx", "range joins two exact codes"},
    {"099-100", "100-699"},
    {"699-700", "100-699"},
    {"(4xx", "unbalanced '('"},
    {"4xx)", "unbalanced ')'"},
    {"(4xx|!487)", "'!' may only start"},
    {"!!487", "'!' may only start"},
    {"^!487", "'!' may only start"},
    {"4xx|!4xx", "pattern matches no status code"},
    {"[]xx", "unterminated"},
    {"[9-0]xx", "reversed range in"},
    {"[^0-9]xx", "matches no digit"},
    {"4[a-z]x", "matches no digit"},
    {"[4xx", "unterminated"},
    {"[4", "unterminated"},
    {"4[[:digits:]]x", "unknown character class"},
    {"abc", "matches no digit"},
    {"4xx,5xx", "matches no digit"},
    {"486\n", "matches no digit"},
    {"486 487", "a blank matches no digit"},
    {"486\0", "NUL"},
    {"4\\d\\d", "'\\' is not supported"},
    {"*4xx", "quantifier follows nothing"},
    {"4xx|+5xx", "quantifier follows nothing"},
    {"^*486", "take no quantifier"},
    {"(^[0-9]){3}", "in a repeated group is not supported"},
    {"(4[0-9]$)+", "in a repeated group is not supported"},
    {"4[0-9] {2}", "before a quantifier"},
    {"4[0-9]{2,1}", "greater than"},
    {"4[0-9]{2", "unterminated '{'"},
    {"4[0-9]{x}", "holds a count"},
    {"4[0-9]{32768}", "above 32767"},
  }

  it("refuse malformed patterns when compiled, saying what and where", function()
    for _, case in ipairs(refused) do
      local pattern, words = case[1], case[2]
      local ok, err = pcall(sip.matcher, pattern)
      assert.is_false(ok, pattern)
      assert.is_truthy(err:find("invalid status pattern", 1, true), err)
      assert.is_truthy(err:find(words, 1, true), pattern .. " -> " .. err)
      assert.is_truthy(err:find("at byte %d+%)$"), err)
      local ok2, err2 = pcall(sip.matches, 486, pattern)
      assert.is_false(ok2, pattern)
      assert.is_truthy(err2:find(words, 1, true), pattern .. " -> " .. err2)
    end
  end)

  it("say at which byte a pattern went wrong", function()
    assert.has_error(function() sip.matcher("48") end,
      "bad argument #1 to 'matcher' (invalid status pattern \"48\": "
      .. "t_check_status, which matches anywhere in the code, answers 148 "
      .. "differently: write whole codes, e.g. 48[0-9] or ^48$ at byte 1)")
    assert.has_error(function() sip.matcher("5[0-9]+") end,
      "bad argument #1 to 'matcher' (invalid status pattern \"5[0-9]+\": "
      .. "t_check_status, which matches anywhere in the code, answers 150 "
      .. "differently: write whole codes, e.g. 48[0-9] or ^48$ at byte 1)")
    local _, quantifier = pcall(sip.matcher, "4[0-9]{2,1}")
    assert.is_truthy(quantifier:find("at byte 7)", 1, true), quantifier)
    local _, err = pcall(sip.matcher, "408|7xx")
    assert.is_truthy(err:find("at byte 5)", 1, true), err)
  end)

  it("raise for a pattern that is not a string", function()
    assert.has_error(function() sip.matcher(486) end,
      "bad argument #1 to 'matcher' (status pattern expected, got number)")
    assert.has_error(function() sip.matcher(nil) end,
      "bad argument #1 to 'matcher' (status pattern expected, got nil)")
    assert.has_error(function() sip.matches(486, nil) end,
      "bad argument #2 to 'matches' (status pattern expected, got nil)")
  end)
end)

-- What Kamailio's t_check_status() answers for patterns real configurations
-- use: written with regcomp/regexec and checked against them again by the
-- C core's tests (spec/fixtures/kamailio-patterns.tsv).
local function kamailio_patterns()
  local path = (debug.getinfo(1, "S").source:match("^@(.*)routing_spec%.lua$") or "spec/")
    .. "fixtures/kamailio-patterns.tsv"
  local rows = {}
  for line in assert(io.open(path)):lines() do
    local pattern, kind, value = line:match("^([^#\t][^\t]*)\t(%a+)\t(.*)$")
    if pattern then
      local row = {pattern = pattern, kind = kind, codes = {}}
      if kind == "partial" then
        row.code = tonumber(value)
      elseif value ~= "none" then
        for lo, hi in value:gmatch("(%d+)%-?(%d*)") do
          for code = tonumber(lo), tonumber(hi ~= "" and hi or lo) do row.codes[code] = true end
        end
      end
      rows[#rows + 1] = row
    end
  end
  return rows
end

describe("matcher and t_check_status", function()
  local rows = kamailio_patterns()

  it("has the patterns of every form", function()
    local seen = {}
    for _, row in ipairs(rows) do seen[row.pattern] = row.kind end
    for _, pattern in ipairs({"(5|6)[0-9][0-9]", "4[0-9]{2}", "[[:digit:]]{3}",
                              "((4|5)0[0-9])|603"}) do
      assert.are.equal("codes", seen[pattern], pattern)
    end
    assert.are.equal("partial", seen["48"])
    assert.are.equal("partial", seen["5[0-9]+"])
  end)

  it("answer what t_check_status answers on every code, as integer and as string", function()
    for _, row in ipairs(rows) do
      if row.kind == "codes" then
        local m = sip.matcher(row.pattern)
        for code = 100, 699 do
          local want = row.codes[code] == true
          assert.are.equal(want, m(code), row.pattern .. " " .. code)
          assert.are.equal(want, m(tostring(code)), row.pattern .. " '" .. code .. "'")
          if sampled(code) then
            assert.are.equal(want, sip.matches(code, row.pattern), row.pattern .. " " .. code)
            assert.are.equal(want, sip.matches(tostring(code), row.pattern), row.pattern)
          end
        end
      end
    end
  end)

  it("refuse a pattern t_check_status would find inside a code, naming the code", function()
    for _, row in ipairs(rows) do
      if row.kind == "partial" then
        local ok, err = pcall(sip.matcher, row.pattern)
        assert.is_false(ok, row.pattern)
        assert.is_truthy(err:find("t_check_status, which matches anywhere in the code, answers "
          .. row.code .. " differently: write whole codes", 1, true), row.pattern .. " -> " .. err)
      end
    end
  end)
end)

describe("matcher under LuaJIT", function()
  -- OpenResty runs predicates in hot loops: a call into C would stop the
  -- JIT from compiling the loop (LuaJIT "stitches" around C functions).
  local has_jit = type(jit) == "table" and jit.status and jit.status()
  local spec = has_jit and it or pending

  spec("compiles a hot loop over m(code) with no stitch and no abort", function()
    local v = require("jit.v")
    local log = os.tmpname()
    local m = sip.matcher("408|5[0-9][0-9]|!503")
    local loop = assert((loadstring or load)([[
      local m = ...
      local n = 0
      for i = 1, 100000 do
        if m(100 + i % 600) then n = n + 1 end
      end
      return n
    ]]))
    jit.flush()
    v.on(log)
    local n = loop(m)
    v.off()
    local f = assert(io.open(log, "r"))
    local text = f:read("*a")
    f:close()
    os.remove(log)
    -- 100 + i % 600 walks 100..699: 166 whole rounds of 600, each meeting
    -- 408 and the 99 codes 500..599 but 503 (16600), then 101..500, which
    -- meets 408 and 500.
    assert.are.equal(16602, n)
    assert.is_truthy(text:find("TRACE%s+%d+[^\n]*loop"), text)
    assert.is_nil(text:find("stitch"), text)
    assert.is_nil(text:find("abort"), text)
    assert.is_nil(text:find("NYI"), text)
  end)
end)

describe("best_response and lists with holes", function()
  -- A host hands nil for an unset value; every positive integer key is a
  -- response at its index, whatever # says on a VM.
  it("gives the same answer on every VM whatever # would say", function()
    assert.are.same({603, 3}, {sip.best_response({486, nil, 603})})
    assert.are.same({486, 3}, {sip.best_response({nil, nil, 486})})
    assert.are.same({603, 5}, {sip.best_response({[1] = 486, [5] = 603})})
    assert.are.same({486, 1}, {sip.best_response({n = 2, 486})})
    assert.are.same({408}, {sip.best_response({nil, nil})})
  end)

  it("names the index of an entry of another type", function()
    local ok, err = pcall(function() local r = sip.best_response({486, nil, true}) return r end)
    assert.is_false(ok)
    assert.matches("status code expected at index 3, got boolean", err, 1, true)
  end)
end)
