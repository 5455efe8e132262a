package io.voxify.events.user;

/**
 * What a {@link ChangeUserAccessCommand} changed: whether it disabled the account and whether it
 * changed the role. Either one ends the account's sessions.
 */
public record AccessChange(boolean disabled, boolean roleChanged) {

    public boolean endsSessions() {
        return disabled || roleChanged;
    }
}
