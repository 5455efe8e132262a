package io.voxify.infrastructure.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.voxify.infrastructure.vector.VectorIndex.VectorEntry;
import io.voxify.infrastructure.vector.VectorIndex.VectorMatch;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VectorIndex} adapter does, on hand-made vectors whose cosines are known.
 * Each test has its own model and ids, so tests (and a running application) share an index
 * without meeting: every search is within one model.
 */
public abstract class VectorIndexContract {
    /** Chroma answers distances as 32-bit floats. */
    protected static final Offset<Double> CLOSE = within(1e-6);

    protected static final Set<String> ALL_KINDS = Set.of("sample", "clone", "preset");
    protected static final String ME = "user_me";
    protected static final String SOMEONE_ELSE = "user_else";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    protected final String model = "contract-" + run;

    protected abstract VectorIndex index();

    String id(String name) {
        return name + "-" + run;
    }

    protected VectorEntry entry(String name, String kind, String owner, float... vector) {
        return new VectorEntry(id(name), kind, owner, model, vector);
    }

    protected VectorEntry stored(String name, String kind, String owner, float... vector) {
        VectorEntry entry = entry(name, kind, owner, vector);
        index().upsert(entry);
        return entry;
    }

    protected List<VectorMatch> nearest(float[] query, Set<String> kinds, String owner, String excludeId, int limit) {
        return index().nearest(query, model, kinds, owner, excludeId, limit);
    }

    protected static List<String> ids(List<VectorMatch> matches) {
        return matches.stream().map(m -> m.entry().id()).toList();
    }

    protected static void assertSameEntry(VectorEntry actual, VectorEntry expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.kind()).isEqualTo(expected.kind());
        assertThat(actual.ownerId()).isEqualTo(expected.ownerId());
        assertThat(actual.model()).isEqualTo(expected.model());
        assertThat(actual.vector()).containsExactly(expected.vector());
    }

    @Test
    public void anEntryIsReadBackAndAnUpsertReplacesIt() {
        VectorEntry first = stored("a", "sample", ME, 1, 0.5f, -0.25f);
        assertSameEntry(index().get(first.id()).orElseThrow(), first);

        VectorEntry second = stored("a", "preset", null, 0.125f, -2, 3);
        assertSameEntry(index().get(first.id()).orElseThrow(), second);
        assertThat(nearest(new float[] {0.125f, -2, 3}, ALL_KINDS, SOMEONE_ELSE, null, 10))
                .singleElement()
                .satisfies(m -> assertSameEntry(m.entry(), second));

        assertThat(index().get(id("never-stored"))).isEmpty();
    }

    @Test
    public void aDeletedEntryIsGoneAndDeletingAnUnknownIdIsHarmless() {
        VectorEntry kept = stored("kept", "sample", ME, 1, 0, 0);
        VectorEntry gone = stored("gone", "sample", ME, 1, 0, 0);
        index().delete(gone.id());
        index().delete(id("never-stored"));

        assertThat(index().get(gone.id())).isEmpty();
        assertThat(ids(nearest(new float[] {1, 0, 0}, ALL_KINDS, ME, null, 10))).containsExactly(kept.id());
    }

    @Test
    public void nearestRanksByCosineSimilarityNotByLength() {
        float[] query = {2, 0, 0};
        stored("same", "sample", ME, 1, 0, 0);
        stored("diagonal", "sample", ME, 1, 1, 0);
        stored("far-but-long", "sample", ME, 30, 40, 0);
        stored("far-but-long-twin", "sample", ME, 3, 4, 0);
        stored("orthogonal", "sample", ME, 0, 0, 5);
        stored("opposite", "sample", ME, -0.1f, 0, 0);

        List<VectorMatch> matches = nearest(query, ALL_KINDS, ME, null, 10);

        assertThat(ids(matches))
                .containsExactly(
                        id("same"),
                        id("diagonal"),
                        id("far-but-long"),
                        id("far-but-long-twin"),
                        id("orthogonal"),
                        id("opposite"));
        assertThat(matches.get(0).similarity()).isCloseTo(1.0, CLOSE);
        assertThat(matches.get(1).similarity()).isCloseTo(Math.sqrt(0.5), CLOSE);
        assertThat(matches.get(2).similarity()).isCloseTo(0.6, CLOSE);
        assertThat(matches.get(3).similarity()).isCloseTo(0.6, CLOSE);
        assertThat(matches.get(4).similarity()).isCloseTo(0.0, CLOSE);
        assertThat(matches.get(5).similarity()).isCloseTo(-1.0, CLOSE);
    }

    @Test
    public void onlyTheAskedKindsAreSearched() {
        stored("sample", "sample", ME, 1, 0, 0);
        stored("clone", "clone", ME, 1, 0.1f, 0);
        stored("preset", "preset", null, 1, 0.2f, 0);

        assertThat(ids(nearest(new float[] {1, 0, 0}, Set.of("clone", "preset"), ME, null, 10)))
                .containsExactly(id("clone"), id("preset"));
        assertThat(ids(nearest(new float[] {1, 0, 0}, Set.of("sample"), ME, null, 10)))
                .containsExactly(id("sample"));
        assertThat(nearest(new float[] {1, 0, 0}, Set.of("unknown"), ME, null, 10))
                .isEmpty();
    }

    @Test
    public void publicEntriesAndTheCallersOwnAreFoundNeverSomeoneElses() {
        VectorEntry publicOne = stored("public", "preset", null, 1, 0.3f, 0);
        stored("mine", "sample", ME, 1, 0.1f, 0);
        stored("theirs", "sample", SOMEONE_ELSE, 1, 0, 0);

        assertThat(ids(nearest(new float[] {1, 0, 0}, ALL_KINDS, ME, null, 10)))
                .containsExactly(id("mine"), id("public"));
        assertThat(ids(nearest(new float[] {1, 0, 0}, ALL_KINDS, SOMEONE_ELSE, null, 10)))
                .containsExactly(id("theirs"), id("public"));
        assertThat(ids(nearest(new float[] {1, 0, 0}, ALL_KINDS, "user_nobody", null, 10)))
                .containsExactly(id("public"));
        assertThat(ids(nearest(new float[] {1, 0, 0}, ALL_KINDS, null, null, 10)))
                .containsExactly(id("public"));
        assertThat(index().get(publicOne.id()).orElseThrow().ownerId()).isNull();
    }

    @Test
    public void onlyVectorsOfTheQueriedModelAreCompared() {
        stored("this-model", "sample", ME, 0, 1, 0);
        VectorEntry other = new VectorEntry(id("other-model"), "sample", ME, model + "-other", new float[] {1, 0, 0});
        index().upsert(other);

        assertThat(ids(nearest(new float[] {1, 0, 0}, ALL_KINDS, ME, null, 10))).containsExactly(id("this-model"));
        assertThat(ids(index().nearest(new float[] {1, 0, 0}, other.model(), ALL_KINDS, ME, null, 10)))
                .containsExactly(other.id());
    }

    @Test
    public void theExcludedEntryIsLeftOutAndTheLimitStillFilled() {
        stored("best", "sample", ME, 1, 0, 0);
        stored("second", "sample", ME, 1, 0.5f, 0);
        stored("third", "sample", ME, 1, 1, 0);
        stored("fourth", "sample", ME, 0, 1, 0);

        assertThat(ids(nearest(new float[] {1, 0, 0}, ALL_KINDS, ME, id("best"), 2)))
                .containsExactly(id("second"), id("third"));
        assertThat(ids(nearest(new float[] {1, 0, 0}, ALL_KINDS, ME, id("fourth"), 2)))
                .containsExactly(id("best"), id("second"));
    }

    @Test
    public void theLimitKeepsTheBest() {
        for (int i = 0; i < 6; i++) {
            stored("v" + i, "clone", ME, 1, i, 0);
        }

        assertThat(ids(nearest(new float[] {1, 0, 0}, ALL_KINDS, ME, null, 3)))
                .containsExactly(id("v0"), id("v1"), id("v2"));
        assertThat(nearest(new float[] {1, 0, 0}, ALL_KINDS, ME, null, 100)).hasSize(6);
        assertThat(nearest(new float[] {1, 0, 0}, ALL_KINDS, ME, null, 0)).isEmpty();
    }

    @Test
    public void equallySimilarEntriesComeInIdOrder() {
        stored("twin-b", "sample", ME, 0, 2, 0);
        stored("twin-a", "sample", ME, 0, 1, 0);

        assertThat(ids(nearest(new float[] {0, 1, 0}, ALL_KINDS, ME, null, 10)))
                .containsExactly(id("twin-a"), id("twin-b"));
    }

    /** A new speaker encoder embeds in another size: the entry follows, searches stay within one size. */
    @Test
    public void anEntryReembeddedInAnotherSizeIsFoundOnlyInThatSize() {
        stored("voice", "preset", null, 1, 0, 0);
        String newModel = model + "-wider";
        VectorEntry wider = new VectorEntry(id("voice"), "preset", null, newModel, new float[] {0, 0, 0, 1});
        index().upsert(wider);

        assertSameEntry(index().get(id("voice")).orElseThrow(), wider);
        assertThat(nearest(new float[] {1, 0, 0}, ALL_KINDS, ME, null, 10)).isEmpty();
        assertThat(ids(index().nearest(new float[] {0, 0, 0, 1}, newModel, ALL_KINDS, ME, null, 10)))
                .containsExactly(wider.id());

        index().delete(wider.id());
        assertThat(index().get(wider.id())).isEmpty();
        assertThat(index().nearest(new float[] {0, 0, 0, 1}, newModel, ALL_KINDS, ME, null, 10))
                .isEmpty();
    }
}
