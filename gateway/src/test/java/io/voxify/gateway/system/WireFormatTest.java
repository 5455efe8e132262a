package io.voxify.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The wire format as the API document writes it: progress lines {@code data: {json}} with one space (a
 * client that strips the fixed prefix {@code "data: "} reads every event), and every time in one shape,
 * ISO-8601 UTC with milliseconds ({@code 2024-01-15T10:30:00.000Z}), whether or not the milliseconds are zero.
 */
class WireFormatTest {
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final Pattern LOOKS_LIKE_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d.*");

    @Test
    void progressLinesAreDataColonSpaceJsonAsTheDocumentShows() throws Exception {
        RunningApp app = RunningApp.shared();
        ApiClient user = app.client().newUser();
        String jobId = user.createJob(Map.of("text_content", "Hello world. This is a test of the stream."))
                .get("id")
                .asText();
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/job/" + jobId + "/progress"))
                .header("Authorization", "Bearer " + user.token())
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            assertThat(line).as("every field has one space after its colon").matches("(data|id): \\S.*|: heartbeat");
            if (line.startsWith("data")) {
                events.add(ApiClient.JSON.readTree(line.substring("data: ".length())));
            }
        }
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1).get("event").asText()).isEqualTo("complete");
    }

    @Test
    void everyTimeHasMillisecondsEvenWhenTheyAreZero() {
        ApiClient user = RunningApp.shared().client().newUser();
        String jobId = user.createJob(Map.of("text_content", "Times in one shape."))
                .get("id")
                .asText();
        JsonNode job = user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60));
        List<String> times = new ArrayList<>();
        collectTimes(user.get("/api/v1/job/" + jobId).json(), times);
        collectTimes(user.get("/api/v1/audit/jobs/" + jobId + "/events").json(), times);
        collectTimes(user.get("/api/v1/auth/profile").json(), times);
        assertThat(times).as("times found").hasSizeGreaterThan(5);
        assertThat(times).allSatisfy(t -> assertThat(t).matches(TIMESTAMP));
        assertThat(job.get("created_at").asText()).matches(TIMESTAMP);
    }

    private static void collectTimes(JsonNode node, List<String> into) {
        if (node.isTextual() && LOOKS_LIKE_TIME.matcher(node.asText()).matches()) {
            into.add(node.asText());
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            collectTimes(it.next(), into);
        }
    }
}
