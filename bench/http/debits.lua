-- wrk script of bench/run-http: POST /v1/debits of 1 minor unit, each with its own Idempotency-Key.
-- Reads the card, PIN and gateway key from BENCH_CARD, BENCH_PIN and BENCH_GATEWAY_KEY.
-- Keys are <run>-<thread>-<counter>, so no two requests of a run (or of two runs) share one.

local threads = {}
local next_thread = 1

function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

function init(args)
  run = os.getenv("BENCH_RUN") or tostring(os.time())
  counter = 0
  other = 0
  wrk.method = "POST"
  wrk.path = "/v1/debits"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_GATEWAY_KEY")
  wrk.body = '{"card_number":"' .. os.getenv("BENCH_CARD") .. '","pin":"' .. os.getenv("BENCH_PIN")
    .. '","amount":1,"currency":"EUR"}'
end

function request()
  counter = counter + 1
  wrk.headers["Idempotency-Key"] = run .. "-" .. thread_id .. "-" .. counter
  return wrk.format()
end

function response(status, headers, body)
  if status ~= 201 then
    other = other + 1
  end
end

function done(summary, latency, requests)
  local others = 0
  for _, thread in ipairs(threads) do
    others = others + thread:get("other")
  end
  io.write(string.format("responses=%d not_201=%d\n", summary.requests, others))
end
