package io.voxify.gateway.bench;

import static io.voxify.gateway.bench.BenchReport.fixed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.AppProcess;
import io.voxify.gateway.support.ScaleOutCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Jobs per second through one API node with one worker node, then with two: section
 * {@code 70-scale-out} of BENCHMARKS.md ({@code make bench BENCH=ScaleOutBenchmark}).
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
            String load = BenchReport.machineLoad();
            BenchReport.section("70-scale-out", report(one, two, oneSplit, twoSplit, load));
            assertThat(twoSplit).as("both workers took part").hasSize(2);
        }
    }

    private static String report(
            Run one, Run two, Map<String, Integer> oneSplit, Map<String, Integer> twoSplit, String load) {
        List<List<?>> rows = List.of(
                List.of(
                        "one worker node",
                        fixed(one.jobsPerSecond(), 2),
                        fixed(one.seconds(), 1),
                        fixed(one.meanWorkerSeconds(), 3),
                        split(oneSplit),
                        "1.00"),
                List.of(
                        "two worker nodes",
                        fixed(two.jobsPerSecond(), 2),
                        fixed(two.seconds(), 1),
                        fixed(two.meanWorkerSeconds(), 3),
                        split(twoSplit),
                        fixed(two.jobsPerSecond() / one.jobsPerSecond(), 2)));
        double busy = JOBS * one.meanWorkerSeconds();
        return """
                ## Scale-out: jobs per second, one worker vs two

                **What runs.** `ScaleOutBenchmark`: the infra profile on loopback, each node a JVM of its own
                (`AppProcess`, default JVM flags plus `-Xss16m -Xmx768m`): one API node (`voxify.role=api`) and
                one worker node (`voxify.role=worker`, `voxify.synthesis.worker-threads=1`), sharing a fresh
                PostgreSQL database, an s3proxy bucket, Chroma, and a Redis and a RabbitMQ node started for the run
                (`ScaleOutCluster`). One user sends %d warm-up jobs, then %d jobs (one or two short sentences each,
                the default Flite voice, WAV) through `POST /api/v1/job`, as fast as the API accepts them, and
                waits until all are `completed`. Then a second worker node joins, and the same is done again. The
                API node is the first node started, so it runs the event processors (saga, projections) in both
                runs; only the worker count changes.

                **What is measured.** jobs/s = %d / (last `completed_at` − first `created_at` of the %d jobs, as
                the job views record them). "Per job on its worker" is the mean of `completed_at − started_at`:
                the worker claiming the attempt, synthesising, reporting progress, storing the audio in S3 and
                recording the result, each a command through PostgreSQL. The split shows how many of the jobs each
                worker ran (from each job's `JobStartedEvent`). The baseline is the one-worker run of the same
                benchmark, just before.

                **Command:** `make bench BENCH=ScaleOutBenchmark` (needs PostgreSQL on 127.0.0.1:5432 and the
                redis-server and rabbitmq-server packages; more jobs per run: `-Dvoxify.bench.jobs=100` on the
                Maven command line). Machine: %s at the end of the run. Every process competes for the same cores:
                the API node, both worker JVMs, PostgreSQL, Redis, RabbitMQ, s3proxy and the test itself.

                %s
                **Reading.** With one worker node, %d jobs × %s s each on the worker = %s s of the %s s run: the
                run is worker-bound when these are close. A job's time on a worker is mostly waiting (on
                PostgreSQL for each command, on S3 and the broker), not synthesis, so a second worker can overlap
                it: the time per job on a worker went from %s s to %s s with two, and throughput changed %s×. Per
                job time rising with two workers means the two worker JVMs, the API node's processors and
                PostgreSQL competed for the cores; beyond that the answer is more cores (or machines), not more
                worker JVMs on the same ones.

                **Target check.** Issue 7 sets no target for scale-out; the check is that both workers took part
                (the split above).
                """.formatted(
                WARM_UP,
                JOBS,
                JOBS,
                JOBS,
                load,
                BenchReport.table(
                        List.of("run", "jobs/s", "run s", "per job on its worker s", "split", "ratio to one"), rows),
                JOBS,
                fixed(one.meanWorkerSeconds(), 3),
                fixed(busy, 1),
                fixed(one.seconds(), 1),
                fixed(one.meanWorkerSeconds(), 3),
                fixed(two.meanWorkerSeconds(), 3),
                fixed(two.jobsPerSecond() / one.jobsPerSecond(), 2));
    }

    private static String split(Map<String, Integer> counts) {
        return counts.values().stream().map(String::valueOf).collect(Collectors.joining(" / "));
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
            ids.add(user.createJob(Map.of(
                            "text_content",
                            "Short job number " + (i + 1) + " of the scale-out benchmark. Hello from a worker node."))
                    .get("id")
                    .asText());
        }
        Instant first = null;
        Instant last = null;
        long workerMillis = 0;
        for (String id : ids) {
            JsonNode job = user.awaitJob(
                    id,
                    j -> !Map.of("pending", 1, "processing", 1)
                            .containsKey(j.get("status").asText()),
                    Duration.ofMinutes(5));
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
            Instant created = Instant.parse(job.get("created_at").asText());
            Instant completed = Instant.parse(job.get("completed_at").asText());
            workerMillis += Duration.between(Instant.parse(job.get("started_at").asText()), completed)
                    .toMillis();
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
