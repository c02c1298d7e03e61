-- Commits one customer's delta and stored view atomically, if nobody else committed it since it was read.
-- KEYS: 1 doc, 2 ents, 3 orders, 4 agg, 5 recent (one hash tag: one cluster slot)
-- ARGV: 1 expected rev ('' = never written), 2 new rev, 3 doc action ('S' set, 'D' delete, 'K' keep), 4 doc bytes,
--   then five sections, each a count n followed by its items:
--   ents HSET (n field/value pairs), orders HSET (n pairs), agg HSET (n pairs), agg HDEL (n fields),
--   recent ZADD (n score/member pairs), recent ZREM (n members)
-- Returns {1} when written, {0, current rev} on a compare-and-set conflict (nothing written).
local cur = redis.call('HGET', KEYS[4], 'rev')
if (cur or '') ~= ARGV[1] then
  return {0, cur or ''}
end
local i = 5
local function section(key, cmd, width)
  local n = tonumber(ARGV[i])
  i = i + 1
  local chunk = 400
  local done = 0
  while done < n do
    local take = math.min(chunk, n - done)
    local args = {}
    for j = 0, take * width - 1 do
      args[#args + 1] = ARGV[i + j]
    end
    redis.call(cmd, key, unpack(args))
    i = i + take * width
    done = done + take
  end
end
section(KEYS[2], 'HSET', 2)
section(KEYS[3], 'HSET', 2)
section(KEYS[4], 'HSET', 2)
section(KEYS[4], 'HDEL', 1)
section(KEYS[5], 'ZADD', 2)
section(KEYS[5], 'ZREM', 1)
redis.call('HSET', KEYS[4], 'rev', ARGV[2])
if ARGV[3] == 'S' then
  redis.call('SET', KEYS[1], ARGV[4])
elseif ARGV[3] == 'D' then
  redis.call('DEL', KEYS[1])
end
return {1}
