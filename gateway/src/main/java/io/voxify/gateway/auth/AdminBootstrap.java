package io.voxify.gateway.auth;

import io.voxify.events.user.Role;
import io.voxify.gateway.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The first administrator, from VOXIFY_ADMIN_EMAIL and VOXIFY_ADMIN_PASSWORD, created once. */
@Component
public class AdminBootstrap {
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AuthService auth;
    private final String email;
    private final String password;

    public AdminBootstrap(AuthService auth, SecurityProperties security) {
        this.auth = auth;
        this.email = security.adminEmail();
        this.password = security.adminPassword();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void createFirstAdmin() {
        if (email == null || email.isBlank() || password == null || password.isBlank()) {
            return;
        }
        String normalised = Credentials.normaliseEmail(email);
        if (auth.emailTaken(normalised)) {
            return;
        }
        Credentials.checkStrength(password);
        String userId = auth.register(normalised, password, "Admin", null, Role.ADMIN);
        // The id, not the address: the log outlives an erasure of the account.
        log.info("Created the first administrator account {} (VOXIFY_ADMIN_EMAIL)", userId);
    }
}
