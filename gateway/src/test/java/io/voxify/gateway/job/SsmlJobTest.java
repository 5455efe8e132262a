package io.voxify.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jobs whose text is SSML: spoken with its marks timed, refused with line and column when invalid, audited. */
class SsmlJobTest {
    private static final Duration DONE = Duration.ofSeconds(60);
    private static final String DOCUMENT = """
            <speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis">
              <mark name="intro"/>Welcome to <sub alias="Voxify">VX</sub>.
              <break time="700ms"/>
              <prosody rate="slow" pitch="+2st">Your code is <say-as interpret-as="characters">AB7</say-as>.</prosody>
              <mark name="outro"/>Goodbye.
            </speak>""";
    private final RunningApp app = RunningApp.shared();

    private static Map<String, Object> ssmlJob(String text) {
        return Map.of(
                "text_content",
                text,
                "text_format",
                "ssml",
                "config",
                Map.of("include_timestamps", true, "timestamp_granularity", "word"));
    }

    @Test
    void anSsmlJobCompletesWithItsMarksInTheTimestamps() {
        ApiClient user = app.client().newUser();
        JsonNode created = user.createJob(ssmlJob(DOCUMENT));
        assertThat(created.get("text_format").asText()).isEqualTo("ssml");
        assertThat(created.get("text_content").asText()).isEqualTo(DOCUMENT);
        assertThat(created.get("word_count").asInt())
                .as("markup is not counted as words")
                .isEqualTo(8);
        JsonNode done = user.awaitJob(
                created.get("id").asText(), j -> j.get("status").asText().equals("completed"), DONE);
        double duration = done.get("duration").asDouble();
        List<JsonNode> marks = new ArrayList<>();
        List<String> words = new ArrayList<>();
        double last = 0;
        for (JsonNode t : done.get("timestamps")) {
            assertThat(t.get("start").asDouble()).isGreaterThanOrEqualTo(last - 1e-6);
            last = t.get("start").asDouble();
            if (t.get("type").asText().equals("mark")) {
                marks.add(t);
            } else {
                words.add(t.get("text").asText());
            }
        }
        assertThat(marks).extracting(m -> m.get("name").asText()).containsExactly("intro", "outro");
        assertThat(marks).allSatisfy(m -> {
            assertThat(m.get("time").asDouble())
                    .isBetween(0.0, duration)
                    .isEqualTo(m.get("start").asDouble());
            assertThat(m.get("text").asText()).isEqualTo(m.get("name").asText());
            assertThat(DOCUMENT.substring(m.get("char_start").asInt()))
                    .startsWith("<mark name=\"" + m.get("name").asText());
        });
        assertThat(marks.get(0).get("time").asDouble()).isZero();
        assertThat(marks.get(1).get("time").asDouble()).isGreaterThan(1.5);
        assertThat(words)
                .as("the alias stands for VX; the code is spelled")
                .containsSubsequence("Welcome", "to", "VX", "Your", "code", "is", "A", "B", "7", "Goodbye");
        assertThat(words).noneMatch(w -> w.contains("<") || w.contains("mark") || w.contains("prosody"));
    }

    @Test
    void malformedSsmlIs400NamingLineAndColumn() {
        ApiClient user = app.client().newUser();
        ApiClient.Response r = user.post("/api/v1/job", ssmlJob("<speak>\n  Hello <break time=\"1s\">\n</speak>"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("success").asBoolean(true)).isFalse();
        assertThat(r.errorCode()).isEqualTo("VALIDATION_ERROR");
        JsonNode details = r.json().path("error").path("details");
        assertThat(details.path("line").asInt()).isEqualTo(3);
        assertThat(details.path("column").asInt()).isEqualTo(3);
        assertThat(details.path("text_content").asText()).startsWith("line 3, column 3: malformed XML");
        assertThat(r.json().path("error").path("message").asText()).contains("line 3, column 3");
    }

    @Test
    void unknownTagsAndAttributesAre400NotSpoken() {
        ApiClient user = app.client().newUser();
        ApiClient.Response tag = user.post("/api/v1/job", ssmlJob("<speak>Hello\n<audio src=\"x.wav\"/></speak>"));
        assertThat(tag.status()).isEqualTo(400);
        assertThat(tag.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(tag.json().path("error").path("details").path("reason").asText())
                .contains("unknown element <audio>");
        assertThat(tag.json().path("error").path("details").path("line").asInt())
                .isEqualTo(2);
        assertThat(tag.json().path("error").path("details").path("column").asInt())
                .isEqualTo(1);

        ApiClient.Response attribute =
                user.post("/api/v1/job", ssmlJob("<speak><prosody rate=\"slow\" duration=\"3s\">Hi</prosody></speak>"));
        assertThat(attribute.status()).isEqualTo(400);
        assertThat(attribute.json().path("error").path("details").path("reason").asText())
                .contains("attribute duration is not allowed on <prosody>");

        ApiClient.Response range = user.post("/api/v1/job", ssmlJob("<speak>Hi <break time=\"30s\"/></speak>"));
        assertThat(range.status()).isEqualTo(400);
        assertThat(range.json().path("error").path("details").path("reason").asText())
                .contains("at most 10s");

        ApiClient.Response doctype =
                user.post("/api/v1/job", ssmlJob("<!DOCTYPE speak [<!ENTITY x \"boom\">]><speak>&x;</speak>"));
        assertThat(doctype.status()).isEqualTo(400);
        assertThat(doctype.json().path("error").path("details").path("reason").asText())
                .contains("DOCTYPE");
    }

    @Test
    void onlyPlainAndSsmlAreTextFormats() {
        ApiClient user = app.client().newUser();
        ApiClient.Response html = user.post("/api/v1/job", Map.of("text_content", "<p>Hi</p>", "text_format", "html"));
        assertThat(html.status()).isEqualTo(400);
        assertThat(html.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(html.json().path("error").path("details").path("text_format").asText())
                .contains("plain", "ssml");
        JsonNode plain = user.createJob(Map.of("text_content", "<speak>Hi</speak>"));
        assertThat(plain.get("text_format").asText())
                .as("the default is plain: markup is just text")
                .isEqualTo("plain");
    }

    @Test
    void anUpdateIsCheckedAgainstTheJobsFormat() {
        ApiClient user = app.client().newUser();
        // The text is checked before the job's status, so these are refused whether or not it has started.
        JsonNode created = user.createJob(ssmlJob("<speak>One moment.</speak>"));
        String id = created.get("id").asText();
        ApiClient.Response bad = user.put("/api/v1/job/" + id, Map.of("text_content", "<speak>Oops <b>x</b></speak>"));
        assertThat(bad.status()).isEqualTo(400);
        ApiClient.Response switched = user.put("/api/v1/job/" + id, Map.of("text_format", "plain"));
        assertThat(switched.status()).isEqualTo(400);
        assertThat(switched.json()
                        .path("error")
                        .path("details")
                        .path("text_format")
                        .asText())
                .contains("cannot be changed");
    }

    @Test
    void theAuditTrailShowsTheJobWasSsml() {
        ApiClient user = app.client().newUser();
        String id = user.createJob(ssmlJob("<speak>Audited <break time=\"200ms\"/> speech.</speak>"))
                .get("id")
                .asText();
        user.awaitJob(id, j -> j.get("status").asText().equals("completed"), DONE);
        ApiClient.Response r = user.get("/api/v1/audit/jobs/" + id + "/events");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode first = r.data().get(0);
        assertThat(first.get("type").asText()).isEqualTo("JobCreatedEvent");
        assertThat(first.get("payload").get("text_format").asText()).isEqualTo("ssml");
        assertThat(first.get("payload").get("text").asText()).startsWith("<speak>");
        JsonNode last = r.data().get(r.data().size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("JobCompletedEvent");
    }
}
