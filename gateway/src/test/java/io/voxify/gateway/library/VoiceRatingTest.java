package io.voxify.gateway.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.events.library.FindUserRatingsQuery;
import io.voxify.events.library.FindVoiceRatingsQuery;
import io.voxify.events.library.UserRatingsView;
import io.voxify.events.library.VoiceRatingList;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Ratings of voices over HTTP, and the library's {@code owner} filter. Each test rates voices no other test
 * rates, so the means it expects are exact in the shared application.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VoiceRatingTest {
    private static final Duration SLOW = Duration.ofMinutes(3);
    private static final String MODELS = "/api/v1/voice/models";
    private static RunningApp app;
    private static ApiClient owner;
    private static String cloneId;

    /** A user with a ready clone, for the tests of another user's clone and of the owner filter. */
    @BeforeAll
    static void aUserWithAReadyClone() {
        app = RunningApp.shared();
        owner = app.client().newUser();
        byte[] recording = SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0920.wav");
        String sampleId = owner.multipart("/api/v1/voice/samples", Map.of("name", "Reading"), "r.wav", recording)
                .data()
                .get("id")
                .asText();
        owner.post("/api/v1/voice/samples/" + sampleId + "/process", Map.of());
        JsonNode sample = owner.await(
                "/api/v1/voice/samples/" + sampleId,
                s -> List.of("processed", "rejected").contains(s.get("status").asText()),
                SLOW);
        assertThat(sample.get("status").asText()).as(sample.toString()).isEqualTo("processed");
        cloneId = owner.post("/api/v1/voice/clones", Map.of("sample_ids", List.of(sampleId), "name", "Rated me"))
                .data()
                .get("clone_id")
                .asText();
        JsonNode clone = owner.await(
                "/api/v1/voice/clones/" + cloneId,
                c -> List.of("ready", "failed").contains(c.get("status").asText()),
                SLOW);
        assertThat(clone.get("status").asText()).as(clone.toString()).isEqualTo("ready");
    }

    private static String rating(String voice) {
        return MODELS + "/" + voice + "/rating";
    }

    private static JsonNode rate(ApiClient user, String voice, int value) {
        ApiClient.Response r = user.put(rating(voice), Map.of("rating", value));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("Rating saved");
        return r.data();
    }

    private static JsonNode statistics(ApiClient user, String voice) {
        return user.get(MODELS + "/" + voice).data().get("statistics");
    }

    private static JsonNode listed(ApiClient user, String query, String voice) {
        for (JsonNode item : user.get(MODELS + "?limit=100" + query).data()) {
            if (item.get("voice_model_id").asText().equals(voice)) {
                return item;
            }
        }
        throw new AssertionError(voice + " is not listed");
    }

    @Test
    @Order(1)
    void aRatingIsOnePerUserChangeableRemovableAndAveragedOverUsers() {
        String voice = "preset_pt_br_female_001";
        ApiClient ann = app.client().newUser();
        ApiClient bob = app.client().newUser();
        ApiClient cat = app.client().newUser();
        JsonNode before = statistics(ann, voice);
        assertThat(before.get("user_rating").isNull()).as(before.toString()).isTrue();
        assertThat(before.get("rating_count").asLong()).isZero();
        assertThat(before.get("my_rating").isNull()).isTrue();

        JsonNode first = rate(ann, voice, 5);
        assertThat(first.get("voice_model_id").asText()).isEqualTo(voice);
        assertThat(first.get("my_rating").asInt()).isEqualTo(5);
        assertThat(first.get("user_rating").asDouble()).isEqualTo(5.0);
        assertThat(first.get("rating_count").asLong()).isEqualTo(1);
        assertThat(rate(bob, voice, 4).get("user_rating").asDouble()).isEqualTo(4.5);
        JsonNode third = rate(cat, voice, 4);
        assertThat(third.get("user_rating").asDouble()).as("13 / 3").isEqualTo(4.3);
        assertThat(third.get("rating_count").asLong()).isEqualTo(3);

        JsonNode changed = rate(ann, voice, 2);
        assertThat(changed.get("my_rating").asInt()).isEqualTo(2);
        assertThat(changed.get("user_rating").asDouble())
                .as("10 / 3: the change replaced ann's 5")
                .isEqualTo(3.3);
        assertThat(changed.get("rating_count").asLong()).as("still three users").isEqualTo(3);
        assertThat(rate(ann, voice, 2).get("rating_count").asLong())
                .as("the same rating again")
                .isEqualTo(3);

        ApiClient.Response removed = bob.delete(rating(voice));
        assertThat(removed.status()).as(removed.text()).isEqualTo(200);
        assertThat(removed.json().get("message").asText()).isEqualTo("Rating removed");
        assertThat(removed.data().get("my_rating").isNull()).isTrue();
        assertThat(removed.data().get("user_rating").asDouble())
                .as("(2 + 4) / 2")
                .isEqualTo(3.0);
        assertThat(removed.data().get("rating_count").asLong()).isEqualTo(2);
        assertThat(bob.delete(rating(voice)).data().get("rating_count").asLong())
                .as("removing twice")
                .isEqualTo(2);
        ApiClient neverRated = app.client().newUser();
        ApiClient.Response nothing = neverRated.delete(rating(voice));
        assertThat(nothing.status()).as("a user who never rated anything").isEqualTo(200);
        assertThat(nothing.data().get("rating_count").asLong()).isEqualTo(2);

        JsonNode seenByCat = statistics(cat, voice);
        assertThat(seenByCat.get("user_rating").asDouble()).isEqualTo(3.0);
        assertThat(seenByCat.get("rating_count").asLong()).isEqualTo(2);
        assertThat(seenByCat.get("my_rating").asInt()).isEqualTo(4);
        assertThat(statistics(bob, voice).get("my_rating").isNull()).isTrue();
        JsonNode item = listed(ann, "&language=pt-BR", voice);
        assertThat(item.get("user_rating").asDouble()).isEqualTo(3.0);
        assertThat(item.get("rating_count").asLong()).isEqualTo(2);
        assertThat(item.get("my_rating").asInt()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void ratingsChangedAtTheSameTimeAreEachCountedOnce() throws Exception {
        String voice = "preset_fr_male_001";
        ApiClient fickle = app.client().newUser();
        List<ApiClient> crowd = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            crowd.add(app.client().newUser());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int value = i % 5 + 1;
                answers.add(
                        CompletableFuture.supplyAsync(() -> fickle.put(rating(voice), Map.of("rating", value)), pool));
            }
            for (int i = 0; i < crowd.size(); i++) {
                ApiClient user = crowd.get(i);
                int value = i % 2 == 0 ? 5 : 2;
                answers.add(
                        CompletableFuture.supplyAsync(() -> user.put(rating(voice), Map.of("rating", value)), pool));
            }
            for (CompletableFuture<ApiClient.Response> answer : answers) {
                ApiClient.Response r = answer.get();
                assertThat(r.status()).as(r.text()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode stats = statistics(fickle, voice);
        int last = stats.get("my_rating").asInt();
        assertThat(last).isBetween(1, 5);
        assertThat(stats.get("rating_count").asLong())
                .as("seven users, one rating each")
                .isEqualTo(7);
        long expectedTenths = Math.round((3 * 5 + 3 * 2 + last) * 10.0 / 7);
        assertThat(Math.round(stats.get("user_rating").asDouble() * 10))
                .as(stats.toString())
                .isEqualTo(expectedTenths);
    }

    @Test
    @Order(3)
    void theListSortsByRatingWithUnratedVoicesLastAndTiesByName() {
        ApiClient rater = app.client().newUser();
        rate(rater, "preset_de_female_001", 5);
        rate(rater, "preset_es_male_001", 3);
        rate(rater, "preset_de_male_001", 2);
        rate(rater, "preset_es_female_001", 2);

        JsonNode unsorted = rater.get(MODELS + "?limit=100").data();
        ApiClient.Response response = rater.get(MODELS + "?limit=100&sort_by=user_rating");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode sorted = response.data();
        assertThat(sorted.size()).isEqualTo(unsorted.size());
        assertSorted(sorted, true);
        List<String> mine = new ArrayList<>();
        sorted.forEach(v -> {
            String id = v.get("voice_model_id").asText();
            if (List.of("preset_de_female_001", "preset_es_male_001", "preset_de_male_001", "preset_es_female_001")
                    .contains(id)) {
                mine.add(id);
            }
        });
        List<String> tie = new ArrayList<>(List.of("preset_de_male_001", "preset_es_female_001"));
        tie.sort(Comparator.comparing(id -> name(sorted, id).toLowerCase(Locale.ROOT)));
        assertThat(mine).containsExactly("preset_de_female_001", "preset_es_male_001", tie.get(0), tie.get(1));

        JsonNode ascending = rater.get(MODELS + "?limit=100&sort_by=USER_RATING&sort_order=asc")
                .data();
        assertSorted(ascending, false);
        assertThat(ascending.get(ascending.size() - 1).get("user_rating").isNull())
                .as("unrated last, ascending too")
                .isTrue();
        JsonNode page =
                rater.get(MODELS + "?limit=2&offset=1&sort_by=user_rating").data();
        assertThat(ids(page)).isEqualTo(ids(sorted).subList(1, 3));

        ApiClient.Response badField = rater.get(MODELS + "?sort_by=rating");
        assertThat(badField.status()).isEqualTo(400);
        assertThat(badField.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(badField.json().at("/error/details/sort_by").asText()).contains("user_rating");
        assertThat(rater.get(MODELS + "?sort_by=user_rating&sort_order=up").errorCode())
                .isEqualTo("VALIDATION_ERROR");
    }

    private static void assertSorted(JsonNode items, boolean descending) {
        for (int i = 1; i < items.size(); i++) {
            JsonNode a = items.get(i - 1);
            JsonNode b = items.get(i);
            String pair = a + " then " + b;
            if (a.get("user_rating").isNull()) {
                assertThat(b.get("user_rating").isNull())
                        .as("unrated voices last: " + pair)
                        .isTrue();
                assertThat(a.get("name")
                                .asText()
                                .compareToIgnoreCase(b.get("name").asText()))
                        .as(pair)
                        .isLessThanOrEqualTo(0);
            } else if (!b.get("user_rating").isNull()) {
                double x = a.get("user_rating").asDouble();
                double y = b.get("user_rating").asDouble();
                assertThat(descending ? x >= y : x <= y).as(pair).isTrue();
                if (x == y) {
                    assertThat(a.get("name")
                                    .asText()
                                    .compareToIgnoreCase(b.get("name").asText()))
                            .as("ties by name: " + pair)
                            .isLessThanOrEqualTo(0);
                }
            }
        }
        assertThat(items.get(0).get("user_rating").isNull())
                .as("something is rated")
                .isFalse();
    }

    private static String name(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("voice_model_id").asText().equals(id)) {
                return item.get("name").asText();
            }
        }
        throw new AssertionError(id);
    }

    private static List<String> ids(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("voice_model_id").asText()));
        return out;
    }

    @Test
    @Order(4)
    void badRatingsAreRefusedInTheEnvelope() {
        ApiClient user = app.client().newUser();
        String voice = "preset_it_female_001";
        for (String body : List.of(
                "{\"rating\":0}",
                "{\"rating\":6}",
                "{\"rating\":-1}",
                "{\"rating\":4.5}",
                "{\"rating\":4.0}",
                "{\"rating\":\"5\"}",
                "{\"rating\":true}",
                "{\"rating\":null}",
                "{}",
                "{\"rating\":[5]}",
                "{\"rating\":99999999999999999999}",
                "[5]",
                "5",
                "null",
                "{\"stars\":5}")) {
            ApiClient.Response r =
                    user.raw("PUT", rating(voice), "application/json", body.getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as(body + " -> " + r.text()).isEqualTo(400);
            JsonNode envelope = r.json();
            assertThat(envelope.get("success").asBoolean()).isFalse();
            assertThat(envelope.at("/error/code").asText()).as(body).isEqualTo("VALIDATION_ERROR");
            assertThat(envelope.at("/error/message").asText()).isNotBlank();
            assertThat(envelope.at("/error/details/rating").asText())
                    .as(body)
                    .startsWith(body.contains("rating") && !body.contains("null") ? "must be" : "is required");
        }
        ApiClient.Response extra = user.put(rating(voice), Map.of("rating", 3, "comment", "nice"));
        assertThat(extra.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(extra.json().at("/error/details/comment").asText()).isEqualTo("is not a known field");
        ApiClient.Response broken =
                user.raw("PUT", rating(voice), "application/json", "{\"rating\":".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.errorCode()).isEqualTo("INVALID_JSON");
        ApiClient.Response noBody = user.raw("PUT", rating(voice), null, new byte[0]);
        assertThat(noBody.status()).as(noBody.text()).isEqualTo(400);
        assertThat(statistics(user, voice).get("rating_count").asLong())
                .as("nothing was recorded")
                .isZero();
        assertThat(user.put(rating("no_such_voice"), Map.of("rating", 3)).errorCode())
                .isEqualTo("VOICE_MODEL_NOT_FOUND");
        assertThat(user.delete(rating("no_such_voice")).status()).isEqualTo(404);
    }

    /** The typed body is refused word for word as the hand-read one was, every mistake in one answer. */
    @Test
    @Order(4)
    void badRatingsAreToldWordForWordWithEveryMistakeAtOnce() {
        ApiClient user = app.client().newUser();
        String voice = "preset_it_female_001";
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put(
                "{\"stars\":5}",
                "Invalid fields: stars, rating|{\"stars\":\"is not a known field\","
                        + "\"rating\":\"is required: a whole number from 1 to 5\"}");
        answers.put(
                "{\"rating\":\"5\",\"comment\":\"x\"}",
                "Invalid fields: comment, rating|{\"comment\":"
                        + "\"is not a known field\",\"rating\":\"must be a whole number between 1 and 5\"}");
        answers.put("{\"rating\":9}", "Invalid fields: rating|{\"rating\":\"must be a whole number between 1 and 5\"}");
        answers.put(
                "{\"rating\":4.0}", "Invalid fields: rating|{\"rating\":\"must be a whole number between 1 and 5\"}");
        answers.put(
                "{\"rating\":null}", "Invalid fields: rating|{\"rating\":\"is required: a whole number from 1 to 5\"}");
        answers.put(
                "[5]",
                "The body must be {\"rating\": 1 to 5}|{\"rating\":\"is required: a whole number from 1 to 5\"}");
        answers.forEach((body, expected) -> {
            ApiClient.Response r =
                    user.raw("PUT", rating(voice), "application/json", body.getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.errorCode()).as(body).isEqualTo("VALIDATION_ERROR");
            assertThat(r.json().at("/error/message").asText() + "|"
                            + r.json().at("/error/details").toString())
                    .as(body)
                    .isEqualTo(expected);
            assertThat(r.json().get("message").asText())
                    .isEqualTo(r.json().at("/error/message").asText());
        });
    }

    @Test
    @Order(4)
    void theRatingEndpointsAreInTheApiDocumentWithTheirRefusals() {
        JsonNode rating =
                app.client().get("/v3/api-docs").json().at("/paths/~1api~1v1~1voice~1models~1{voiceModelId}~1rating");
        for (String method : List.of("put", "delete")) {
            List<String> codes = new ArrayList<>();
            rating.at("/" + method + "/x-error-codes").forEach(c -> codes.add(c.asText()));
            assertThat(codes).as(method).contains("VOICE_MODEL_NOT_FOUND", "UNAUTHORIZED", "CONFLICT");
        }
        assertThat(rating.at("/put/x-error-codes").toString()).contains("VALIDATION_ERROR", "INVALID_JSON");
        assertThat(rating.at("/put/requestBody").isMissingNode()).isFalse();
        JsonNode document = app.client().get("/v3/api-docs").json();
        String ref = rating.at("/put/requestBody/content/application~1json/schema/$ref")
                .asText();
        JsonNode body = document.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1));
        assertThat(body.at("/properties/rating/type").asText())
                .as(body.toString())
                .isEqualTo("integer");
        assertThat(body.at("/properties/rating/minimum").asInt()).isEqualTo(1);
        assertThat(body.at("/properties/rating/maximum").asInt()).isEqualTo(5);
        assertThat(body.at("/required").toString()).isEqualTo("[\"rating\"]");
    }

    @Test
    @Order(5)
    void aRatingShowsAtOnceInTheRatersCachedPagesAndInOthersWithinTheTimeToLive() {
        String voice = "preset_it_male_001";
        ApiClient rater = app.client().newUser();
        ApiClient other = app.client().newUser();
        String page = MODELS + "?limit=100&language=it";
        assertThat(rater.get(page).header("X-Cache")).isEqualTo("MISS");
        assertThat(rater.get(page).header("X-Cache")).isEqualTo("HIT");
        ApiClient.Response othersPage = other.get(page);
        assertThat(item(othersPage.data(), voice).get("rating_count").asLong()).isZero();

        rate(rater, voice, 4);
        ApiClient.Response after = rater.get(page);
        assertThat(after.header("X-Cache")).as("the rater's pages were dropped").isEqualTo("MISS");
        assertThat(item(after.data(), voice).get("my_rating").asInt()).isEqualTo(4);
        assertThat(item(after.data(), voice).get("user_rating").asDouble()).isEqualTo(4.0);
        assertThat(rater.get(page + "&sort_by=user_rating")
                        .data()
                        .get(0)
                        .get("voice_model_id")
                        .asText())
                .isEqualTo(voice);

        // Another user's page may keep the old mean until it expires (voxify.library.cache-ttl, 10 s).
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode seen = item(other.get(page).data(), voice);
        while (seen.get("rating_count").asLong() == 0 && System.nanoTime() < end) {
            ApiClient.sleep(250);
            seen = item(other.get(page).data(), voice);
        }
        assertThat(seen.get("rating_count").asLong())
                .as("within the time-to-live")
                .isEqualTo(1);
        assertThat(seen.get("user_rating").asDouble()).isEqualTo(4.0);
        assertThat(seen.get("my_rating").isNull()).isTrue();
    }

    private static JsonNode item(JsonNode items, String voice) {
        for (JsonNode item : items) {
            if (item.get("voice_model_id").asText().equals(voice)) {
                return item;
            }
        }
        throw new AssertionError(voice + " not in " + items);
    }

    @Test
    @Order(6)
    void theOwnerFilterShowsOnesOwnTheSharedOrForAdministratorsAnotherUsersVoices() {
        ApiClient stranger = app.client().newUser();
        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        String ownerId = owner.userId();

        assertThat(ids(owner.get(MODELS + "?owner=me").data())).containsExactly(cloneId);
        assertThat(ids(owner.get(MODELS + "?owner=ME").data())).containsExactly(cloneId);
        assertThat(ids(owner.get(MODELS + "?owner=" + ownerId).data()))
                .as("one's own id is me")
                .containsExactly(cloneId);
        JsonNode system = owner.get(MODELS + "?owner=system&limit=100").json();
        assertThat(ids(system.get("data")))
                .contains("default_voice_001", "piper_standin-alpha")
                .doesNotContain(cloneId);
        system.get("data").forEach(v -> {
            assertThat(v.get("type").asText()).isEqualTo("preset");
            assertThat(v.has("owner_id")).isFalse();
        });
        assertThat(system.at("/meta/filters/available_types").toString())
                .as("the caller's library offers both")
                .contains("preset", "custom");

        ApiClient.Response theirs = stranger.get(MODELS + "?owner=" + ownerId);
        ApiClient.Response nobody = stranger.get(MODELS + "?owner=user_doesnotexist00000000");
        for (ApiClient.Response r : List.of(theirs, nobody)) {
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.data().size()).isZero();
            assertThat(r.json().at("/meta/pagination/total_count").asInt()).isZero();
            assertThat(r.text()).doesNotContain(cloneId).doesNotContain("Rated me");
        }
        assertThat(theirs.json().get("meta"))
                .as("an existing user answers as a missing one")
                .isEqualTo(nobody.json().get("meta"));
        assertThat(theirs.json().at("/meta/filters/available_types").toString()).doesNotContain("custom");

        JsonNode asAdmin = admin.get(MODELS + "?owner=" + ownerId).json();
        assertThat(ids(asAdmin.get("data"))).containsExactly(cloneId);
        assertThat(asAdmin.at("/data/0/owner_id").asText()).isEqualTo(ownerId);
        assertThat(asAdmin.at("/meta/filters/available_types").toString()).contains("custom");
        assertThat(admin.get(MODELS + "?owner=user_doesnotexist00000000").data().size())
                .isZero();
        assertThat(ids(admin.get(MODELS + "?owner=" + ownerId + "&type=preset").data()))
                .isEmpty();
        assertThat(admin.get(MODELS + "/" + cloneId).status())
                .as("the details stay the owner's")
                .isEqualTo(404);

        for (String bad : List.of("someone", "all", "user_", "user_a%2Fb", "USER_x")) {
            ApiClient.Response r = stranger.get(MODELS + "?owner=" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(r.json().at("/error/details/owner").asText()).as(bad).contains("me", "system", "user id");
        }
    }

    @Test
    @Order(7)
    void anotherUsersCloneCannotBeRatedAndADeletedClonesRatingsGoWithIt() {
        ApiClient stranger = app.client().newUser();
        ApiClient.Response put = stranger.put(rating(cloneId), Map.of("rating", 1));
        ApiClient.Response missing = stranger.put(rating("vc_doesnotexist000000000"), Map.of("rating", 1));
        assertThat(put.status()).isEqualTo(404);
        assertThat(put.errorCode()).isEqualTo(missing.errorCode()).isEqualTo("VOICE_MODEL_NOT_FOUND");
        assertThat(stranger.delete(rating(cloneId)).status()).isEqualTo(404);

        JsonNode mine = rate(owner, cloneId, 4);
        assertThat(mine.get("user_rating").asDouble()).isEqualTo(4.0);
        assertThat(statistics(owner, cloneId).get("my_rating").asInt()).isEqualTo(4);
        assertThat(listed(owner, "&owner=me", cloneId).get("rating_count").asLong())
                .isEqualTo(1);

        assertThat(owner.delete("/api/v1/voice/clones/" + cloneId).status()).isEqualTo(200);
        QueryGateway queries = app.bean(QueryGateway.class);
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!queries.query(new FindVoiceRatingsQuery(List.of(cloneId)), VoiceRatingList.class)
                        .join()
                        .items()
                        .isEmpty()
                && System.nanoTime() < end) {
            ApiClient.sleep(50);
        }
        assertThat(queries.query(new FindVoiceRatingsQuery(List.of(cloneId)), VoiceRatingList.class)
                        .join()
                        .items())
                .as("the deleted clone's tally")
                .isEmpty();
        assertThat(queries.query(new FindUserRatingsQuery(owner.userId()), UserRatingsView.class)
                        .join()
                        .ratings())
                .as("the owner's ratings")
                .doesNotContainKey(cloneId);
        assertThat(owner.put(rating(cloneId), Map.of("rating", 5)).status()).isEqualTo(404);
    }

    /** Last: the replay resets the library's read models, which the other tests read. */
    @Test
    @Order(8)
    void aReplayRebuildsTheSameRatings() throws Exception {
        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        awaitCaughtUp(admin);
        Map<String, List<String>> live = ratingRows();
        assertThat(live.get("voice_rating_tally"))
                .anyMatch(row -> row.startsWith("preset_pt_br_female_001|6|2|"))
                .anyMatch(row -> row.startsWith(cloneId + "|0|0|"));
        assertThat(live.get("voice_rating_view")).noneMatch(row -> row.contains(cloneId));

        ApiClient.Response started = admin.post("/api/v1/admin/projections/library/replay", Map.of());
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        awaitCaughtUp(admin);
        assertThat(ratingRows()).isEqualTo(live);
        assertThat(statistics(owner, "preset_pt_br_female_001")
                        .get("user_rating")
                        .asDouble())
                .isEqualTo(3.0);
    }

    private static void awaitCaughtUp(ApiClient admin) {
        long end = System.nanoTime() + SLOW.toNanos();
        while (System.nanoTime() < end) {
            JsonNode p = admin.get("/api/v1/admin/projections/library").data();
            if (p.get("status").asText().equals("running") && p.get("lag").asLong() == 0) {
                return;
            }
            ApiClient.sleep(50);
        }
        throw new AssertionError("the library projection did not catch up");
    }

    /** Every row of the ratings tables, as text, sorted: the read model as stored. */
    private static Map<String, List<String>> ratingRows() throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection db = app.bean(DataSource.class).getConnection();
                Statement sql = db.createStatement()) {
            for (String[] table : new String[][] {
                {"voice_rating_view", "id, user_id, voice_model_id, rating"},
                {"voice_rating_tally", "voice_model_id, rating_sum, rating_count, withdrawn"},
                {"voice_rating_user", "user_id, version"}
            }) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = sql.executeQuery("select " + table[1] + " from " + table[0])) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int c = 1; c <= columns; c++) {
                            row.append(rs.getString(c)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(table[0], rows);
            }
        }
        return tables;
    }
}
