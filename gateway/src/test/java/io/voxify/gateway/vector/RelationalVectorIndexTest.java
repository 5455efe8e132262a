package io.voxify.gateway.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.RunningApp;
import io.voxify.infrastructure.vector.VectorIndex;
import io.voxify.infrastructure.vector.VectorIndexContract;
import io.voxify.infrastructure.vector.relational.RelationalVectorIndex;
import org.junit.jupiter.api.BeforeAll;

/** The embedded adapter as the application wires it: SQLite underneath, transactions around. */
class RelationalVectorIndexTest extends VectorIndexContract {
    private static VectorIndex index;

    @BeforeAll
    static void theApplicationsIndex() {
        index = RunningApp.shared().bean(VectorIndex.class);
        assertThat(index).isInstanceOf(RelationalVectorIndex.class);
    }

    @Override
    protected VectorIndex index() {
        return index;
    }
}
