-- Advances applied positions (topic:partition -> next offset) written after the data of a batch.
-- KEYS: 1 positions hash. ARGV: field, expected current ('' = none), next triples.
-- A position that is not where this consumer left it and is behind the new one means Redis lost writes
-- (restart from AOF) or the data moved under us: it is left alone and its field returned, so the consumer
-- seeks back to the stored position and replays. A position already ahead (a newer owner) is left alone.
local mismatched = {}
for i = 1, #ARGV, 3 do
  local cur = redis.call('HGET', KEYS[1], ARGV[i]) or ''
  if cur == ARGV[i + 1] then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
  elseif cur == '' or tonumber(cur) < tonumber(ARGV[i + 2]) then
    mismatched[#mismatched + 1] = ARGV[i]
  end
end
return mismatched
