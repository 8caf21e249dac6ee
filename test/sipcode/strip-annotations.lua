-- Removes what `sipcode --annotate` added, as its documentation defines it:
-- every line that starts with "## sipcode: " together with its line ending;
-- a last such line without a line ending takes the LF before it instead.
-- Reads standard input, writes standard output, byte for byte otherwise.
local MARK = "## sipcode: "
local input = io.read("*a")
local out = {}
local pos = 1
while pos <= #input do
   local nl = input:find("\n", pos, true)
   local line = input:sub(pos, nl or #input)
   if line:sub(1, #MARK) == MARK then
      if not nl then
         -- the annotation of an unterminated last status line: drop its LF
         out[#out] = out[#out]:sub(1, -2)
      end
   else
      out[#out + 1] = line
   end
   pos = (nl or #input) + 1
end
io.write(table.concat(out))
