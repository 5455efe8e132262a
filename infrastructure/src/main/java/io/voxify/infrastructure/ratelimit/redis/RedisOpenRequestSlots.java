package io.voxify.infrastructure.ratelimit.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.voxify.infrastructure.ratelimit.OpenRequestSlots;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open requests counted in Redis (the infra profile), so a user's cap holds across every API node. Each key
 * is a sorted set of slot ids scored by when their lease ends (Redis's own clock); taking a slot drops expired
 * leases, counts, and adds in one script. This node renews the leases of the slots it holds every third of
 * the lease, so a node that dies takes its slots with it within one lease. When Redis cannot be reached the
 * request fails and is answered 503, as with the rate-limit buckets.
 */
public class RedisOpenRequestSlots implements OpenRequestSlots, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisOpenRequestSlots.class);
    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;
    /** KEYS: the set. ARGV: cap, slot id, lease (ms). */
    private static final String TAKE = NOW + """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
            return 1
            """;
    /** KEYS: the set. ARGV: slot id, lease (ms). A slot that expired meanwhile is not brought back. */
    private static final String RENEW = NOW + """
            if redis.call('ZSCORE', KEYS[1], ARGV[1]) == false then return 0 end
            redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
            return 1
            """;

    private static final String COUNT = NOW + """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            return redis.call('ZCARD', KEYS[1])
            """;

    private final LazyRedis redis;
    private final String prefix;
    private final Duration lease;
    /** The slots this node holds: slot id → set key. */
    private final Map<String, String> held = new ConcurrentHashMap<>();

    private final ScheduledExecutorService renewals;

    public RedisOpenRequestSlots(RedisClient client, String prefix, Duration lease) {
        this.redis = new LazyRedis(client);
        this.prefix = prefix;
        this.lease = lease;
        this.renewals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "open-request-leases");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, lease.toMillis() / 3);
        renewals.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<Slot> tryOpen(String key, int cap) {
        String set = prefix + "open:" + key;
        String id = UUID.randomUUID().toString();
        Long taken = redis().eval(
                        TAKE,
                        ScriptOutputType.INTEGER,
                        new String[] {set},
                        Integer.toString(cap),
                        id,
                        Long.toString(lease.toMillis()));
        if (taken == null || taken == 0) {
            return Optional.empty();
        }
        held.put(id, set);
        AtomicBoolean closed = new AtomicBoolean();
        return Optional.of(() -> {
            if (closed.compareAndSet(false, true)) {
                held.remove(id);
                try {
                    redis().zrem(set, id);
                } catch (RuntimeException unreachable) {
                    log.debug(
                            "Open-request slot {} not released now; its lease ends it: {}", id, unreachable.toString());
                }
            }
        });
    }

    @Override
    public int open(String key) {
        Long count = redis().eval(COUNT, ScriptOutputType.INTEGER, new String[] {prefix + "open:" + key});
        return count == null ? 0 : count.intValue();
    }

    private void renew() {
        for (Map.Entry<String, String> slot : held.entrySet()) {
            try {
                redis().eval(
                                RENEW,
                                ScriptOutputType.INTEGER,
                                new String[] {slot.getValue()},
                                slot.getKey(),
                                Long.toString(lease.toMillis()));
            } catch (RuntimeException unreachable) {
                log.debug("Open-request leases not renewed now: {}", unreachable.toString());
                return;
            }
        }
    }

    private RedisCommands<String, String> redis() {
        return redis.commands();
    }

    int held() {
        return held.size();
    }

    @Override
    public void close() {
        renewals.shutdownNow();
        redis.close();
    }
}
