package io.voxify.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every administrative route, found in the running application itself, refuses plain users and auditors. */
class AdminRoutesTest {
    private final RunningApp app = RunningApp.shared();

    @Test
    void everyAdminRouteRefusesAPlainUserAndAnAuditor() {
        ApiClient user = app.client().newUser();
        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        ApiClient future = app.client().newUser();
        String auditorEmail =
                future.get("/api/v1/auth/profile").data().get("email").asText();
        admin.patch("/api/v1/admin/users/" + future.userId(), Map.of("role", "auditor"));
        ApiClient auditor = app.client().login(auditorEmail, ApiClient.PASSWORD);

        List<String> routes = new ArrayList<>();
        app.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .getHandlerMethods()
                .keySet()
                .forEach(info -> {
                    for (String pattern : info.getPatternValues()) {
                        if (!pattern.startsWith("/api/v1/admin")) {
                            continue;
                        }
                        String path = pattern.replaceAll("\\{[^}]+}", "x");
                        for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                            routes.add(method.name() + " " + path);
                        }
                    }
                });
        assertThat(routes)
                .as("the admin routes found")
                .hasSizeGreaterThanOrEqualTo(4)
                .contains("GET /api/v1/admin/config", "PUT /api/v1/admin/config", "PATCH /api/v1/admin/users/x");
        for (String route : routes) {
            String[] parts = route.split(" ", 2);
            for (ApiClient caller : List.of(user, auditor)) {
                ApiClient.Response r = caller.raw(parts[0], parts[1], "application/json", "{}".getBytes());
                assertThat(r.status()).as(route).isEqualTo(403);
                assertThat(r.errorCode()).as(route).isEqualTo("FORBIDDEN");
            }
            assertThat(app.client()
                            .raw(parts[0], parts[1], "application/json", "{}".getBytes())
                            .status())
                    .as(route + " without a token")
                    .isEqualTo(401);
        }
    }
}
