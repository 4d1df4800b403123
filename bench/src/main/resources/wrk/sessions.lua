-- wrk script of the vertx-sessions benchmark.
-- usage: wrk ... -s sessions.lua <url> -- <path> [<cookie file>]
-- With a cookie file (one "sid=value" a line), request i carries cookie i mod n, each thread starting elsewhere in
-- the list; without, requests carry no cookie. The requests are built once in init so that the script costs wrk
-- nothing per request. done() prints one machine-readable line (times in microseconds).

local threadCount = 0

function setup(thread)
  thread:set("index", threadCount)
  threadCount = threadCount + 1
end

local requests = {}
local cursor = 1

function init(args)
  local path = args[1]
  local cookieFile = args[2]
  if cookieFile == nil then
    requests[1] = wrk.format("GET", path)
  else
    for line in io.lines(cookieFile) do
      if line ~= "" then
        requests[#requests + 1] = wrk.format("GET", path, { ["Cookie"] = line })
      end
    end
    -- spread the threads over the list so that they do not walk it in step
    cursor = (index * 7919) % #requests + 1
  end
end

function request()
  local r = requests[cursor]
  cursor = cursor % #requests + 1
  return r
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"durationMicros":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,'
      .. '"writeErrors":%d,"timeouts":%d,"non2xx3xx":%d,"p50Micros":%d,"p90Micros":%d,"p99Micros":%d,'
      .. '"maxMicros":%d,"meanMicros":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
