package io.voxify.infrastructure.vector.chroma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxify.infrastructure.vector.VectorIndexUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of Chroma's HTTP API v2 the vector index needs: a tenant's database, collections in
 * it, and upsert / get / delete / query of records by id with their metadata. Any failure to
 * talk to Chroma (unreachable, timed out, an answer other than the one expected) is a
 * {@link VectorIndexUnavailableException}.
 */
final class ChromaClient {
    private static final Logger log = LoggerFactory.getLogger(ChromaClient.class);
    private static final int PAGE = 100;

    record Collection(String id, String name, String space) {}

    record Record(String id, float[] embedding, Map<String, String> metadata) {}

    /** A query result; {@code distance} is whatever the collection's space measures. */
    record Hit(Record record, double distance) {}

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String databasePath;
    private final String tenant;
    private final String database;
    private final Duration timeout;

    ChromaClient(URI baseUrl, String tenant, String database, Duration timeout) {
        String root = baseUrl.toString().replaceAll("/+$", "");
        this.base = URI.create(root + "/api/v2");
        this.tenant = tenant;
        this.database = database;
        this.databasePath = "/tenants/" + segment(tenant) + "/databases/" + segment(database);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Creates the tenant and the database when they do not exist yet (the defaults always do). */
    void ensureDatabase() {
        if (send("GET", "/tenants/" + segment(tenant), null, 404).status() == 404) {
            send("POST", "/tenants", json.createObjectNode().put("name", tenant), 409);
        }
        if (send("GET", databasePath, null, 404).status() == 404) {
            send(
                    "POST",
                    "/tenants/" + segment(tenant) + "/databases",
                    json.createObjectNode().put("name", database),
                    409);
        }
    }

    /** The collection of that name, created with cosine distance when missing. */
    Collection cosineCollection(String name) {
        ObjectNode body = json.createObjectNode().put("name", name).put("get_or_create", true);
        body.putObject("configuration").putObject("hnsw").put("space", "cosine");
        return collection(send("POST", databasePath + "/collections", body).body());
    }

    List<Collection> collections() {
        List<Collection> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            JsonNode page = send("GET", databasePath + "/collections?limit=" + PAGE + "&offset=" + offset, null)
                    .body();
            page.forEach(c -> all.add(collection(c)));
            if (page.size() < PAGE) {
                return all;
            }
        }
    }

    void upsert(String collectionId, String id, float[] embedding, Map<String, String> metadata) {
        ObjectNode body = json.createObjectNode();
        body.putArray("ids").add(id);
        ArrayNode vector = body.putArray("embeddings").addArray();
        for (float v : embedding) {
            vector.add(v);
        }
        ObjectNode meta = body.putArray("metadatas").addObject();
        metadata.forEach(meta::put);
        send("POST", records(collectionId, "upsert"), body);
    }

    Optional<Record> get(String collectionId, String id) {
        ObjectNode body = json.createObjectNode();
        body.putArray("ids").add(id);
        body.putArray("include").add("embeddings").add("metadatas");
        JsonNode found = send("POST", records(collectionId, "get"), body).body();
        if (found.path("ids").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(record(
                found.get("ids").get(0).asText(),
                found.get("embeddings").get(0),
                found.get("metadatas").get(0)));
    }

    /** Deleting an id the collection does not hold is not an error. */
    void delete(String collectionId, String id) {
        ObjectNode body = json.createObjectNode();
        body.putArray("ids").add(id);
        send("POST", records(collectionId, "delete"), body);
    }

    /** The {@code n} records nearest to {@code embedding} among those the {@code where} filter admits, nearest first. */
    List<Hit> query(String collectionId, float[] embedding, int n, Map<String, Object> where) {
        ObjectNode body = json.createObjectNode();
        ArrayNode vector = body.putArray("query_embeddings").addArray();
        for (float v : embedding) {
            vector.add(v);
        }
        body.put("n_results", n);
        body.set("where", json.valueToTree(where));
        body.putArray("include").add("embeddings").add("metadatas").add("distances");
        JsonNode found = send("POST", records(collectionId, "query"), body).body();
        JsonNode ids = found.path("ids").path(0);
        List<Hit> hits = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            JsonNode distance = found.get("distances").get(0).get(i);
            // The API allows a null distance; such a record cannot be ranked, so it is not a match.
            if (distance != null && distance.isNumber()) {
                hits.add(new Hit(
                        record(
                                ids.get(i).asText(),
                                found.get("embeddings").get(0).get(i),
                                found.get("metadatas").get(0).get(i)),
                        distance.doubleValue()));
            }
        }
        return hits;
    }

    private String records(String collectionId, String operation) {
        return databasePath + "/collections/" + segment(collectionId) + "/" + operation;
    }

    private static Record record(String id, JsonNode embedding, JsonNode metadata) {
        float[] vector = new float[embedding.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) embedding.get(i).doubleValue();
        }
        Map<String, String> meta = new LinkedHashMap<>();
        if (metadata != null) {
            metadata.fields()
                    .forEachRemaining(f -> meta.put(f.getKey(), f.getValue().asText()));
        }
        return new Record(id, vector, meta);
    }

    /**
     * Chroma 1.x answers the space in {@code configuration_json} (hnsw locally, spann in its
     * distributed form); collections made by older clients may carry it as {@code hnsw:space}
     * metadata. Without any of them Chroma measures squared L2.
     */
    private static Collection collection(JsonNode c) {
        JsonNode config = c.path("configuration_json");
        String space = config.path("hnsw")
                .path("space")
                .asText(config.path("spann")
                        .path("space")
                        .asText(c.path("metadata").path("hnsw:space").asText("l2")));
        return new Collection(c.get("id").asText(), c.get("name").asText(), space);
    }

    private record Answer(int status, JsonNode body) {}

    private Answer send(String method, String path, JsonNode body, int... alsoExpected) {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            JsonNode answer = response.body().length == 0 ? json.nullNode() : json.readTree(response.body());
            if (status / 100 == 2 || Arrays.stream(alsoExpected).anyMatch(s -> s == status)) {
                return new Answer(status, answer);
            }
            throw unavailable(new IOException("Chroma answered " + status + " to " + method + " " + uri + ": "
                    + answer.path("error").asText("") + " "
                    + answer.path("message").asText("")));
        } catch (IOException e) {
            throw unavailable(
                    e instanceof ConnectException || e instanceof HttpTimeoutException
                            ? new IOException("Chroma did not answer " + method + " " + uri + ": " + e, e)
                            : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    private static VectorIndexUnavailableException unavailable(Exception cause) {
        log.warn("Vector index unavailable: {}", cause.getMessage());
        return new VectorIndexUnavailableException(cause);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
