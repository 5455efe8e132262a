package io.voxify.gateway.privacy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voxify.events.common.DomainException;
import io.voxify.events.job.ExpirableJob;
import io.voxify.events.job.ExpireJobContentCommand;
import io.voxify.events.job.FindJobsToExpireQuery;
import io.voxify.events.privacy.KeyScope;
import io.voxify.gateway.admin.PlatformSettings;
import io.voxify.infrastructure.privacy.PersonalKeys;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Retention (platform setting {@code job_retention_days}): a finished job that ended more than that many days ago
 * loses its text and audio. For each such job, in the order they ended, the job's key is destroyed, which erases
 * its text, text hash, callback URL and word timings from every stored event at once, and then the job records
 * {@code JobContentExpiredEvent}, on which the job list shows the text erased and its audio is removed. The key
 * goes first: if the node stops between the two steps, the job still looks unexpired and the next sweep does
 * both again (each is safe to repeat), whereas the other order could leave an expired job whose key lives on.
 *
 * <p>0 (the default) keeps everything. It runs every {@code voxify.retention.interval} on nodes that serve the API,
 * at most {@code batch-size} jobs per sweep (the next sweep goes on); sweeps on several nodes at once are
 * harmless, since a job expires once and the second command is refused.
 */
@Component
@EnableConfigurationProperties(RetentionProperties.class)
@ConditionalOnExpression("'${voxify.role:all}' != 'worker'")
public class RetentionSweeper {
    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);
    private static final int PAGE = 100;

    private final PlatformSettings settings;
    private final QueryGateway queries;
    private final CommandGateway commands;
    private final PersonalKeys keys;
    private final RetentionProperties properties;
    private final Counter expiredJobs;
    private final Clock clock = Clock.systemUTC();
    private final ReentrantLock running = new ReentrantLock();
    private ScheduledExecutorService timer;

    /**
     * What one sweep did; {@code skippedBecause} is set when it did nothing. {@code expired} jobs lost their text
     * and audio; {@code alreadyGone} were expired or deleted meanwhile (their keys are destroyed all the same);
     * {@code failed} could not be expired now and are tried again by the next sweep.
     */
    public record Result(
            boolean swept,
            String skippedBecause,
            int retentionDays,
            Instant endedBefore,
            int expired,
            int alreadyGone,
            int failed) {
        static Result skipped(String because, int retentionDays) {
            return new Result(false, because, retentionDays, null, 0, 0, 0);
        }
    }

    public RetentionSweeper(
            PlatformSettings settings,
            QueryGateway queries,
            CommandGateway commands,
            PersonalKeys keys,
            RetentionProperties properties,
            MeterRegistry meters) {
        if (properties.batchSize() < 1) {
            throw new IllegalStateException("voxify.retention.batch-size must be at least 1");
        }
        this.settings = settings;
        this.queries = queries;
        this.commands = commands;
        this.keys = keys;
        this.properties = properties;
        this.expiredJobs = Counter.builder("voxify_retention_jobs_expired")
                .description("Jobs whose text and audio retention erased")
                .register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        if (!properties.enabled()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention-sweeper");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        sweep(clock.instant());
                    } catch (RuntimeException e) {
                        log.warn("Retention sweep failed", e);
                    }
                },
                properties.initialDelay().toMillis(),
                properties.interval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One sweep as if it were {@code now}; skipped while another runs on this node. */
    public Result sweep(Instant now) {
        int days = settings.fresh().config().jobRetentionDays();
        if (days <= 0) {
            return Result.skipped("job_retention_days is 0: jobs are kept for ever", days);
        }
        if (!running.tryLock()) {
            return Result.skipped("another retention sweep is running on this node", days);
        }
        try {
            Result result = sweep(now.minus(Duration.ofDays(days)), days);
            if (result.expired() + result.alreadyGone() + result.failed() > 0) {
                log.info("Retention sweep: {}", result);
            }
            return result;
        } finally {
            running.unlock();
        }
    }

    private Result sweep(Instant endedBefore, int days) {
        int expired = 0;
        int alreadyGone = 0;
        int failed = 0;
        ExpirableJob after = null;
        int left = properties.batchSize();
        while (left > 0) {
            int limit = Math.min(PAGE, left);
            List<ExpirableJob> page = queries.query(
                            new FindJobsToExpireQuery(endedBefore, after, limit),
                            ResponseTypes.multipleInstancesOf(ExpirableJob.class))
                    .join();
            for (ExpirableJob job : page) {
                switch (expire(job, days)) {
                    case EXPIRED -> expired++;
                    case ALREADY_GONE -> alreadyGone++;
                    case FAILED -> failed++;
                }
            }
            left -= page.size();
            if (page.size() < limit) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        return new Result(true, null, days, endedBefore, expired, alreadyGone, failed);
    }

    private enum Outcome {
        EXPIRED,
        ALREADY_GONE,
        FAILED
    }

    private Outcome expire(ExpirableJob job, int days) {
        try {
            keys.destroy(KeyScope.JOB.keyId(job.jobId()));
            commands.sendAndWait(new ExpireJobContentCommand(job.jobId(), days, job.textLength(), job.wordCount()));
            expiredJobs.increment();
            return Outcome.EXPIRED;
        } catch (DomainException | AggregateNotFoundException refused) {
            log.debug("Retention: job {} not expired ({})", job.jobId(), refused.getMessage());
            return Outcome.ALREADY_GONE;
        } catch (CommandExecutionException refused) {
            if (refused.getDetails().isPresent()) {
                log.debug("Retention: job {} not expired ({})", job.jobId(), refused.getMessage());
                return Outcome.ALREADY_GONE;
            }
            log.warn("Retention: could not expire job {}: {}", job.jobId(), refused.toString());
            return Outcome.FAILED;
        } catch (RuntimeException e) {
            log.warn("Retention: could not expire job {}: {}", job.jobId(), e.toString());
            return Outcome.FAILED;
        }
    }
}
