package io.voxify.gateway.limits;

import io.voxify.gateway.admin.PlatformDefaults;
import io.voxify.gateway.admin.PlatformSettings;
import io.voxify.infrastructure.queue.WorkShare;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The administrators' {@code max_work_in_flight_per_user} as the work queues' share. Work queues ask for it
 * while holding their own locks (and, on the broker's dispatch, a database transaction), so it must never do
 * I/O on the caller's thread: the setting is re-read from {@link PlatformSettings} in the background every
 * second and answered from memory.
 */
@Component
public class SettingsWorkShare implements WorkShare {
    private static final Logger log = LoggerFactory.getLogger(SettingsWorkShare.class);

    private final PlatformSettings settings;
    private final ScheduledExecutorService refresher;
    private volatile int share;

    public SettingsWorkShare(PlatformSettings settings, PlatformDefaults defaults) {
        this.settings = settings;
        this.share = defaults.config().maxWorkInFlightPerUser();
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "work-share-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, 1, TimeUnit.SECONDS);
    }

    private void refresh() {
        try {
            share = settings.config().maxWorkInFlightPerUser();
        } catch (RuntimeException notReadable) {
            log.debug("Work share not refreshed now: {}", notReadable.toString());
        }
    }

    @Override
    public int maxRunningPerUser() {
        return share;
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
