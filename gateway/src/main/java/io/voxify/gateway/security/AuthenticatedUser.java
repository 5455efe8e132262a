package io.voxify.gateway.security;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.user.Role;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling, as the access token says. */
public record AuthenticatedUser(String userId, String email, Role role, String tokenId) {

    public static AuthenticatedUser from(Jwt jwt) {
        if (jwt == null) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "Authentication required");
        }
        return new AuthenticatedUser(
                jwt.getSubject(),
                jwt.getClaimAsString("email"),
                Role.fromWire(jwt.getClaimAsString(TokenService.ROLE_CLAIM)),
                jwt.getId());
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Owners see their own resources; admins see everything; anyone else gets the same 404 as for nothing. */
    public boolean mayAccess(String ownerId) {
        return isAdmin() || userId.equals(ownerId);
    }
}
