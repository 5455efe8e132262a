package io.voxify.gateway.webhook;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.user.FindUserQuery;
import io.voxify.events.user.RotateWebhookSecretCommand;
import io.voxify.events.user.UserView;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.ViewAwaiter;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's webhook signing secret and how signatures are made, so a receiver can check them; and its
 * rotation: a new secret at once, the previous one still signing alongside it for the overlap.
 */
@RestController
@Tag(name = "Webhooks")
@RequestMapping("/api/v1/webhooks")
public class WebhookController {
    private static final Duration VIEW_WAIT = Duration.ofSeconds(10);

    private final WebhookSecrets secrets;
    private final CommandGateway commands;
    private final ViewAwaiter views;

    public WebhookController(WebhookSecrets secrets, CommandGateway commands, ViewAwaiter views) {
        this.secrets = secrets;
        this.commands = commands;
        this.views = views;
    }

    @GetMapping("/secret")
    ResponseEntity<Envelope<WebhookSecretResponse>> secret(@AuthenticationPrincipal Jwt jwt) {
        return Envelope.ok(WebhookSecretResponse.of(
                secrets.secretsOf(AuthenticatedUser.from(jwt).userId())));
    }

    /**
     * Replaces the secret (recorded as a {@code WebhookSecretRotatedEvent} in the account's history). Answers
     * once callbacks are signed with the new secret, so a receiver that switches now misses none.
     */
    @PostMapping("/secret/rotate")
    ResponseEntity<Envelope<WebhookSecretResponse>> rotate(@AuthenticationPrincipal Jwt jwt) {
        String userId = AuthenticatedUser.from(jwt).userId();
        int generation = commands.sendAndWait(new RotateWebhookSecretCommand(userId));
        UserView user = views.await(
                        new FindUserQuery(userId),
                        UserView.class,
                        u -> u.webhookSecretGeneration() >= generation,
                        VIEW_WAIT)
                .orElseThrow(() -> new DomainException(
                        ErrorCode.SERVICE_UNAVAILABLE,
                        "The new secret is not in effect yet; read it again in a moment"));
        return Envelope.ok(
                WebhookSecretResponse.of(
                        secrets.secrets(userId, user.webhookSecretGeneration(), user.webhookSecretRotatedAt())),
                "Webhook secret rotated");
    }
}
