package io.voxify.gateway.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.voxify.events.job.CountJobsByStatusQuery;
import io.voxify.events.job.JobStatus;
import io.voxify.events.job.JobStatusCounts;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gauges of the jobs in each status ({@code voxify_jobs{status="completed"}}), read from the job
 * read model. One grouped query answers every status, and its answer is kept for a few seconds:
 * a scrape reads all the gauges at once, and several scrapers (or an impatient one) cost the
 * single SQLite connection one query per period at most. When the read model cannot be asked,
 * the gauges read NaN until the next period rather than repeat a stale count.
 */
@Component
public class JobStatusMetrics implements MeterBinder {
    public static final String JOBS = "voxify.jobs";
    static final Duration FRESH_FOR = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(JobStatusMetrics.class);

    private final QueryGateway queries;
    private JobStatusCounts counts;
    private long fetchedAt;
    private boolean fetched;

    public JobStatusMetrics(QueryGateway queries) {
        this.queries = queries;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder(JOBS, this, metrics -> metrics.count(status))
                    .tag("status", status.wireName())
                    .description("Jobs in the read model, by status")
                    .register(registry);
        }
    }

    synchronized double count(JobStatus status) {
        long now = System.nanoTime();
        if (!fetched || now - fetchedAt > FRESH_FOR.toNanos()) {
            counts = fetch();
            fetchedAt = now;
            fetched = true;
        }
        return counts == null ? Double.NaN : counts.of(status);
    }

    private JobStatusCounts fetch() {
        try {
            return queries.query(new CountJobsByStatusQuery(), JobStatusCounts.class)
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Jobs by status could not be counted: {}", e.toString());
            return null;
        }
    }
}
