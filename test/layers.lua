-- The layering rules of docs/development.md, checked on the #include lines
-- of the C sources:
--   1. the core includes no Lua header and no header of the binding;
--   2. no binding header includes another binding header but binding.h and
--      compat.h (the core's are allowed);
--   3. no two files of the binding depend on each other, directly or round a
--      longer loop.  A file and its header are one node (args.c and args.h
--      are "args"), so that args.c including sealed.h while sealed.c
--      includes args.h is a loop, though no header includes itself.
--
--   lua test/layers.lua --core $(find csrc/core -type f) --binding $(find csrc/lua -type f)
--
-- The files are what the caller names, so that a file added or removed is
-- checked with no change here.  Prints "ok - " and "not ok - " lines
-- (test/suites/16-layers); exits 0.

local layer_of = {}            -- path -> "core" | "binding"
local files = { core = {}, binding = {} }
do
  local layer
  for _, a in ipairs(arg) do
    if a == "--core" then layer = "core"
    elseif a == "--binding" then layer = "binding"
    elseif not layer then error("usage: layers.lua --core FILE... --binding FILE...")
    else
      local path = a:gsub("^%./", "")
      layer_of[path] = layer
      table.insert(files[layer], path)
    end
  end
  table.sort(files.core)
  table.sort(files.binding)
end

local function dirname(path) return path:match("^(.*)/[^/]*$") or "." end
local function basename(path) return path:match("([^/]*)$") end
local function is_source(path) return path:match("%.[ch]$") ~= nil end

local function normalize(path)
  local parts = {}
  for part in path:gmatch("[^/]+") do
    if part == ".." and #parts > 0 and parts[#parts] ~= ".." then
      parts[#parts] = nil
    elseif part ~= "." then
      parts[#parts + 1] = part
    end
  end
  return table.concat(parts, "/")
end

-- The directories the build searches for "..." includes after the file's
-- own, in the Makefile's order: the core's, then the binding's.
local dirs = {}
for _, layer in ipairs({ "core", "binding" }) do
  local seen = {}
  for _, path in ipairs(files[layer]) do
    local dir = dirname(path)
    if not seen[dir] then seen[dir] = true; dirs[#dirs + 1] = dir end
  end
end

-- The file of the tree an include names, or nil for a system or a Lua
-- header.  "x.lua.h" is made at build time from the binding's x.lua, so it
-- is that file.
local function resolve(from, quote, name)
  local candidates = {}
  if quote == '"' then candidates[1] = dirname(from) .. "/" .. name end
  for _, dir in ipairs(dirs) do candidates[#candidates + 1] = dir .. "/" .. name end
  for _, candidate in ipairs(candidates) do
    local path = normalize(candidate)
    if layer_of[path] then return path end
    local source = path:match("^(.*%.lua)%.h$")
    if source and layer_of[source] then return source end
  end
  return nil
end

local lua_headers = {
  ["lua.h"] = true, ["lauxlib.h"] = true, ["lualib.h"] = true,
  ["luaconf.h"] = true, ["luajit.h"] = true, ["lua.hpp"] = true,
}
local function is_lua_header(name)
  if lua_headers[basename(name)] then return true end
  return name:match("^lua[^/]*/") ~= nil or name:match("/lua[^/]*/") ~= nil
end

-- Each #include of a file: { line =, quote =, name =, target = path|nil }.
-- Comments are blanked first, keeping their newlines, so that a commented
-- out include is not one and line numbers stay right.
local function includes_of(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("*a")
  f:close()
  text = text:gsub("/%*.-%*/", function(comment) return (comment:gsub("[^\n]", " ")) end)
  local found, n = {}, 0
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    n = n + 1
    local open, name = line:match('^%s*#%s*include%s*([<"])([^>"]+)[>"]')
    if open then
      local quote = open == "<" and "<" or '"'
      found[#found + 1] = { line = n, quote = quote, name = name, target = resolve(path, quote, name) }
    end
  end
  return found
end

local function report(ok, what, details)
  print((ok and "ok - " or "not ok - ") .. what)
  for _, d in ipairs(details) do print("#   " .. d) end
end

local function shown(inc)
  return inc.quote == "<" and ("<" .. inc.name .. ">") or ('"' .. inc.name .. '"')
end

-- 1. The core.
do
  local bad, count = {}, 0
  for _, path in ipairs(files.core) do
    if is_source(path) then
      for _, inc in ipairs(includes_of(path)) do
        count = count + 1
        if inc.target and layer_of[inc.target] == "binding" then
          bad[#bad + 1] = ("%s:%d includes %s, the binding's"):format(path, inc.line, shown(inc))
        elseif not inc.target and is_lua_header(inc.name) then
          bad[#bad + 1] = ("%s:%d includes %s, a Lua header"):format(path, inc.line, shown(inc))
        end
      end
    end
  end
  if count == 0 then bad[#bad + 1] = "no #include found in the core: wrong files?" end
  report(#bad == 0, ("layers: the core includes no Lua header and no binding header (%d includes)")
    :format(count), bad)
end

-- 2. The binding's headers.
do
  local shared = { ["binding.h"] = true, ["compat.h"] = true }
  local bad, headers = {}, 0
  for _, path in ipairs(files.binding) do
    if path:match("%.h$") then
      headers = headers + 1
      for _, inc in ipairs(includes_of(path)) do
        if inc.target and layer_of[inc.target] == "binding" and not shared[basename(inc.target)] then
          bad[#bad + 1] = ("%s:%d includes %s"):format(path, inc.line, shown(inc))
        end
      end
    end
  end
  if headers == 0 then bad[#bad + 1] = "no header found in the binding: wrong files?" end
  report(#bad == 0, ("layers: no binding header includes another but binding.h and compat.h (%d headers)")
    :format(headers), bad)
end

-- 3. Loops between the binding's files.
do
  local function node(path) return (basename(path):gsub("%.[^.]*$", "")) end
  local edges, why, nodes, count = {}, {}, {}, 0
  for _, path in ipairs(files.binding) do
    if is_source(path) then
      local from = node(path)
      nodes[from] = true
      edges[from] = edges[from] or {}
      for _, inc in ipairs(includes_of(path)) do
        if inc.target and layer_of[inc.target] == "binding" then
          count = count + 1
          local to = node(inc.target)
          nodes[to] = true
          if to ~= from and not edges[from][to] then
            edges[from][to] = true
            why[from .. ">" .. to] = ("%s:%d includes %s"):format(basename(path), inc.line, shown(inc))
          end
        end
      end
    end
  end
  local names = {}
  for name in pairs(nodes) do names[#names + 1] = name end
  table.sort(names)
  local function successors(name)
    local list = {}
    for to in pairs(edges[name] or {}) do list[#list + 1] = to end
    table.sort(list)
    return list
  end

  -- Tarjan's strongly connected components: each of more than one node
  -- holds a loop.
  local index, low, on_stack, stack, next_index, components = {}, {}, {}, {}, 0, {}
  local function connect(v)
    index[v], low[v] = next_index, next_index
    next_index = next_index + 1
    stack[#stack + 1] = v
    on_stack[v] = true
    for _, w in ipairs(successors(v)) do
      if index[w] == nil then
        connect(w)
        low[v] = math.min(low[v], low[w])
      elseif on_stack[w] then
        low[v] = math.min(low[v], index[w])
      end
    end
    if low[v] == index[v] then
      local component = {}
      repeat
        local w = table.remove(stack)
        on_stack[w] = nil
        component[#component + 1] = w
      until w == v
      if #component > 1 then components[#components + 1] = component end
    end
  end
  for _, name in ipairs(names) do
    if index[name] == nil then connect(name) end
  end

  -- One loop of a component, shortest first, from its first node by name
  -- back to it.
  local function loop_in(component)
    local inside = {}
    for _, v in ipairs(component) do inside[v] = true end
    table.sort(component)
    local start = component[1]
    local previous, queue, head = { [start] = false }, { start }, 1
    while head <= #queue do
      local v = queue[head]
      head = head + 1
      for _, w in ipairs(successors(v)) do
        if w == start then
          local path = { start }
          while v ~= start do table.insert(path, 2, v); v = previous[v] end
          path[#path + 1] = start
          return path
        end
        if inside[w] and previous[w] == nil then
          previous[w] = v
          queue[#queue + 1] = w
        end
      end
    end
  end

  local bad = {}
  for _, component in ipairs(components) do
    local path = loop_in(component)
    local reasons = {}
    for i = 1, #path - 1 do reasons[i] = why[path[i] .. ">" .. path[i + 1]] end
    bad[#bad + 1] = table.concat(path, " -> ") .. ": " .. table.concat(reasons, ", ")
  end
  if count == 0 then bad[#bad + 1] = "no #include between the binding's files found: wrong files?" end
  local sources = 0
  for _, path in ipairs(files.binding) do
    if is_source(path) then sources = sources + 1 end
  end
  report(#bad == 0, ("layers: no loop between the binding's files (%d files as %d nodes, %d includes between them)")
    :format(sources, #names, count), bad)
end
