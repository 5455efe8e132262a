package io.voxify.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Jobs per second through one API node with one worker node, then with two (BENCHMARKS.md).
 * Not part of {@code make test}: its name does not match Surefire's test patterns. Run it with
 * {@code mvn -B -o test -pl gateway -am -Dtest=ScaleOutBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Each run is timed from the first job's creation to the last job's completion, as the job
 * views record them, after a warm-up batch on the same nodes.
 */
@Tag("bench")
class ScaleOutBenchmark {
    private static final int JOBS = Integer.getInteger("voxify.bench.jobs", 40);
    private static final int WARM_UP = 8;

    @Test
    void jobsPerSecondWithOneWorkerNodeAndWithTwo() {
        try (ScaleOutCluster cluster = ScaleOutCluster.start(List.of())) {
            AppProcess api = cluster.start("api-1", ScaleOutCluster.API);
            cluster.start("worker-1", ScaleOutCluster.WORKER);
            ApiClient user = api.client().newUser();

            run(user, WARM_UP);
            Run one = run(user, JOBS);
            cluster.start("worker-2", ScaleOutCluster.WORKER);
            run(user, WARM_UP);
            Run two = run(user, JOBS);

            Map<String, Integer> oneSplit = workersOf(user, one);
            Map<String, Integer> twoSplit = workersOf(user, two);
            System.out.printf("%nScale-out benchmark: %d jobs each run, %d cores, load average %.2f (other work"
                    + " on the machine competes too)%n", JOBS, Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf("one worker node:  %6.2f jobs/s (%.1f s; %.3f s per job on its worker) %s%n",
                    one.jobsPerSecond(), one.seconds(), one.meanWorkerSeconds(), oneSplit);
            System.out.printf("two worker nodes: %6.2f jobs/s (%.1f s; %.3f s per job on its worker) %s%n",
                    two.jobsPerSecond(), two.seconds(), two.meanWorkerSeconds(), twoSplit);
            System.out.printf("ratio two/one:    %6.2f%n%n", two.jobsPerSecond() / one.jobsPerSecond());
            assertThat(twoSplit).as("both workers took part").hasSize(2);
        }
    }

    /** The jobs, their first creation and last completion, and the mean time a job spent on its worker. */
    private record Run(List<String> jobIds, Instant first, Instant last, double meanWorkerSeconds) {
        double seconds() {
            return Duration.between(first, last).toMillis() / 1000.0;
        }

        double jobsPerSecond() {
            return jobIds.size() / seconds();
        }
    }

    private static Run run(ApiClient user, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(user.createJob(Map.of("text_content", "Short job number " + (i + 1)
                    + " of the scale-out benchmark. Hello from a worker node.")).get("id").asText());
        }
        Instant first = null;
        Instant last = null;
        long workerMillis = 0;
        for (String id : ids) {
            JsonNode job = user.awaitJob(id, j -> !Map.of("pending", 1, "processing", 1)
                    .containsKey(j.get("status").asText()), Duration.ofMinutes(5));
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
            Instant created = Instant.parse(job.get("created_at").asText());
            Instant completed = Instant.parse(job.get("completed_at").asText());
            workerMillis += Duration.between(Instant.parse(job.get("started_at").asText()), completed).toMillis();
            first = first == null || created.isBefore(first) ? created : first;
            last = last == null || completed.isAfter(last) ? completed : last;
        }
        return new Run(ids, first, last, workerMillis / 1000.0 / count);
    }

    /** How many of the run's jobs each worker ran (its JobStartedEvents' worker ids). */
    private static Map<String, Integer> workersOf(ApiClient user, Run run) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String id : run.jobIds()) {
            user.get("/api/v1/audit/jobs/" + id + "/events?limit=1000").data().forEach(e -> {
                if (e.get("type").asText().equals("JobStartedEvent")) {
                    counts.merge(e.get("payload").get("worker_id").asText(), 1, Integer::sum);
                }
            });
        }
        return counts;
    }
}
