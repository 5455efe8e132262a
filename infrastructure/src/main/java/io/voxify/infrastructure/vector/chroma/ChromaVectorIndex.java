package io.voxify.infrastructure.vector.chroma;

import io.voxify.infrastructure.vector.VectorIndex;
import io.voxify.infrastructure.vector.VectorIndexUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vectors in a Chroma server (HTTP API v2, Chroma 1.x), for sets too large to scan in memory or
 * shared by several gateways.
 *
 * <p><b>Layout.</b> A Chroma collection fixes its dimension on the first record, while one
 * deployment meets several (a pretrained speaker encoder configured later embeds in another
 * size than the generated one). So there is one collection per dimension, named
 * {@code <collection>_<dims>d} (e.g. {@code voxify_speakers_64d}), created with cosine distance
 * the first time a vector of that size is stored; an id lives in one of them at a time. Each
 * record carries {@code kind}, {@code owner} and {@code model} as metadata. Chroma metadata
 * cannot hold null, so a public entry (no owner) is stored with the owner {@value #PUBLIC}, which
 * no user id can be. Similarity is 1 − cosine distance, the cosine itself.
 *
 * <p><b>Why not langchain4j-chroma.</b> Its newest release (1.13.0-beta23) needs
 * langchain4j-core 1.13 where the project has 1.20, and its v2 client is internal: the public
 * {@code EmbeddingStore} has no get by id, only adds (an id already present is not replaced),
 * and drops a match's metadata unless the record also has a text document. The few calls needed
 * here are a small client of their own ({@link ChromaClient}) on {@code java.net.http} and Jackson.
 *
 * <p>Every failure to reach Chroma is a {@link VectorIndexUnavailableException} (503 for a client).
 * Start-up fails when Chroma cannot be reached or a collection of this index measures anything
 * but cosine distance.
 */
public class ChromaVectorIndex implements VectorIndex {
    static final String KIND = "kind";
    static final String OWNER = "owner";
    static final String MODEL = "model";
    static final String PUBLIC = "";

    private final ChromaClient chroma;
    private final String prefix;
    private final Pattern names;
    /** Collection id by dimension; writes reread it from Chroma, reads only when it lacks what they need. */
    private volatile Map<Integer, String> collections = Map.of();

    public ChromaVectorIndex(URI url, String tenant, String database, String collection, Duration timeout) {
        this.chroma = new ChromaClient(url, tenant, database, timeout);
        this.prefix = collection;
        this.names = Pattern.compile(Pattern.quote(collection) + "_(\\d{1,6})d");
        chroma.ensureDatabase();
        refresh();
    }

    @Override
    public void upsert(VectorEntry entry) {
        int dims = entry.vector().length;
        refresh();
        for (Map.Entry<Integer, String> other : collections.entrySet()) {
            if (other.getKey() != dims) {
                chroma.delete(other.getValue(), entry.id());
            }
        }
        chroma.upsert(
                collectionFor(dims),
                entry.id(),
                entry.vector(),
                Map.of(
                        KIND,
                        entry.kind(),
                        OWNER,
                        entry.ownerId() == null ? PUBLIC : entry.ownerId(),
                        MODEL,
                        entry.model()));
    }

    @Override
    public Optional<VectorEntry> get(String id) {
        Map<Integer, String> known = collections;
        Optional<VectorEntry> found = find(id, known);
        if (found.isEmpty() && refresh()) {
            Map<Integer, String> added = new HashMap<>(collections);
            added.keySet().removeAll(known.keySet());
            return find(id, added);
        }
        return found;
    }

    private Optional<VectorEntry> find(String id, Map<Integer, String> in) {
        for (String collection : in.values()) {
            Optional<ChromaClient.Record> record = chroma.get(collection, id);
            if (record.isPresent()) {
                return record.map(ChromaVectorIndex::entry);
            }
        }
        return Optional.empty();
    }

    @Override
    public void delete(String id) {
        refresh();
        collections.values().forEach(collection -> chroma.delete(collection, id));
    }

    @Override
    public List<VectorMatch> nearest(
            float[] query, String model, Set<String> kinds, String ownerId, String excludeId, int limit) {
        if (limit <= 0 || kinds.isEmpty()) {
            return List.of();
        }
        String collection = collections.get(query.length);
        if (collection == null && refresh()) {
            collection = collections.get(query.length);
        }
        if (collection == null) {
            return List.of();
        }
        Map<String, Object> where = Map.of(
                "$and",
                List.of(
                        Map.of(KIND, Map.of("$in", List.copyOf(kinds))),
                        Map.of(
                                OWNER,
                                ownerId == null ? Map.of("$eq", PUBLIC) : Map.of("$in", List.of(PUBLIC, ownerId))),
                        Map.of(MODEL, Map.of("$eq", model))));
        // One more than asked for, in case the excluded id is among them.
        int wanted = excludeId == null ? limit : limit + 1;
        return chroma.query(collection, query, wanted, where).stream()
                .filter(hit -> !hit.record().id().equals(excludeId))
                .map(hit -> new VectorMatch(entry(hit.record()), 1 - hit.distance()))
                .sorted(BEST_FIRST)
                .limit(limit)
                .toList();
    }

    private static VectorEntry entry(ChromaClient.Record record) {
        String owner = record.metadata().get(OWNER);
        return new VectorEntry(
                record.id(),
                record.metadata().get(KIND),
                PUBLIC.equals(owner) ? null : owner,
                record.metadata().get(MODEL),
                record.embedding());
    }

    private synchronized String collectionFor(int dims) {
        String id = collections.get(dims);
        if (id == null) {
            id = chroma.cosineCollection(prefix + "_" + dims + "d").id();
            Map<Integer, String> more = new HashMap<>(collections);
            more.put(dims, id);
            collections = Map.copyOf(more);
        }
        return id;
    }

    /** Rereads this index's collections from Chroma; true when they changed. */
    private synchronized boolean refresh() {
        Map<Integer, String> found = new HashMap<>();
        for (ChromaClient.Collection c : chroma.collections()) {
            Matcher name = names.matcher(c.name());
            if (name.matches()) {
                if (!"cosine".equals(c.space())) {
                    throw new IllegalStateException("Chroma collection " + c.name() + " measures " + c.space()
                            + " distance, not the cosine this index ranks by");
                }
                found.put(Integer.parseInt(name.group(1)), c.id());
            }
        }
        boolean changed = !found.equals(collections);
        collections = Map.copyOf(found);
        return changed;
    }
}
