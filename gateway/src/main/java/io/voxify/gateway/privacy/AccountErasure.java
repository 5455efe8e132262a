package io.voxify.gateway.privacy;

import io.voxify.events.clone.ClonePage;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.DeleteVoiceCloneCommand;
import io.voxify.events.clone.FindClonesQuery;
import io.voxify.events.common.DomainException;
import io.voxify.events.job.CancelJobCommand;
import io.voxify.events.job.DeleteJobCommand;
import io.voxify.events.job.FindJobsQuery;
import io.voxify.events.job.JobPage;
import io.voxify.events.library.FavoritesView;
import io.voxify.events.library.FindFavoritesQuery;
import io.voxify.events.library.FindUserRatingsQuery;
import io.voxify.events.library.RemoveFavoriteVoiceCommand;
import io.voxify.events.library.RemoveVoiceRatingCommand;
import io.voxify.events.library.UserRatingsView;
import io.voxify.events.sample.DeleteVoiceSampleCommand;
import io.voxify.events.sample.FindSamplesQuery;
import io.voxify.events.sample.SamplePage;
import io.voxify.events.sample.SampleView;
import io.voxify.events.user.AccountDeletedEvent;
import io.voxify.infrastructure.privacy.PersonalKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What follows an account's deletion: its jobs are cancelled and deleted (their audio goes with them), its clones,
 * samples (blobs and speaker vectors), favourites and ratings are removed, each through its own aggregate so the
 * history says so and the clean-ups that follow those events run as they always do; then the person's keys are
 * destroyed once more, for a resource made by a request that was in flight when the account went. A tracking
 * processor of its own: a failure stops it and it tries again, and every step is safe to repeat (a resource
 * already gone is skipped).
 */
@Component
@ProcessingGroup(AccountErasure.PROCESSING_GROUP)
public class AccountErasure {
    public static final String PROCESSING_GROUP = "account-erasure";
    private static final Logger log = LoggerFactory.getLogger(AccountErasure.class);
    private static final int PAGE = 200;
    /** The most of each kind one pass removes; more (a bound no real account reaches) waits for a redelivery. */
    private static final int MAX_ITEMS = 100_000;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final PersonalKeys keys;

    public AccountErasure(CommandGateway commands, QueryGateway queries, PersonalKeys keys) {
        this.commands = commands;
        this.queries = queries;
        this.keys = keys;
    }

    @EventHandler
    void on(AccountDeletedEvent deleted) {
        String userId = deleted.userId();
        String by = deleted.requestedBy();
        List<Job> jobs = all(
                offset -> queries.query(
                                new FindJobsQuery(
                                        userId, null, null, null, null, null, "created_at", true, PAGE, offset),
                                JobPage.class)
                        .join()
                        .items(),
                job -> new Job(job.jobId(), job.status().isFinal()));
        for (Job job : jobs) {
            if (!job.ended()) {
                attempt(new CancelJobCommand(job.jobId(), by));
            }
            attempt(new DeleteJobCommand(job.jobId(), by));
        }
        List<String> clones = all(
                offset -> queries.query(new FindClonesQuery(userId, null, null, PAGE, offset), ClonePage.class)
                        .join()
                        .items(),
                CloneView::cloneId);
        clones.forEach(clone -> attempt(new DeleteVoiceCloneCommand(clone, by)));
        List<String> samples = all(
                offset -> queries.query(new FindSamplesQuery(userId, null, null, PAGE, offset), SamplePage.class)
                        .join()
                        .items(),
                SampleView::sampleId);
        samples.forEach(sample -> attempt(new DeleteVoiceSampleCommand(sample, by)));
        FavoritesView favorites = queries.query(new FindFavoritesQuery(userId), FavoritesView.class)
                .join();
        favorites.favorites().forEach(voice -> attempt(new RemoveFavoriteVoiceCommand("fav_" + userId, userId, voice)));
        UserRatingsView ratings = queries.query(new FindUserRatingsQuery(userId), UserRatingsView.class)
                .join();
        ratings.ratings()
                .keySet()
                .forEach(voice -> attempt(new RemoveVoiceRatingCommand("rat_" + userId, userId, voice)));
        List<String> late = keys.destroyOwnedBy(userId);
        log.info(
                "Account {} erased: {} jobs, {} clones, {} samples, {} favourites, {} ratings removed; {} late keys destroyed",
                userId,
                jobs.size(),
                clones.size(),
                samples.size(),
                favorites.favorites().size(),
                ratings.ratings().size(),
                late.size());
    }

    /** A job to remove: its id, and whether it has ended (else it is cancelled first). */
    private record Job(String jobId, boolean ended) {}

    /**
     * What identifies every item, read page by page before any is removed (removing while paging would skip some);
     * only the ids are kept, not the items (a job's view holds its text), so memory stays a few MB at the bound.
     */
    private static <T, I> List<I> all(Function<Integer, List<T>> page, Function<T, I> id) {
        List<I> items = new ArrayList<>();
        for (int offset = 0; offset < MAX_ITEMS; offset += PAGE) {
            List<T> next = page.apply(offset);
            next.forEach(item -> items.add(id.apply(item)));
            if (next.size() < PAGE) {
                break;
            }
        }
        return items;
    }

    /** Sends the command; a refusal (already gone, already final) means there is nothing left to do for it. */
    private void attempt(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (DomainException | AggregateNotFoundException refused) {
            log.debug("Account erasure: {} refused ({})", command.getClass().getSimpleName(), refused.getMessage());
        } catch (CommandExecutionException refused) {
            if (refused.getDetails().isEmpty()) {
                throw refused;
            }
            log.debug("Account erasure: {} refused ({})", command.getClass().getSimpleName(), refused.getMessage());
        }
    }
}
