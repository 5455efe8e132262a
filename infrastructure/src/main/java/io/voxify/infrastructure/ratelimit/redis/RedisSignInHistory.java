package io.voxify.infrastructure.ratelimit.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.voxify.infrastructure.ratelimit.SignInHistory;
import java.time.Duration;
import java.util.List;

/**
 * Sign-in history in Redis (the infra profile), shared by every API node. Counting a failure and
 * booking a slot are each one Lua script, timed by the Redis server's clock, so nodes with
 * different clocks racing for the same account book distinct slots. Every key expires by itself
 * once it no longer matters. When Redis cannot be reached the call fails and the sign-in answers
 * 503, as with the rate-limit buckets.
 */
public class RedisSignInHistory implements SignInHistory, AutoCloseable {
    private static final String FAILURE = """
            local n = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return n
            """;
    /** KEYS: failures, next slot. ARGV: free failures, first delay, max delay, max wait (ms). */
    private static final String RESERVE = """
            local failures = tonumber(redis.call('GET', KEYS[1]) or '0')
            local free = tonumber(ARGV[1])
            if failures < free then return {1, 0, 0} end
            local delay = math.min(tonumber(ARGV[3]), tonumber(ARGV[2]) * 2 ^ math.min(failures - free, 40))
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local next = math.max(now, tonumber(redis.call('GET', KEYS[2]) or '0'))
            local wait = next - now
            if wait > tonumber(ARGV[4]) then return {0, wait, wait - tonumber(ARGV[4])} end
            redis.call('SET', KEYS[2], string.format('%d', next + delay), 'PX', math.floor(wait + delay + 1000))
            return {1, wait, 0}
            """;

    private final LazyRedis redis;
    private final String prefix;

    public RedisSignInHistory(RedisClient client, String prefix) {
        this.redis = new LazyRedis(client);
        this.prefix = prefix;
    }

    @Override
    public void recordFailure(String account, Duration memory) {
        redis().eval(
                        FAILURE,
                        ScriptOutputType.INTEGER,
                        new String[] {key(account, "failures")},
                        Long.toString(Math.max(1, memory.toMillis())));
    }

    @Override
    public Slot reserve(String account, Pacing pacing) {
        List<Long> slot = redis().eval(
                        RESERVE,
                        ScriptOutputType.MULTI,
                        new String[] {key(account, "failures"), key(account, "next")},
                        Long.toString(pacing.freeFailures()),
                        Long.toString(pacing.firstDelay().toMillis()),
                        Long.toString(pacing.maxDelay().toMillis()),
                        Long.toString(pacing.maxWait().toMillis()));
        return new Slot(slot.get(0) == 1, slot.get(1), slot.get(2));
    }

    @Override
    public void rememberAddress(String account, String address, Duration ttl) {
        redis().set(key(account, "address:" + address), "1", SetArgs.Builder.px(ttl.toMillis()));
    }

    @Override
    public boolean knownAddress(String account, String address) {
        return redis().exists(key(account, "address:" + address)) > 0;
    }

    private String key(String account, String what) {
        return prefix + "signin:" + account + ':' + what;
    }

    private RedisCommands<String, String> redis() {
        return redis.commands();
    }

    @Override
    public void close() {
        redis.close();
    }
}
