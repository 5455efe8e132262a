package io.voxify.infrastructure.ratelimit.memory;

import io.voxify.infrastructure.ratelimit.OpenRequestSlots;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Open requests counted in this process (the embedded profile: one node). A key with none open holds no memory. */
public class LocalOpenRequestSlots implements OpenRequestSlots {
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    @Override
    public Optional<Slot> tryOpen(String key, int cap) {
        boolean[] taken = new boolean[1];
        open.compute(key, (k, count) -> {
            int now = count == null ? 0 : count;
            if (now >= cap) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            return Optional.empty();
        }
        AtomicBoolean closed = new AtomicBoolean();
        return Optional.of(() -> {
            if (closed.compareAndSet(false, true)) {
                open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
            }
        });
    }

    @Override
    public int open(String key) {
        return open.getOrDefault(key, 0);
    }

    int keys() {
        return open.size();
    }
}
