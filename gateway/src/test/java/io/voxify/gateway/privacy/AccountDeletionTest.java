package io.voxify.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.Person;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.support.StoredData;
import io.voxify.infrastructure.storage.BlobStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deleting an account, as its owner and as an administrator, on a running application: the person's data is
 * gone from the read models, the blob store and the vector index, their events still replay for the auditors
 * with every personal field erased (in projections rebuilt by replay too), their e-mail can register again, and
 * another person's data is untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountDeletionTest {
    private static final Duration SOON = Duration.ofSeconds(60);

    private final RunningApp app = RunningApp.shared();
    private ApiClient admin;
    private Person alice;
    private Person bob;
    private ApiClient aliceClient;
    private ApiClient bobClient;
    private String aliceId;
    private String aliceJob;
    private String aliceSample;
    private String bobJob;
    private List<String> aliceBlobs;

    @BeforeAll
    void twoPeopleWithJobsSamplesFavouritesAndRatings() {
        admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        alice = new Person();
        bob = new Person();
        aliceClient = alice.actIn(app);
        bobClient = bob.actIn(app);
        aliceId = aliceClient.userId();
        aliceJob = aliceClient.get("/api/v1/job").data().get(0).get("id").asText();
        bobJob = bobClient.get("/api/v1/job").data().get(0).get("id").asText();
        aliceSample =
                aliceClient.get("/api/v1/voice/samples").data().get(0).get("id").asText();
        assertThat(aliceClient
                        .post("/api/v1/voice/models/default_voice_001/favorite", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(aliceClient
                        .put("/api/v1/voice/models/default_voice_001/rating", Map.of("rating", 5))
                        .status())
                .isEqualTo(200);
        JdbcTemplate rows = new JdbcTemplate(app.bean(DataSource.class));
        String audio =
                rows.queryForObject("SELECT blob_key FROM audio_file_view WHERE job_id = ?", String.class, aliceJob);
        String sampleAudio = rows.queryForObject(
                "SELECT audio_json FROM sample_view WHERE sample_id = ?", String.class, aliceSample);
        try {
            aliceBlobs = List.of(
                    audio, ApiClient.JSON.readTree(sampleAudio).get("blobKey").asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(aliceBlobs)
                .hasSize(2)
                .allSatisfy(key -> assertThat(blobs().exists(key)).isTrue());
    }

    private BlobStore blobs() {
        return app.bean(BlobStore.class);
    }

    @Test
    @Order(1)
    void aWrongPasswordDeletesNothing() {
        ApiClient.Response refused = aliceClient.delete("/api/v1/auth/account", Map.of("password", "not-it-1A!"));
        assertThat(refused.status()).as(refused.text()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("INVALID_CREDENTIALS");
        ApiClient.Response noPassword = aliceClient.delete("/api/v1/auth/account", Map.of());
        assertThat(noPassword.status()).as(noPassword.text()).isEqualTo(400);
        assertThat(aliceClient.get("/api/v1/auth/profile").status()).isEqualTo(200);
        assertThat(aliceClient.get("/api/v1/job/" + aliceJob).status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void theOwnerDeletesTheirAccountAndEverythingOfTheirsGoes() {
        ApiClient.Response deleted = aliceClient.delete("/api/v1/auth/account", Map.of("password", ApiClient.PASSWORD));
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        JsonNode answer = deleted.data();
        assertThat(answer.get("user_id").asText()).isEqualTo(aliceId);
        assertThat(answer.get("deleted").asBoolean()).isTrue();
        assertThat(answer.get("erased_keys").asInt())
                .as("her own key, her job's and her sample's at least")
                .isGreaterThanOrEqualTo(3);

        assertThat(aliceClient.get("/api/v1/auth/profile").status())
                .as("her sessions ended")
                .isEqualTo(401);
        ApiClient.Response login =
                app.client().post("/api/v1/auth/login", Map.of("email", alice.email, "password", ApiClient.PASSWORD));
        assertThat(login.status()).isEqualTo(401);

        assertThat(userRows(aliceId)).as("her account's row").isZero();
        awaitGone("/api/v1/job/" + aliceJob);
        awaitGone("/api/v1/voice/samples/" + aliceSample);
        long end = System.nanoTime() + SOON.toNanos();
        while (aliceBlobs.stream().anyMatch(key -> blobs().exists(key)) && System.nanoTime() < end) {
            ApiClient.sleep(100);
        }
        assertThat(aliceBlobs)
                .as("her audio and her sample")
                .allSatisfy(key -> assertThat(blobs().exists(key)).isFalse());
    }

    private long userRows(String userId) {
        return new JdbcTemplate(app.bean(DataSource.class))
                .queryForObject("SELECT count(*) FROM user_view WHERE user_id = ?", Long.class, userId);
    }

    private void awaitGone(String path) {
        long end = System.nanoTime() + SOON.toNanos();
        int status = 0;
        while (System.nanoTime() < end) {
            status = admin.get(path).status();
            if (status == 404) {
                return;
            }
            ApiClient.sleep(100);
        }
        throw new AssertionError(path + " still answers " + status);
    }

    @Test
    @Order(3)
    void herEventsStillTellTheFactsWithEveryPersonalFieldErased() {
        JsonNode history =
                admin.get("/api/v1/audit/jobs/" + aliceJob + "/events").data();
        List<String> types = new ArrayList<>();
        history.forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).startsWith("JobCreatedEvent").contains("JobCompletedEvent", "JobDeletedEvent");
        JsonNode created = history.get(0);
        assertThat(created.get("payload").get("text").asText()).isEqualTo("[erased]");
        assertThat(created.get("payload").get("callback_url").asText()).isEqualTo("[erased]");
        assertThat(created.get("payload").get("voice_model_id").asText()).isNotBlank();
        assertThat(created.get("erased").asBoolean()).isTrue();
        assertThat(history.toString()).doesNotContain(alice.text, alice.callback);

        assertThat(StoredData.inClear(app.bean(DataSource.class), alice.values()))
                .isEmpty();
        assertThat(StoredData.inAnyTable(app.bean(DataSource.class), alice.values()))
                .as("no table holds one of her values in clear: read models, tokens, sagas, the event store")
                .isEmpty();
        JsonNode bobsHistory =
                admin.get("/api/v1/audit/jobs/" + bobJob + "/events").data();
        assertThat(bobsHistory.get(0).get("payload").get("text").asText())
                .as("another person's data is untouched")
                .isEqualTo(bob.text);
        assertThat(bobsHistory.get(0).get("erased").asBoolean()).isFalse();
        assertThat(bobClient
                        .get("/api/v1/job/" + bobJob)
                        .data()
                        .get("text_content")
                        .asText())
                .isEqualTo(bob.text);
    }

    @Test
    @Order(4)
    void aReplayRebuildsTheReadModelsWithoutHerAndWithBobIntact() {
        for (String projection : List.of("users", "jobs")) {
            ApiClient.Response started = admin.post("/api/v1/admin/projections/" + projection + "/replay", Map.of());
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            long end = System.nanoTime() + SOON.toNanos();
            while (System.nanoTime() < end) {
                JsonNode p =
                        admin.get("/api/v1/admin/projections/" + projection).data();
                if (p.get("status").asText().equals("running") && p.get("lag").asLong() == 0) {
                    break;
                }
                ApiClient.sleep(50);
            }
        }
        assertThat(userRows(aliceId)).isZero();
        assertThat(admin.get("/api/v1/job/" + aliceJob).status()).isEqualTo(404);
        assertThat(bobClient.get("/api/v1/auth/profile").data().get("email").asText())
                .isEqualTo(bob.email);
        assertThat(bobClient
                        .get("/api/v1/job/" + bobJob)
                        .data()
                        .get("text_content")
                        .asText())
                .isEqualTo(bob.text);
    }

    @Test
    @Order(5)
    void herEmailCanRegisterAgainAsANewPerson() {
        ApiClient.Response again = app.client()
                .post(
                        "/api/v1/auth/register",
                        Map.of("email", alice.email, "password", ApiClient.PASSWORD, "first_name", "New"));
        assertThat(again.status()).as(again.text()).isEqualTo(201);
        ApiClient fresh = app.client().login(alice.email, ApiClient.PASSWORD);
        assertThat(fresh.userId()).isNotEqualTo(aliceId);
        assertThat(fresh.get("/api/v1/job").data()).isEmpty();
    }

    @Test
    @Order(6)
    void anAdministratorDeletesAnyAccountButTheirOwn() {
        String adminId = admin.userId();
        ApiClient.Response self = admin.delete("/api/v1/admin/users/" + adminId);
        assertThat(self.status()).as(self.text()).isEqualTo(409);
        ApiClient.Response unknown = admin.delete("/api/v1/admin/users/user_" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        ApiClient.Response notAdmin = bobClient.delete("/api/v1/admin/users/" + adminId);
        assertThat(notAdmin.status()).isIn(403, 404);

        String bobId = bobClient.userId();
        ApiClient.Response deleted = admin.delete("/api/v1/admin/users/" + bobId);
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(admin.get("/api/v1/admin/users?search=" + bob.email).text())
                .as("the users list read right after the answer no longer holds him")
                .doesNotContain(bobId);
        assertThat(bobClient.get("/api/v1/auth/profile").status()).isEqualTo(401);
        awaitGone("/api/v1/job/" + bobJob);
        assertThat(StoredData.inClear(app.bean(DataSource.class), bob.values())).isEmpty();
    }
}
