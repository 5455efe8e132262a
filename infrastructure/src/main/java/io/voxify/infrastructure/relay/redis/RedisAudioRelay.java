package io.voxify.infrastructure.relay.redis;

import io.voxify.infrastructure.relay.AudioRelay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@link AudioRelay} over Redis (the infra profile): a worker node publishes a running job's audio and
 * any API node streams it. Each attempt is a Redis stream ({@code <prefix><job>:<attempt>}) whose entries
 * are a start marker, the PCM chunks in order and an end marker; {@code <prefix><job>} names the current
 * attempt and its sample rate. Readers follow a stream with a blocking {@code XREAD} on a connection of
 * their own, from its first entry, so one that arrives late still gets the audio from the start.
 *
 * <p>Keys live for {@code lifetime} past their last chunk while the attempt runs, and for {@code grace}
 * after it ends, so nothing is left behind by a worker that dies. Each stream holds at most
 * {@code maxBytes} of audio; past that it ends as overflowed and its readers finish from the stored file.
 * Redis being unreachable never fails a job: the worker's stream ends as overflowed (or is never opened; for a
 * few seconds after a failure new attempts skip the relay rather than each wait for Redis's command timeout)
 * and readers finish from the stored file.
 */
public class RedisAudioRelay implements AudioRelay {
    private static final Logger log = LoggerFactory.getLogger(RedisAudioRelay.class);
    private static final byte[] START = bytes("s");
    private static final byte[] CHUNK = bytes("c");
    private static final byte[] END = bytes("e");
    private static final int READ_BATCH = 64;
    /** After Redis fails, how long new attempts skip the relay rather than each wait for the command timeout. */
    private static final long BACK_OFF_NANOS = Duration.ofSeconds(5).toNanos();

    private static final Sink NOT_RELAYED = new Sink() {
        @Override
        public void publish(byte[] pcm) {}

        @Override
        public void end(End how) {}
    };

    private final StringRedisTemplate redis;
    private final RedisConnectionFactory connections;
    private final String prefix;
    private final Duration lifetime;
    private final Duration grace;
    private final long maxBytes;
    private volatile long unreachableUntil = System.nanoTime() - 1;

    public RedisAudioRelay(StringRedisTemplate redis, String prefix, Duration lifetime, Duration grace, long maxBytes) {
        this.redis = redis;
        this.connections = redis.getRequiredConnectionFactory();
        this.prefix = prefix;
        this.lifetime = lifetime;
        this.grace = grace;
        this.maxBytes = maxBytes;
    }

    private String currentKey(String jobId) {
        return prefix + jobId;
    }

    private byte[] streamKey(String jobId, int attempt) {
        return bytes(prefix + jobId + ":" + attempt);
    }

    @Override
    public Sink open(String jobId, int attempt, int sampleRate) {
        if (System.nanoTime() - unreachableUntil < 0) {
            return NOT_RELAYED; // readers wait for the stored file
        }
        byte[] key = streamKey(jobId, attempt);
        try {
            redis.execute((RedisCallback<Object>) c -> {
                c.streamCommands().xAdd(MapRecord.create(key, Map.of(START, bytes(Integer.toString(sampleRate)))));
                c.keyCommands().pExpire(key, lifetime.toMillis());
                return null;
            });
            String previous = redis.opsForValue().getAndSet(currentKey(jobId), attempt + ":" + sampleRate);
            redis.expire(currentKey(jobId), lifetime);
            Current earlier = Current.parse(previous);
            if (earlier != null && earlier.attempt != attempt) {
                end(streamKey(jobId, earlier.attempt), End.FAILED, true);
            }
            return new RedisSink(jobId, key);
        } catch (RuntimeException unreachable) {
            log.warn("Job {} attempt {} is not relayed for streaming: {}", jobId, attempt, unreachable.toString());
            unreachableUntil = System.nanoTime() + BACK_OFF_NANOS;
            return NOT_RELAYED;
        }
    }

    /** Appends the end marker (to an existing stream only) and lets the stream go after the grace period. */
    private void end(byte[] key, End how, boolean onlyIfThere) {
        redis.execute((RedisCallback<Object>) c -> {
            c.streamCommands()
                    .xAdd(
                            MapRecord.create(key, Map.of(END, bytes(how.name()))),
                            onlyIfThere ? XAddOptions.makeNoStream() : XAddOptions.none());
            c.keyCommands().pExpire(key, grace.toMillis());
            return null;
        });
    }

    /** Every attempt's stream up to the current one (attempts count up from the first), then the current key. */
    @Override
    public void discard(String jobId) {
        try {
            Current current = Current.parse(redis.opsForValue().get(currentKey(jobId)));
            if (current != null) {
                List<String> keys = new ArrayList<>();
                for (int attempt = 0; attempt <= current.attempt; attempt++) {
                    keys.add(prefix + jobId + ":" + attempt);
                }
                redis.delete(keys);
            }
            redis.delete(currentKey(jobId));
        } catch (RuntimeException unreachable) {
            log.warn(
                    "Audio relay of job {} not dropped now; its streams expire within {}: {}",
                    jobId,
                    lifetime,
                    unreachable.toString());
        }
    }

    @Override
    public Optional<Source> find(String jobId) {
        Current current;
        try {
            current = Current.parse(redis.opsForValue().get(currentKey(jobId)));
        } catch (RuntimeException unreachable) {
            log.debug("Audio relay unavailable: {}", unreachable.toString());
            return Optional.empty();
        }
        return current == null
                ? Optional.empty()
                : Optional.of(new RedisSource(streamKey(jobId, current.attempt), current.attempt, current.sampleRate));
    }

    private record Current(int attempt, int sampleRate) {
        static Current parse(String value) {
            if (value == null) {
                return null;
            }
            int colon = value.indexOf(':');
            try {
                return new Current(
                        Integer.parseInt(value.substring(0, colon)), Integer.parseInt(value.substring(colon + 1)));
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    private final class RedisSink implements Sink {
        private final String jobId;
        private final byte[] key;
        private long size;
        private boolean ended;

        RedisSink(String jobId, byte[] key) {
            this.jobId = jobId;
            this.key = key;
        }

        @Override
        public synchronized void publish(byte[] pcm) {
            if (ended || pcm.length == 0) {
                return;
            }
            if (size + pcm.length > maxBytes) {
                end(End.OVERFLOWED);
                return;
            }
            try {
                redis.executePipelined((RedisCallback<Object>) c -> {
                    c.streamCommands().xAdd(MapRecord.create(key, Map.of(CHUNK, pcm)));
                    c.keyCommands().pExpire(key, lifetime.toMillis());
                    return null;
                });
                size += pcm.length;
            } catch (RuntimeException unreachable) {
                log.warn("Audio of job {} no longer relayed: {}", jobId, unreachable.toString());
                unreachableUntil = System.nanoTime() + BACK_OFF_NANOS;
                end(End.OVERFLOWED); // if Redis is back already, readers learn the rest is in the stored file
            }
        }

        @Override
        public synchronized void end(End how) {
            if (ended) {
                return;
            }
            ended = true;
            try {
                RedisAudioRelay.this.end(key, how, false);
                redis.expire(currentKey(jobId), grace);
            } catch (RuntimeException unreachable) {
                // Readers see the key vanish with its lifetime and finish from the stored file.
                log.warn("End of job {}'s relayed audio not recorded: {}", jobId, unreachable.toString());
            }
        }
    }

    /** Follows one stream; chunks it has handed out are forgotten. */
    private final class RedisSource implements Source {
        private final byte[] key;
        private final int attempt;
        private final int sampleRate;
        private final ArrayDeque<byte[]> buffered = new ArrayDeque<>();
        private int base; // the index of the first buffered chunk
        private String lastId = "0-0";
        private End end;
        private RedisConnection connection;

        RedisSource(byte[] key, int attempt, int sampleRate) {
            this.key = key;
            this.attempt = attempt;
            this.sampleRate = sampleRate;
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public int sampleRate() {
            return sampleRate;
        }

        @Override
        public Next await(int index, Duration timeout) {
            if (index < base || index > base + buffered.size()) {
                throw new IllegalArgumentException("Chunks are read once, in order: " + index + " after " + base);
            }
            while (base < index) {
                buffered.poll();
                base++;
            }
            if (buffered.isEmpty() && end == null) {
                read(timeout);
            }
            return buffered.isEmpty() ? new Next(null, end) : new Next(buffered.peek(), null);
        }

        private void read(Duration timeout) {
            try {
                if (connection == null) {
                    connection = connections.getConnection();
                }
                List<ByteRecord> records = connection
                        .streamCommands()
                        .xRead(
                                StreamReadOptions.empty()
                                        .count(READ_BATCH)
                                        .block(Duration.ofMillis(Math.max(1, timeout.toMillis()))),
                                StreamOffset.create(key, ReadOffset.from(lastId)));
                if (records == null || records.isEmpty()) {
                    if (!Boolean.TRUE.equals(connection.keyCommands().exists(key))) {
                        end = End.OVERFLOWED; // expired or lost: what is left comes from the stored file
                    }
                    return;
                }
                for (ByteRecord record : records) {
                    lastId = record.getId().getValue();
                    Map<byte[], byte[]> fields = record.getValue();
                    for (Map.Entry<byte[], byte[]> field : fields.entrySet()) {
                        if (Arrays.equals(field.getKey(), CHUNK)) {
                            buffered.add(field.getValue());
                        } else if (Arrays.equals(field.getKey(), END)) {
                            end = End.valueOf(new String(field.getValue(), StandardCharsets.UTF_8));
                        }
                    }
                    if (end != null) {
                        return; // nothing counts after the end
                    }
                }
            } catch (RuntimeException unreachable) {
                log.info("Relayed audio no longer readable: {}", unreachable.toString());
                end = End.OVERFLOWED;
            }
        }

        @Override
        public void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (RuntimeException ignored) {
                    // the connection is gone either way
                }
                connection = null;
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
