package io.voxify.gateway.config;

import io.voxify.gateway.security.SecurityProperties;
import java.util.Set;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a node whose role cannot work: api and worker nodes exist only in an
 * installation of several nodes, which needs the broker-backed work queue (an in-process queue
 * would run work on an api node and nothing would feed a worker) and one signing key shared by
 * every node (otherwise a token from one API node fails on the next).
 */
@Component
@EnableConfigurationProperties(NodeProperties.class)
public class NodeRoleCheck implements InitializingBean {
    private static final Set<String> ROLES = Set.of("all", "api", "worker");

    private final String role;
    private final String workQueue;
    private final String jwtSecret;

    public NodeRoleCheck(NodeProperties node, SecurityProperties security) {
        this.role = node.role();
        this.workQueue = node.workQueue().type();
        this.jwtSecret = security.jwtSecret();
    }

    @Override
    public void afterPropertiesSet() {
        if (!ROLES.contains(role)) {
            throw new IllegalStateException("VOXIFY_ROLE must be all, api or worker, not " + role);
        }
        if (role.equals("all")) {
            return;
        }
        if (!workQueue.equals("rabbitmq")) {
            throw new IllegalStateException("VOXIFY_ROLE=" + role + " needs the broker work queue "
                    + "(VOXIFY_WORK_QUEUE=rabbitmq, as the infra profile sets)");
        }
        if (jwtSecret == null || jwtSecret.isBlank()) {
            throw new IllegalStateException("VOXIFY_ROLE=" + role + " needs VOXIFY_JWT_SECRET, the same on every node");
        }
    }
}
