-- Passed to wrk with -s by Purl.Bench. wrk's --latency table has no p95, so this prints exact
-- percentiles (microseconds) and the error counters on one line that the bench parses.
--
-- With the argument "forwarded" (wrk ... -- forwarded) every request carries its own X-Forwarded-For address
-- (10.<thread>.x.y, 16384 per thread in turn), so per-client rate limits see many clients, as in production,
-- instead of refusing one bench. The API trusts X-Forwarded-For from loopback only.
local thread_number = 0
local sent = 0

setup = function(thread)
  thread_number = thread_number + 1
  thread:set("thread_number", thread_number)
end

init = function(args)
  if args[1] == "forwarded" then
    request = function()
      sent = sent + 1
      local n = sent % 16384
      wrk.headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", thread_number, math.floor(n / 256), n % 256)
      return wrk.format()
    end
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "purl-bench: requests=%d duration_us=%d p50_us=%d p75_us=%d p90_us=%d p95_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status))
  -- A scenario's own script (prepended by WrkRunner.RunScriptAsync) may add lines of its own.
  if purl_report then io.write(purl_report()) end
end
