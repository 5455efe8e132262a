package io.voxify.gateway.library;

import io.voxify.gateway.security.AuthenticatedUser;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The list's {@code owner} filter: {@code me} (the caller's clones), {@code system} (presets and neural
 * voices, which nobody owns) or a user id. A user id is the caller's own clones when it is the caller's,
 * that user's clones for an administrator, and nothing for anyone else: the same empty page whether or not
 * the user exists, so the answer tells nothing about other accounts.
 */
record OwnerFilter(Kind kind, String userId) {
    static final String ALLOWED = "must be me, system or a user id (user_…)";
    private static final Pattern USER_ID = Pattern.compile("user_[A-Za-z0-9_-]{1,64}");

    enum Kind {
        ME,
        SYSTEM,
        USER,
        NOBODY
    }

    /** Null when the parameter is absent or invalid (then {@code errors} says why). */
    static OwnerFilter parse(String value, AuthenticatedUser caller, Map<String, String> errors) {
        if (value == null) {
            return null;
        }
        String keyword = value.toLowerCase(Locale.ROOT);
        if (keyword.equals("me") || value.equals(caller.userId())) {
            return new OwnerFilter(Kind.ME, caller.userId());
        }
        if (keyword.equals("system")) {
            return new OwnerFilter(Kind.SYSTEM, null);
        }
        if (USER_ID.matcher(value).matches()) {
            return caller.isAdmin() ? new OwnerFilter(Kind.USER, value) : new OwnerFilter(Kind.NOBODY, null);
        }
        errors.put("owner", ALLOWED);
        return null;
    }

    boolean admits(VoiceModel voice) {
        return switch (kind) {
            case ME, USER -> Objects.equals(userId, voice.ownerId());
            case SYSTEM -> voice.ownerId() == null;
            case NOBODY -> false;
        };
    }

    /**
     * The filter in a page's cache key, or null when such a page is not cached: another user's voices are
     * not kept under the caller's pages, which their owner's changes would not drop.
     */
    String cacheKey() {
        return switch (kind) {
            case ME -> "me";
            case SYSTEM -> "system";
            case USER, NOBODY -> null;
        };
    }
}
