package io.voxify.events.admin;

import java.util.List;

public record UserPage(List<UserSummary> items, long totalCount) {}
