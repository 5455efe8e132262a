package io.voxify.gateway.webhook;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's webhook signing secret and how signatures are made, so a receiver can check them. */
@RestController
@Tag(name = "Webhooks")
@RequestMapping("/api/v1/webhooks")
public class WebhookController {
    private final WebhookSecrets secrets;

    public WebhookController(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    @GetMapping("/secret")
    ResponseEntity<Map<String, Object>> secret(@AuthenticationPrincipal Jwt jwt) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("secret", secrets.secretFor(user.userId()));
        data.put("signature_header", HttpWebhookSender.SIGNATURE_HEADER);
        data.put("signature_format", "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\" keyed with secret>");
        return Envelope.ok(data);
    }
}
