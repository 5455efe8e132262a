package io.voxify.query.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.admin.FindUsersQuery;
import io.voxify.events.admin.UserPage;
import io.voxify.events.admin.UserSummary;
import io.voxify.events.clone.VoiceCloneCreatedEvent;
import io.voxify.events.sample.SampleAudio;
import io.voxify.events.sample.VoiceSampleUploadedEvent;
import io.voxify.events.user.Role;
import io.voxify.events.user.UserDisabledEvent;
import io.voxify.events.user.UserLoggedInEvent;
import io.voxify.events.user.UserRegisteredEvent;
import io.voxify.query.Deliveries;
import io.voxify.query.ReadModelTest;
import io.voxify.query.clone.CloneProjection;
import io.voxify.query.sample.SampleProjection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The administrators' list of accounts, over the user, sample and clone read models. */
@ReadModelTest
class UserDirectoryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final SampleAudio AUDIO =
            new SampleAudio("samples/x.wav", "ab12", "wav", 1_000, 3.0, 16_000, 1, "x.wav");

    @Autowired
    private UserDirectory directory;

    @Autowired
    private UserProjection users;

    @Autowired
    private UserRepository userRows;

    @Autowired
    private SampleProjection samples;

    @Autowired
    private CloneProjection clones;

    @Autowired
    private Deliveries deliveries;

    private void register(String userId, String email, Role role, long minute) {
        deliveries.deliver(
                users,
                userId,
                0,
                T0.plusSeconds(60 * minute),
                new UserRegisteredEvent(userId, email, "{bcrypt}hash", "First", "Last", role));
    }

    /** Ann (oldest, signed in, two samples and a clone), Bob (an administrator, disabled), Cat (newest). */
    @BeforeEach
    void threeAccounts() {
        register("user_ann", "ann@example.com", Role.USER, 0);
        register("user_bob", "bob_Admin@Example.com", Role.ADMIN, 1);
        register("user_cat", "cat@other.org", Role.USER, 2);
        deliveries.deliver(users, "user_ann", 1, T0.plusSeconds(600), new UserLoggedInEvent("user_ann", "127.0.0.1"));
        deliveries.deliver(users, "user_bob", 1, T0.plusSeconds(300), new UserDisabledEvent("user_bob", "admin_0"));
        for (String sampleId : List.of("vs_1", "vs_2")) {
            deliveries.deliver(
                    samples,
                    sampleId,
                    0,
                    T0,
                    new VoiceSampleUploadedEvent(sampleId, "user_ann", "s", null, "en-US", null, AUDIO));
        }
        deliveries.deliver(
                clones,
                "vc_1",
                0,
                T0,
                new VoiceCloneCreatedEvent("vc_1", "user_ann", List.of("vs_1"), "Mine", null, "en-US"));
    }

    private List<String> ids(FindUsersQuery query) {
        return directory.handle(query).items().stream()
                .map(s -> s.user().userId())
                .toList();
    }

    @Test
    void newestAccountsComeFirstByDefaultAPageAtATime() {
        assertThat(ids(new FindUsersQuery(null, null, null, null, false, 10, 0)))
                .containsExactly("user_cat", "user_bob", "user_ann");
        UserPage page = directory.handle(new FindUsersQuery(null, null, null, null, false, 2, 2));
        assertThat(page.totalCount()).isEqualTo(3);
        assertThat(page.items()).extracting(s -> s.user().userId()).containsExactly("user_ann");
    }

    @Test
    void eachAccountShowsWhatItHoldsAndWhenItWasLastActive() {
        UserSummary ann = directory
                .handle(new FindUsersQuery("ann@", null, null, null, false, 10, 0))
                .items()
                .get(0);

        assertThat(ann.samples()).isEqualTo(2);
        assertThat(ann.clones()).isEqualTo(1);
        assertThat(ann.jobCount()).isZero();
        assertThat(ann.lastActiveAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(ann.user().lastLoginAt()).isEqualTo(T0.plusSeconds(600));
        UserSummary cat = directory
                .handle(new FindUsersQuery("cat@", null, null, null, false, 10, 0))
                .items()
                .get(0);
        assertThat(cat.samples()).isZero();
        assertThat(cat.lastActiveAt()).isNull();
    }

    @Test
    void rowsFromBeforeActivityWasRecordedFallBackToTheLastSignIn() {
        UserEntity row = userRows.findById("user_cat").orElseThrow();
        row.lastLoginAt = T0.plusSeconds(900).toEpochMilli();
        row.lastActiveAt = null;
        userRows.saveAndFlush(row);

        UserSummary cat = directory
                .handle(new FindUsersQuery("cat@", null, null, null, false, 10, 0))
                .items()
                .get(0);
        assertThat(cat.lastActiveAt()).isEqualTo(T0.plusSeconds(900));
    }

    @Test
    void theEmailFilterIgnoresCaseAndTakesWildcardsLiterally() {
        assertThat(ids(new FindUsersQuery("EXAMPLE.COM", null, null, null, false, 10, 0)))
                .containsExactly("user_bob", "user_ann");
        assertThat(ids(new FindUsersQuery("b_a", null, null, null, false, 10, 0)))
                .containsExactly("user_bob");
        assertThat(ids(new FindUsersQuery("n_e", null, null, null, false, 10, 0)))
                .as("an underscore is not any character")
                .isEmpty();
        assertThat(ids(new FindUsersQuery("%", null, null, null, false, 10, 0))).isEmpty();
        assertThat(ids(new FindUsersQuery("", null, null, null, false, 10, 0))).hasSize(3);
    }

    @Test
    void roleAndAccessFilterTheList() {
        assertThat(ids(new FindUsersQuery(null, Role.ADMIN, null, null, false, 10, 0)))
                .containsExactly("user_bob");
        assertThat(ids(new FindUsersQuery(null, null, false, null, false, 10, 0)))
                .containsExactly("user_bob");
        assertThat(ids(new FindUsersQuery(null, Role.USER, true, null, true, 10, 0)))
                .containsExactly("user_ann", "user_cat");
    }

    @Test
    void theListSortsByEmailOrLastSignInWithTheNeverSignedInAsOldest() {
        assertThat(ids(new FindUsersQuery(null, null, null, "email", true, 10, 0)))
                .containsExactly("user_ann", "user_bob", "user_cat");
        assertThat(ids(new FindUsersQuery(null, null, null, "last_login_at", false, 10, 0)))
                .containsExactly("user_ann", "user_cat", "user_bob");
        assertThat(ids(new FindUsersQuery(null, null, null, "job_count", false, 10, 0)))
                .as("no jobs anywhere: ties broken by id")
                .containsExactly("user_cat", "user_bob", "user_ann");
    }
}
