package io.voxify.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.AdminFixtures;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Administrators find accounts by e-mail and see what each holds, a page at a time. */
class AdminUsersListTest {
    private final RunningApp app = RunningApp.shared();

    @Test
    void onlyAdministratorsListUsers() {
        ApiClient user = app.client().newUser();
        assertThat(user.get("/api/v1/admin/users").status()).isEqualTo(403);
        assertThat(user.get("/api/v1/admin/users?search=example").status()).isEqualTo(403);
    }

    @Test
    void searchFindsTheAccountWithItsCountsAndProfile() {
        ApiClient admin = admin();
        String marker = "roster" + UUID.randomUUID().toString().replace("-", "");
        ApiClient user = register(marker + "-busy@example.com");
        AdminFixtures.jobMix(user, admin);
        byte[] wav = SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0880.wav");
        assertThat(user.multipart("/api/v1/voice/samples", Map.of("name", "Mine"), "mine.wav", wav)
                        .status())
                .isEqualTo(201);

        ApiClient.Response found = admin.get("/api/v1/admin/users?search=" + marker.toUpperCase());
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        assertThat(found.data().size()).isEqualTo(1);
        assertThat(found.json().at("/meta/pagination/total_count").asLong()).isEqualTo(1);
        JsonNode listed = found.data().get(0);
        JsonNode profile = user.get("/api/v1/auth/profile").data();
        for (Iterator<String> fields = profile.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            assertThat(listed.get(field)).as(field).isEqualTo(profile.get(field));
        }
        assertThat(listed.get("job_count").asLong()).isEqualTo(3);
        assertThat(listed.at("/jobs_by_status/completed").asLong()).isEqualTo(1);
        assertThat(listed.at("/jobs_by_status/cancelled").asLong()).isEqualTo(1);
        assertThat(listed.at("/jobs_by_status/failed").asLong()).isEqualTo(1);
        assertThat(listed.at("/jobs_by_status/pending").asLong()).isZero();
        assertThat(listed.get("sample_count").asLong()).isEqualTo(1);
        assertThat(listed.get("clone_count").asLong()).isZero();
        JsonNode active = AdminFixtures.eventually(
                () -> admin.get("/api/v1/admin/users?search=" + marker).data().get(0),
                u -> instant(u, "last_active_at").isAfter(instant(u, "last_login_at")),
                AdminFixtures.DONE);
        assertThat(instant(active, "last_active_at"))
                .as("creating jobs is activity after the sign-in")
                .isAfter(instant(active, "last_login_at"));

        assertThat(admin.get("/api/v1/admin/users?search=" + marker.substring(0, 6) + "_" + marker.substring(7))
                        .data()
                        .size())
                .as("an underscore is a character, not a wildcard")
                .isZero();
        assertThat(admin.get("/api/v1/admin/users?search=%25" + marker).data().size())
                .as("a percent sign is a character, not a wildcard")
                .isZero();
    }

    @Test
    void pagesSortAndFilter() {
        ApiClient admin = admin();
        String marker = "pages" + UUID.randomUUID().toString().replace("-", "");
        ApiClient a = register(marker + "-a@example.com");
        ApiClient b = register(marker + "-b@example.com");
        ApiClient c = register(marker + "-c@example.com");
        for (int i = 0; i < 2; i++) {
            String id = b.createJob(Map.of("text_content", "Job number " + i + "."))
                    .get("id")
                    .asText();
            b.awaitJob(id, j -> j.get("status").asText().equals("completed"), AdminFixtures.DONE);
        }
        String id = c.createJob(Map.of("text_content", "Only job.")).get("id").asText();
        c.awaitJob(id, j -> j.get("status").asText().equals("completed"), AdminFixtures.DONE);
        String base = "/api/v1/admin/users?search=" + marker;

        assertThat(emails(admin.get(base + "&sort_by=email&sort_order=asc")))
                .containsExactly(marker + "-a@example.com", marker + "-b@example.com", marker + "-c@example.com");
        assertThat(emails(admin.get(base + "&sort_by=job_count&sort_order=desc")))
                .containsExactly(marker + "-b@example.com", marker + "-c@example.com", marker + "-a@example.com");
        assertThat(emails(admin.get(base + "&sort_by=job_count&sort_order=asc")))
                .containsExactly(marker + "-a@example.com", marker + "-c@example.com", marker + "-b@example.com");

        ApiClient.Response first = admin.get(base + "&sort_by=email&sort_order=asc&limit=2");
        JsonNode pagination = first.json().at("/meta/pagination");
        assertThat(emails(first)).containsExactly(marker + "-a@example.com", marker + "-b@example.com");
        assertThat(pagination.get("total_count").asLong()).isEqualTo(3);
        assertThat(pagination.get("has_more").asBoolean()).isTrue();
        assertThat(pagination.get("total_pages").asLong()).isEqualTo(2);
        ApiClient.Response second = admin.get(base + "&sort_by=email&sort_order=asc&page=2&page_size=2");
        assertThat(emails(second)).containsExactly(marker + "-c@example.com");
        assertThat(second.json().at("/meta/pagination/has_prev").asBoolean()).isTrue();
        assertThat(second.json().at("/meta/pagination/has_next").asBoolean()).isFalse();
        assertThat(second.json().at("/meta/pagination/total_count").asLong()).isEqualTo(3);

        assertThat(admin.patch("/api/v1/admin/users/" + a.userId(), Map.of("is_active", false))
                        .status())
                .isEqualTo(200);
        assertThat(emails(admin.get(base + "&is_active=false"))).containsExactly(marker + "-a@example.com");
        assertThat(emails(admin.get(base + "&is_active=true&sort_by=email&sort_order=asc")))
                .containsExactly(marker + "-b@example.com", marker + "-c@example.com");
        assertThat(emails(admin.get(base + "&role=admin"))).isEmpty();
        assertThat(emails(admin.get(base + "&role=user"))).hasSize(3);
        assertThat(admin.get("/api/v1/admin/users?role=admin&search=" + RunningApp.ADMIN_EMAIL)
                        .data()
                        .get(0)
                        .get("email")
                        .asText())
                .isEqualTo(RunningApp.ADMIN_EMAIL);
    }

    @Test
    void badParametersAreNamed() {
        ApiClient admin = admin();
        Map<String, String> bad = Map.of(
                "sort_by=password_hash",
                "sort_by",
                "sort_by=",
                "sort_by",
                "sort_order=sideways",
                "sort_order",
                "is_active=maybe",
                "is_active",
                "role=emperor",
                "role",
                "limit=0",
                "limit",
                "page_size=101",
                "page_size",
                "offset=-1",
                "offset",
                "search=" + "x".repeat(321),
                "search");
        bad.forEach((query, field) -> {
            ApiClient.Response r = admin.get("/api/v1/admin/users?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.errorCode()).as(query).isEqualTo("VALIDATION_ERROR");
            assertThat(r.json().at("/error/details").has(field))
                    .as(query + ": " + r.text())
                    .isTrue();
        });
    }

    private ApiClient admin() {
        return app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
    }

    private ApiClient register(String email) {
        ApiClient anonymous = app.client();
        ApiClient.Response registered =
                anonymous.post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD));
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        return anonymous.login(email, ApiClient.PASSWORD);
    }

    private static Instant instant(JsonNode user, String field) {
        return user.get(field).isNull()
                ? Instant.EPOCH
                : Instant.parse(user.get(field).asText());
    }

    private static List<String> emails(ApiClient.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<String> emails = new ArrayList<>();
        r.data().forEach(u -> emails.add(u.get("email").asText()));
        return emails;
    }
}
