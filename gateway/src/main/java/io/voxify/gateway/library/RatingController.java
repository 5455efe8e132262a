package io.voxify.gateway.library;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.library.FindUserRatingsQuery;
import io.voxify.events.library.RateVoiceCommand;
import io.voxify.events.library.RemoveVoiceRatingCommand;
import io.voxify.events.library.UserRatingsView;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.ViewAwaiter;
import io.voxify.infrastructure.cache.LibraryPageCache;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's rating of a voice they can use (a preset, a neural voice, one of their own clones): one per
 * user and voice, 1 to 5, replaced by the next and removable. The answer shows the change: it waits for
 * the user's ratings view to reach the command's version, then drops the user's cached library pages.
 */
@Tag(name = "Voice library")
@RestController
@RequestMapping("/api/v1/voice/models")
public class RatingController {
    private static final String RACED = "Your ratings were changed elsewhere at the same time; try again";
    /**
     * Two nodes changing one user's ratings at once: the loser retries on the new version (last write wins),
     * after a short random pause so that two nodes' queues of commands for the user fall out of step.
     */
    private static final int ATTEMPTS = 10;

    private static final Logger log = LoggerFactory.getLogger(RatingController.class);

    private final VoiceLibrary library;
    private final LibraryRatings ratings;
    private final CommandGateway commands;
    private final ViewAwaiter views;
    private final LibraryPageCache pages;

    public RatingController(
            VoiceLibrary library,
            LibraryRatings ratings,
            CommandGateway commands,
            ViewAwaiter views,
            LibraryPageCache pages) {
        this.library = library;
        this.ratings = ratings;
        this.commands = commands;
        this.views = views;
        this.pages = pages;
    }

    @Operation(
            summary = "Rate a voice the caller can use, or change their rating",
            description = "Body {\"rating\": 1 to 5} (a whole number). Answers the voice's mean rating "
                    + "(user_rating, one decimal), rating_count and the caller's my_rating.")
    @ApiErrors({ErrorCode.VOICE_MODEL_NOT_FOUND, ErrorCode.VALIDATION_ERROR, ErrorCode.CONFLICT})
    @PutMapping("/{voiceModelId}/rating")
    ResponseEntity<Envelope<RatingResponse>> rate(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String voiceModelId,
            @Valid @RequestBody(required = false) RateVoiceRequest body) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        library.find(user, voiceModelId);
        if (body == null) {
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR,
                    "The body must be {\"rating\": 1 to 5}",
                    Map.of("rating", RateVoiceRequest.REQUIRED));
        }
        long version = send(new RateVoiceCommand(ratingsId(user), user.userId(), voiceModelId, body.rating()));
        return answer(user, voiceModelId, version, "Rating saved");
    }

    @Operation(summary = "Remove the caller's rating of a voice (nothing to remove is no error)")
    @ApiErrors({ErrorCode.VOICE_MODEL_NOT_FOUND, ErrorCode.CONFLICT})
    @DeleteMapping("/{voiceModelId}/rating")
    ResponseEntity<Envelope<RatingResponse>> remove(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String voiceModelId) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        library.find(user, voiceModelId);
        Long version;
        try {
            version = send(new RemoveVoiceRatingCommand(ratingsId(user), user.userId(), voiceModelId));
        } catch (AggregateNotFoundException neverRatedAnything) {
            version = null;
        }
        return answer(user, voiceModelId, version, "Rating removed");
    }

    /**
     * Another node stored an event of the same user's ratings first (the very first one included, which
     * Axon reports as a stream that already exists): the command runs again on what that node stored.
     */
    private long send(Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.<Long>sendAndWait(command);
            } catch (ConcurrencyException | AggregateStreamCreationException raced) {
                if (attempt == ATTEMPTS) {
                    throw new DomainException(ErrorCode.CONFLICT, RACED);
                }
                log.info(
                        "Ratings raced on another node (attempt {}): {}",
                        attempt,
                        raced.getClass().getSimpleName());
                pause(ThreadLocalRandom.current().nextInt(5, 5 + 20 * attempt));
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(ErrorCode.CONFLICT, RACED);
        }
    }

    private ResponseEntity<Envelope<RatingResponse>> answer(
            AuthenticatedUser user, String voiceModelId, Long version, String message) {
        if (version != null) {
            views.await(
                    new FindUserRatingsQuery(user.userId()),
                    UserRatingsView.class,
                    v -> v.version() >= version,
                    Duration.ofSeconds(10));
        }
        pages.invalidate(user.userId());
        LibraryRatings.Snapshot rated = ratings.of(user.userId(), List.of(voiceModelId));
        return Envelope.ok(
                new RatingResponse(
                        voiceModelId, rated.mean(voiceModelId), rated.count(voiceModelId), rated.my(voiceModelId)),
                message);
    }

    private static String ratingsId(AuthenticatedUser user) {
        return "rat_" + user.userId();
    }
}
