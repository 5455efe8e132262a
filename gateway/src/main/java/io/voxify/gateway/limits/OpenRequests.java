package io.voxify.gateway.limits;

import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.admin.PlatformSettings;
import io.voxify.infrastructure.ratelimit.OpenRequestSlots;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.springframework.stereotype.Component;

/**
 * Per-user caps on long-lived requests, from the platform configuration: open audio streams, open progress
 * (SSE) streams, and synchronous speech requests waiting for their job. A request past its cap is refused at
 * once with {@code 429 TOO_MANY_OPEN_REQUESTS} naming the cap, before it starts any work; a slot is given
 * back when its request ends, however it ends.
 */
@Component
public class OpenRequests {

    public enum Kind {
        AUDIO_STREAM("max_audio_streams_per_user", "audio streams", PlatformConfig::maxAudioStreamsPerUser),
        EVENT_STREAM("max_event_streams_per_user", "progress streams", PlatformConfig::maxEventStreamsPerUser),
        SYNC_SPEECH("max_sync_speech_per_user", "speech requests", PlatformConfig::maxSyncSpeechPerUser);

        private final String setting;
        private final String what;
        private final ToIntFunction<PlatformConfig> cap;

        Kind(String setting, String what, ToIntFunction<PlatformConfig> cap) {
            this.setting = setting;
            this.what = what;
            this.cap = cap;
        }

        /** The admin setting that caps this kind. */
        public String setting() {
            return setting;
        }
    }

    private final OpenRequestSlots slots;
    private final PlatformSettings settings;

    public OpenRequests(OpenRequestSlots slots, PlatformSettings settings) {
        this.slots = slots;
        this.settings = settings;
    }

    /** A slot of this kind for the user, or a 429 naming the cap. */
    public OpenRequestSlots.Slot open(String userId, Kind kind) {
        int cap = Math.max(1, kind.cap.applyAsInt(settings.config()));
        Optional<OpenRequestSlots.Slot> slot;
        try {
            slot = slots.tryOpen(key(userId, kind), cap);
        } catch (RuntimeException unreachable) {
            throw new io.voxify.events.common.DomainException(
                    ErrorCode.SERVICE_UNAVAILABLE, "Open requests cannot be counted right now; try again shortly");
        }
        return slot.orElseThrow(() -> {
            return new LimitExceededException(
                    ErrorCode.TOO_MANY_OPEN_REQUESTS,
                    "You have " + cap + " " + kind.what + " open, the most allowed at once (" + kind.setting
                            + "); close one or wait for one to end",
                    new OpenRequestsDetails(kind.setting, cap),
                    Map.of("Retry-After", "1"));
        });
    }

    /** What the user has open of this kind now (across nodes, with the Redis adapter). */
    public int openOf(String userId, Kind kind) {
        return slots.open(key(userId, kind));
    }

    private static String key(String userId, Kind kind) {
        return kind.name().toLowerCase() + ":" + userId;
    }
}
