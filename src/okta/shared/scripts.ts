/**
 * The Lua scripts the replicas share state with: each runs atomically in Redis, so a read and the
 * write that depends on it cannot interleave with another replica's. Times are epoch ms passed in
 * by the caller (replicas' clocks agree well enough for leases of seconds); Redis's own clock is
 * used only through PX and PTTL.
 */
import type { Redis } from 'ioredis';

interface ScriptSpec {
  keys: number;
  lua: string;
}

const SCRIPTS = {
  /**
   * A cached value, or the fetch lock for it. KEYS value, lock; ARGV token, lock ttl ms.
   * Returns {'value', value, pttl} | {'locked'} | {'wait', lock pttl}.
   */
  getOrLock: {
    keys: 2,
    lua: `
local value = redis.call('GET', KEYS[1])
if value then return {'value', value, redis.call('PTTL', KEYS[1])} end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {'locked'} end
return {'wait', redis.call('PTTL', KEYS[2])}`,
  },
  /**
   * Stores a fetched value and drops its lock, only while the lock is still this fetch's: an
   * invalidation deletes the lock, so an answer read before the change is never stored. Then tells
   * the replicas waiting for it. KEYS value, lock; ARGV token, value, ttl ms, channel, message.
   */
  putAndUnlock: {
    keys: 2,
    lua: `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('DEL', KEYS[2])
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1`,
  },
  /** Deletes a lock or lease held by `token`. KEYS key; ARGV token, channel, message (optional). */
  releaseIfOwner: {
    keys: 1,
    lua: `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
if ARGV[2] then redis.call('PUBLISH', ARGV[2], ARGV[3]) end
return 1`,
  },
  /** Extends a lock held by `token`. KEYS key; ARGV token, ttl ms. Returns 1, or 0 when lost. */
  extendIfOwner: {
    keys: 1,
    lua: `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`,
  },
  /** Takes a free lease or extends one's own. KEYS lease; ARGV holder, ttl ms. Returns 1 when held. */
  holdLease: {
    keys: 1,
    lua: `
local holder = redis.call('GET', KEYS[1])
if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0`,
  },
  /**
   * In-flight slots for as many of the ids as the org's cap allows. Leases of crashed replicas
   * expire; the cap lowered after a concurrency 429 grows back by one a second.
   * KEYS in-flight set, lowered cap; ARGV now, max, lease ms, ids... Returns {granted, in flight, cap}.
   */
  acquireSlots: {
    keys: 2,
    lua: `
local now = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local leaseMs = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local cap = max
local lowered = redis.call('HMGET', KEYS[2], 'cap', 'at')
if lowered[1] then
  cap = math.min(max, tonumber(lowered[1]) + math.floor((now - tonumber(lowered[2])) / 1000))
  if cap >= max then redis.call('DEL', KEYS[2]) end
end
local used = redis.call('ZCARD', KEYS[1])
local granted = 0
for i = 4, #ARGV do
  if used >= cap then break end
  redis.call('ZADD', KEYS[1], now + leaseMs, ARGV[i])
  used = used + 1
  granted = granted + 1
end
if granted > 0 then redis.call('PEXPIRE', KEYS[1], leaseMs * 2) end
return {granted, used, cap}`,
  },
  /** Halves the org's in-flight cap. KEYS lowered cap; ARGV now, max. Returns the new cap. */
  lowerCap: {
    keys: 1,
    lua: `
local now = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local cap = max
local lowered = redis.call('HMGET', KEYS[1], 'cap', 'at')
if lowered[1] then
  cap = math.min(max, tonumber(lowered[1]) + math.floor((now - tonumber(lowered[2])) / 1000))
end
cap = math.max(1, math.floor(cap / 2))
redis.call('HSET', KEYS[1], 'cap', cap, 'at', now)
redis.call('PEXPIRE', KEYS[1], (max + 1) * 1000)
return cap`,
  },
  /**
   * Takes one request from a bucket's window unless only the reserve is left. A window past its
   * reset is full again, its reset estimated (Okta's minute) until an answer names it; while it is
   * an estimate, a refused request looks again within a second.
   * KEYS bucket; ARGV now, reserve (0..0.5). Returns {0} to go, or {wait ms, remaining, limit}.
   */
  spendBucket: {
    keys: 1,
    lua: `
local s = redis.call('HMGET', KEYS[1], 'limit', 'remaining', 'resetAt', 'est')
local limit = tonumber(s[1])
if not limit or limit <= 0 then return {0} end
local now = tonumber(ARGV[1])
local remaining = tonumber(s[2])
local resetAt = tonumber(s[3])
local est = s[4]
if resetAt <= now then
  remaining = limit
  resetAt = now + 60000
  est = '1'
end
if remaining > math.floor(limit * tonumber(ARGV[2])) then
  redis.call('HSET', KEYS[1], 'remaining', remaining - 1, 'resetAt', resetAt, 'est', est)
  return {0}
end
local wait = resetAt - now
if est == '1' then wait = math.min(wait, 1000) end
return {wait, remaining, limit}`,
  },
  /**
   * What an answer said of its bucket: a later window replaces the one known; within the same
   * window the lower count wins (the answer does not see requests still on their way, the count
   * here does not see other buckets of Okta's that share the window). An answer of a window
   * already over changes nothing. KEYS bucket; ARGV limit, remaining, resetAt, now, keep ms.
   */
  observeBucket: {
    keys: 1,
    lua: `
local limit = tonumber(ARGV[1])
local remaining = tonumber(ARGV[2])
local resetAt = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
if resetAt <= now then return 0 end
local s = redis.call('HMGET', KEYS[1], 'remaining', 'resetAt', 'est')
local knownReset = tonumber(s[2])
if not knownReset or (s[3] ~= '1' and resetAt > knownReset) then
  redis.call('HSET', KEYS[1], 'limit', limit, 'remaining', remaining, 'resetAt', resetAt, 'est', '0')
elseif s[3] == '1' or resetAt == knownReset then
  redis.call('HSET', KEYS[1], 'limit', limit, 'remaining', math.min(tonumber(s[1]), remaining), 'resetAt', resetAt, 'est', '0')
end
redis.call('PEXPIRE', KEYS[1], resetAt - now + tonumber(ARGV[5]))
return 1`,
  },
  /**
   * Deletes every key matching the patterns (a prefix invalidation, a clear). In one script so that
   * no lookup sent after it can read a key it was about to delete. ARGV patterns. Returns the count.
   */
  deleteMatching: {
    keys: 0,
    lua: `
local deleted = 0
for i = 1, #ARGV do
  local cursor = '0'
  repeat
    local reply = redis.call('SCAN', cursor, 'MATCH', ARGV[i], 'COUNT', 1000)
    cursor = reply[1]
    for _, key in ipairs(reply[2]) do deleted = deleted + redis.call('DEL', key) end
  until cursor == '0'
end
return deleted`,
  },
} satisfies Record<string, ScriptSpec>;

export type ScriptName = keyof typeof SCRIPTS;
type ScriptArg = string | number;

/** Runs a script by name; ioredis sends EVALSHA and falls back to EVAL once after a Redis restart. */
export type RunScript = (
  name: ScriptName,
  keys: readonly string[],
  args: readonly ScriptArg[],
) => Promise<unknown>;

/** Registers the scripts on a connection and returns the way to run them. */
export function defineScripts(redis: Redis): RunScript {
  for (const [name, spec] of Object.entries(SCRIPTS)) {
    redis.defineCommand(name, { numberOfKeys: spec.keys, lua: spec.lua });
  }
  const commands = redis as unknown as Record<ScriptName, (...keysAndArgs: ScriptArg[]) => Promise<unknown>>;
  return (name, keys, args) => commands[name](...keys, ...args);
}
