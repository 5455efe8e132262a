package io.voxify.events.admin;

import io.voxify.events.user.Role;

/**
 * A page of accounts for administrators. {@code emailContains} is a case-insensitive substring;
 * null filters match everything. {@code sortBy} is already checked against the allow-list. The
 * answer is a {@link UserPage}.
 */
public record FindUsersQuery(
        String emailContains, Role role, Boolean enabled, String sortBy, boolean ascending, int limit, int offset) {}
