package io.voxify.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The envelope's keys in the order clients have always read them, as text on the wire. WireShapeTest's golden
 * file sorts its paths, so it sees which keys there are but not their order; clients that compare answers as
 * text (or print them) see the order too.
 */
class EnvelopeKeyOrderTest {
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private static final List<String> PAGINATION = List.of(
            "total_count", "limit", "offset", "has_more", "page", "page_size", "total_pages", "has_next", "has_prev");

    private final RunningApp app = RunningApp.shared();

    @Test
    void aSuccessHasDataThenItsMessageThenTheTime() {
        ApiClient user = app.client().newUser();
        ApiClient.Response profile = user.get("/api/v1/auth/profile");
        assertThat(keys(profile.json())).as(profile.text()).containsExactly("success", "data", "timestamp");
        assertThat(profile.json().get("timestamp").asText()).matches(TIMESTAMP);

        ApiClient.Response loggedOut = user.post("/api/v1/auth/logout", Map.of());
        assertThat(loggedOut.status()).as(loggedOut.text()).isEqualTo(200);
        assertThat(loggedOut.text())
                .as("data is written as null, not left out")
                .startsWith("{\"success\":true,\"data\":null,\"message\":\"Logged out\",\"timestamp\":\"");
    }

    @Test
    void aListHasItsPaginationInMetaBeforeTheTime() {
        ApiClient user = app.client().newUser();
        ApiClient.Response jobs = user.get("/api/v1/job?page=2&page_size=3");
        assertThat(jobs.status()).as(jobs.text()).isEqualTo(200);
        assertThat(keys(jobs.json())).containsExactly("success", "data", "meta", "timestamp");
        assertThat(keys(jobs.json().get("meta"))).containsExactly("pagination");
        assertThat(keys(jobs.json().at("/meta/pagination"))).containsExactlyElementsOf(PAGINATION);
        assertThat(jobs.json().at("/meta/pagination/offset").asInt()).isEqualTo(3);
        assertThat(jobs.json().at("/meta/pagination/has_prev").asBoolean()).isTrue();
    }

    @Test
    void aCachedLibraryPageReadsAsTheTextItWasBuiltAs() {
        ApiClient user = app.client().newUser();
        String page = "/api/v1/voice/models?limit=4&language=en&sort_by=name";
        ApiClient.Response built = user.get(page);
        ApiClient.Response cached = user.get(page);
        assertThat(built.header("X-Cache")).isEqualTo("MISS");
        assertThat(cached.header("X-Cache")).isEqualTo("HIT");
        assertThat(keys(built.json())).containsExactly("success", "data", "meta", "timestamp");
        assertThat(keys(built.json().get("meta"))).containsExactly("pagination", "filters");
        assertThat(keys(built.json().at("/meta/pagination"))).containsExactlyElementsOf(PAGINATION);
        assertThat(withoutTime(cached.text())).isEqualTo(withoutTime(built.text()));
    }

    @Test
    void aRefusalHasNullDataTheMessageAndTheErrorWithItsDetails() {
        ApiClient user = app.client().newUser();
        ApiClient.Response missing = user.get("/api/v1/job/job_does_not_exist");
        assertThat(missing.status()).as(missing.text()).isEqualTo(404);
        assertThat(keys(missing.json())).containsExactly("success", "data", "message", "error", "timestamp");
        assertThat(missing.text()).startsWith("{\"success\":false,\"data\":null,\"message\":");
        assertThat(keys(missing.json().get("error"))).containsExactly("code", "message", "details");
        assertThat(missing.json().at("/error/details").isNull()).isTrue();

        ApiClient.Response invalid = user.get("/api/v1/job?limit=0");
        assertThat(invalid.status()).as(invalid.text()).isEqualTo(400);
        assertThat(invalid.json().at("/error/details/limit").isTextual())
                .as(invalid.text())
                .isTrue();
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String withoutTime(String body) {
        return body.replaceFirst("\"timestamp\":\"" + TIMESTAMP + "\"", "\"timestamp\":\"\"");
    }
}
