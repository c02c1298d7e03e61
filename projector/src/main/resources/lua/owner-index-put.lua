-- Sets owner-index entries only where the new version is higher than the stored one, so that a replay or a
-- zombie consumer never moves an entity's owner backwards.
-- KEYS: 1 owner-index bucket hash. ARGV: field, '<customer id>:<version>' pairs.
-- Versions are decimal integers without leading zeros: compared by length, then lexically (exact beyond 2^53).
local function version_of(v)
  return string.match(v, ':(%d+)$') or ''
end
local function higher(a, b)
  if #a ~= #b then return #a > #b end
  return a > b
end
local written = 0
for i = 1, #ARGV, 2 do
  local cur = redis.call('HGET', KEYS[1], ARGV[i])
  if not cur or higher(version_of(ARGV[i + 1]), version_of(cur)) then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
    written = written + 1
  end
end
return written
