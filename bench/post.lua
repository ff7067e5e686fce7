-- wrk script for bench/run: POST the India sample profile to /v1/advice.
--
--   wrk -t2 -c32 -d20s --latency -s bench/post.lua http://127.0.0.1:18070
--
-- The body is read once, from BENCH_BODY (default samples/india.json, relative to the
-- directory wrk runs in: the repository root). Every thread counts the responses whose
-- status is not 2xx; done() adds them up and prints, besides wrk's own report, one line
-- that bench/run parses:
--
--   BENCH requests=N duration_us=N rps=X mean_us=X stdev_us=X max_us=N p50_us=N p90_us=N
--         p99_us=N p999_us=N bytes=N non2xx=N first_non2xx=S errors_connect=N
--         errors_read=N errors_write=N errors_timeout=N errors_status=N
--
-- (on one line). Latencies are in microseconds, as wrk records them; first_non2xx is the
-- status of the first non-2xx response a thread saw (0: none).

local path = os.getenv("BENCH_BODY") or "samples/india.json"
local file, err = io.open(path, "rb")
if not file then
  error("bench/post.lua: cannot read the request body " .. path .. ": " .. tostring(err))
end
local body = file:read("*a")
file:close()

-- A static request (no request() function): wrk formats it once per thread.
wrk.method = "POST"
wrk.path = os.getenv("BENCH_PATH") or "/v1/advice"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  first_non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_non2xx == 0 then
      first_non2xx = status
    end
  end
end

function done(summary, latency, requests)
  local bad, first = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    local f = thread:get("first_non2xx")
    if first == 0 and f ~= 0 then
      first = f
    end
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.2f mean_us=%.1f stdev_us=%.1f max_us=%d "
      .. "p50_us=%d p90_us=%d p99_us=%d p999_us=%d bytes=%d non2xx=%d first_non2xx=%d "
      .. "errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d errors_status=%d\n",
    summary.requests, summary.duration, summary.requests / seconds, latency.mean, latency.stdev,
    latency.max, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), summary.bytes, bad, first,
    e.connect, e.read, e.write, e.timeout, e.status))
end
