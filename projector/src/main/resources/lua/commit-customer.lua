-- Commits one customer's delta and stored view atomically, if nobody else committed it since it was read.
-- KEYS: 1 doc, 2 ents, 3 orders, 4 agg, 5 recent (one hash tag: one cluster slot)
-- ARGV: 1 expected rev ('' = never written), 2 doc action ('S' set, 'D' delete, 'K' keep), 3 doc bytes,
--   then six sections, each a count n followed by its items:
--   ents HSET (n field/value pairs), orders HSET (n pairs), agg HSET (n pairs, always including the new rev),
--   agg HDEL (n fields), recent ZADD (n score/member pairs), recent ZREM (n members),
--   then the announcement: a channel ('' = none), the generation and the customer id; the message
--   (ChangeAnnouncement: generation|epoch ms|cid) carries Redis's own clock at the commit, and is published with
--   it, so that a near cache drops the customer's entry after, never before, the new view is readable
-- Returns {1} when written, {0, current rev} on a compare-and-set conflict (nothing written).
-- Cost: one redis.call per non-empty section (arguments passed with unpack over ARGV, no table built), so a
-- typical commit is HGET + 2 or 3 writes + SET + PUBLISH.
local cur = redis.call('HGET', KEYS[4], 'rev')
if (cur or '') ~= ARGV[1] then
  return {0, cur or ''}
end
local i = 4
local chunk = 400
local function section(key, cmd, width)
  local n = tonumber(ARGV[i])
  i = i + 1
  while n > 0 do
    local take = math.min(chunk, n)
    redis.call(cmd, key, unpack(ARGV, i, i + take * width - 1))
    i = i + take * width
    n = n - take
  end
end
section(KEYS[2], 'HSET', 2)
section(KEYS[3], 'HSET', 2)
section(KEYS[4], 'HSET', 2)
section(KEYS[4], 'HDEL', 1)
section(KEYS[5], 'ZADD', 2)
section(KEYS[5], 'ZREM', 1)
if ARGV[2] == 'S' then
  redis.call('SET', KEYS[1], ARGV[3])
elseif ARGV[2] == 'D' then
  redis.call('DEL', KEYS[1])
end
if ARGV[i] ~= '' then
  local now = redis.call('TIME')
  local ms = string.format('%03d', math.floor(tonumber(now[2]) / 1000))
  redis.call('PUBLISH', ARGV[i], ARGV[i + 1] .. '|' .. now[1] .. ms .. '|' .. ARGV[i + 2])
end
return {1}
