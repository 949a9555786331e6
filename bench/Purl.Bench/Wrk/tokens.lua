-- Passed to wrk (with report.lua) by scenarios that need many distinct signed-in users: every request carries the
-- next bearer token from the file named by the first script argument, each thread starting at its own place.
local tokens = {}
local index = 0
local threads = 0

setup = function(thread)
  threads = threads + 1
  thread:set("number", threads)
end

init = function(args)
  for line in io.lines(args[1]) do
    if #line > 0 then tokens[#tokens + 1] = line end
  end
  index = ((number or 1) * 7919) % #tokens
end

request = function()
  index = index % #tokens + 1
  return wrk.format(nil, nil, { ["Authorization"] = "Bearer " .. tokens[index] })
end
