package io.voxify.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.voice.SampleUploadTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One person's first requests (registration, profile, sign-in, a job with a callback, a sample), with values unique
 * to this run, so a match anywhere in a store can only be theirs. The privacy tests look for these values where
 * they must not be.
 */
public final class Person {
    public final String tag = UUID.randomUUID().toString().substring(0, 8);
    public final String email = "rest-" + tag + "@example.com";
    public final String firstName = "Zebulon" + tag;
    public final String lastName = "Quartermaine" + tag;
    public final String newLastName = "Featherstonehaugh" + tag;
    public final String text = "Please call Doctor Okonkwo " + tag + " about the results.";
    public final String callback = "https://hooks-" + tag + ".example.invalid/voxify";
    public final String sampleName = "Kitchen recording " + tag;
    public final String sampleFile = "grandmother-" + tag + ".wav";
    public final String transcript = "Hello, this is grandmother " + tag;

    public List<String> values() {
        return List.of(email, firstName, lastName, newLastName, text, callback, sampleName, sampleFile, transcript);
    }

    public ApiClient actIn(RunningApp app) {
        ApiClient anonymous = app.client();
        ApiClient.Response registered = anonymous.post(
                "/api/v1/auth/register",
                Map.of(
                        "email", email,
                        "password", ApiClient.PASSWORD,
                        "first_name", firstName,
                        "last_name", lastName));
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        ApiClient me = anonymous.login(email, ApiClient.PASSWORD);
        ApiClient.Response renamed = me.patch("/api/v1/auth/profile", Map.of("last_name", newLastName));
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        JsonNode job = me.createJob(Map.of("text_content", text, "callback_url", callback));
        // Completed, and its webhook (whose receiver does not resolve) between two tries: the webhook saga and its
        // retry deadline are stored, where the privacy tests look too.
        me.awaitJob(
                job.get("id").asText(),
                j -> j.get("status").asText().equals("completed")
                        && j.path("webhook").path("attempts").asInt() >= 1
                        && j.path("webhook").path("next_attempt_at").isTextual(),
                Duration.ofSeconds(90));
        ApiClient.Response sample = me.multipart(
                "/api/v1/voice/samples",
                Map.of("name", sampleName, "transcript", transcript),
                sampleFile,
                SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0880.wav"));
        assertThat(sample.status()).as(sample.text()).isEqualTo(201);
        return me;
    }

    public void readsBackPlainThrough(ApiClient me) {
        JsonNode profile = me.get("/api/v1/auth/profile").data();
        assertThat(profile.get("email").asText()).isEqualTo(email);
        assertThat(profile.get("last_name").asText()).isEqualTo(newLastName);
        JsonNode jobs = me.get("/api/v1/job").data();
        assertThat(jobs.toString()).contains(callback);
    }
}
