package io.voxify.command.user;

import static org.axonframework.test.matchers.Matchers.predicate;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.user.AccessChange;
import io.voxify.events.user.AuthenticateUserCommand;
import io.voxify.events.user.ChangeUserAccessCommand;
import io.voxify.events.user.PasswordVerifier;
import io.voxify.events.user.RegisterUserCommand;
import io.voxify.events.user.RenewSessionCommand;
import io.voxify.events.user.Role;
import io.voxify.events.user.RotateWebhookSecretCommand;
import io.voxify.events.user.SessionGrant;
import io.voxify.events.user.UpdateUserProfileCommand;
import io.voxify.events.user.UserDisabledEvent;
import io.voxify.events.user.UserEnabledEvent;
import io.voxify.events.user.UserLoggedInEvent;
import io.voxify.events.user.UserPasswordChangedEvent;
import io.voxify.events.user.UserProfileUpdatedEvent;
import io.voxify.events.user.UserRegisteredEvent;
import io.voxify.events.user.UserRoleChangedEvent;
import io.voxify.events.user.WebhookSecretRotatedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserAccountTest {
    private static final String USER_ID = "user-1";
    private static final String EMAIL = "ada@example.com";
    private static final String PASSWORD = "correct horse";
    private static final String CLIENT = "203.0.113.7";

    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
        // Deterministic stand-in for BCrypt: the hash of "x" is "hash:x".
        fixture.registerInjectableResource((PasswordVerifier) (raw, hash) -> hash.equals(hash(raw)));
    }

    private static String hash(String raw) {
        return "hash:" + raw;
    }

    private static UserRegisteredEvent registered(Role role) {
        return new UserRegisteredEvent(USER_ID, EMAIL, hash(PASSWORD), "Ada", "Lovelace", role);
    }

    private static Matcher<Throwable> refusedWith(ErrorCode code) {
        return predicate(e -> e instanceof DomainException d && d.code() == code);
    }

    @Test
    void registeringCreatesTheAccount() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(USER_ID, EMAIL, hash(PASSWORD), "Ada", "Lovelace", Role.USER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered(Role.USER));
    }

    @Test
    void registeringWithoutNamesIsAllowed() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(USER_ID, EMAIL, hash(PASSWORD), null, null, Role.AUDITOR))
                .expectEvents(new UserRegisteredEvent(USER_ID, EMAIL, hash(PASSWORD), null, null, Role.AUDITOR));
    }

    @Test
    void cannotRegisterWithoutEmail() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(USER_ID, null, hash(PASSWORD), "Ada", "Lovelace", Role.USER))
                .expectException(refusedWith(ErrorCode.MISSING_FIELDS))
                .expectNoEvents();
    }

    @Test
    void cannotRegisterWithoutPassword() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(USER_ID, EMAIL, null, "Ada", "Lovelace", Role.USER))
                .expectException(refusedWith(ErrorCode.MISSING_FIELDS))
                .expectNoEvents();
    }

    @Test
    void cannotRegisterWithoutRole() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(USER_ID, EMAIL, hash(PASSWORD), "Ada", "Lovelace", null))
                .expectException(refusedWith(ErrorCode.MISSING_FIELDS))
                .expectNoEvents();
    }

    @Test
    void loggingInWithTheRightPasswordAnswersTheRole() {
        fixture.given(registered(Role.ADMIN))
                .when(new AuthenticateUserCommand(USER_ID, PASSWORD, CLIENT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserLoggedInEvent(USER_ID, CLIENT))
                .expectResultMessagePayload(Role.ADMIN);
    }

    @Test
    void cannotLogInWithAWrongPassword() {
        fixture.given(registered(Role.USER))
                .when(new AuthenticateUserCommand(USER_ID, "wrong", CLIENT))
                .expectException(DomainException.class)
                .expectException(refusedWith(ErrorCode.INVALID_CREDENTIALS))
                .expectExceptionMessage("Invalid email or password")
                .expectNoEvents();
    }

    @Test
    void cannotLogInWithTheHashItself() {
        fixture.given(registered(Role.USER))
                .when(new AuthenticateUserCommand(USER_ID, hash(PASSWORD), CLIENT))
                .expectException(refusedWith(ErrorCode.INVALID_CREDENTIALS))
                .expectNoEvents();
    }

    @Test
    void loggingInUsesTheChangedPassword() {
        fixture.given(registered(Role.USER), new UserPasswordChangedEvent(USER_ID, hash("new secret")))
                .when(new AuthenticateUserCommand(USER_ID, "new secret", CLIENT))
                .expectEvents(new UserLoggedInEvent(USER_ID, CLIENT))
                .expectResultMessagePayload(Role.USER);
    }

    @Test
    void cannotLogInWithTheOldPasswordAfterAChange() {
        fixture.given(registered(Role.USER), new UserPasswordChangedEvent(USER_ID, hash("new secret")))
                .when(new AuthenticateUserCommand(USER_ID, PASSWORD, CLIENT))
                .expectException(refusedWith(ErrorCode.INVALID_CREDENTIALS))
                .expectNoEvents();
    }

    @Test
    void updatingNamesEmitsOnlyTheProfileChange() {
        fixture.given(registered(Role.USER))
                .when(new UpdateUserProfileCommand(USER_ID, "Augusta", null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserProfileUpdatedEvent(USER_ID, "Augusta", null));
    }

    @Test
    void updatingNothingEmitsNothing() {
        fixture.given(registered(Role.USER))
                .when(new UpdateUserProfileCommand(USER_ID, null, null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changingThePasswordWithTheCurrentOneEmitsOnlyThePasswordChange() {
        fixture.given(registered(Role.USER))
                .when(new UpdateUserProfileCommand(USER_ID, null, null, PASSWORD, hash("new secret")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserPasswordChangedEvent(USER_ID, hash("new secret")));
    }

    @Test
    void updatingNamesAndPasswordTogetherEmitsBoth() {
        fixture.given(registered(Role.USER))
                .when(new UpdateUserProfileCommand(USER_ID, "Augusta", "King", PASSWORD, hash("new secret")))
                .expectEvents(
                        new UserProfileUpdatedEvent(USER_ID, "Augusta", "King"),
                        new UserPasswordChangedEvent(USER_ID, hash("new secret")));
    }

    @Test
    void cannotChangeThePasswordWithAWrongCurrentOne() {
        fixture.given(registered(Role.USER))
                .when(new UpdateUserProfileCommand(USER_ID, "Augusta", null, "wrong", hash("new secret")))
                .expectException(refusedWith(ErrorCode.INVALID_CREDENTIALS))
                .expectNoEvents();
    }

    @Test
    void cannotChangeThePasswordWithoutTheCurrentOne() {
        fixture.given(registered(Role.USER))
                .when(new UpdateUserProfileCommand(USER_ID, null, null, null, hash("new secret")))
                .expectException(refusedWith(ErrorCode.INVALID_CREDENTIALS))
                .expectNoEvents();
    }

    @Test
    void updatingNamesNeedsNoPassword() {
        fixture.given(registered(Role.USER))
                .when(new UpdateUserProfileCommand(USER_ID, null, "King", "wrong", null))
                .expectEvents(new UserProfileUpdatedEvent(USER_ID, null, "King"));
    }

    @Test
    void disablingAnAccountRefusesItsSignIns() {
        fixture.given(registered(Role.USER))
                .andGivenCommands(new ChangeUserAccessCommand(USER_ID, false, null, "admin-1"))
                .when(new AuthenticateUserCommand(USER_ID, PASSWORD, CLIENT))
                .expectException(refusedWith(ErrorCode.ACCOUNT_DISABLED))
                .expectNoEvents();
    }

    @Test
    void aDisabledAccountWithAWrongPasswordLooksLikeAnyWrongPassword() {
        fixture.given(registered(Role.USER), new UserDisabledEvent(USER_ID, "admin-1"))
                .when(new AuthenticateUserCommand(USER_ID, "guess", CLIENT))
                .expectException(refusedWith(ErrorCode.INVALID_CREDENTIALS));
    }

    @Test
    void accessChangesEmitOnlyWhatChanged() {
        fixture.given(registered(Role.USER))
                .when(new ChangeUserAccessCommand(USER_ID, false, Role.ADMIN, "admin-1"))
                .expectEvents(
                        new UserDisabledEvent(USER_ID, "admin-1"),
                        new UserRoleChangedEvent(USER_ID, Role.ADMIN, "admin-1"));
        fixture.given(registered(Role.USER))
                .when(new ChangeUserAccessCommand(USER_ID, true, Role.USER, "admin-1"))
                .expectNoEvents();
    }

    @Test
    void anAccessChangeAnswersWhetherItEndsTheSessions() {
        fixture.given(registered(Role.USER))
                .when(new ChangeUserAccessCommand(USER_ID, false, null, "admin-1"))
                .expectResultMessagePayload(new AccessChange(true, false));
        fixture.given(registered(Role.USER))
                .when(new ChangeUserAccessCommand(USER_ID, null, Role.AUDITOR, "admin-1"))
                .expectResultMessagePayload(new AccessChange(false, true));
        fixture.given(registered(Role.USER), new UserDisabledEvent(USER_ID, "admin-1"))
                .when(new ChangeUserAccessCommand(USER_ID, false, Role.USER, "admin-1"))
                .expectNoEvents()
                .expectResultMessagePayload(new AccessChange(false, false));
        fixture.given(registered(Role.USER), new UserDisabledEvent(USER_ID, "admin-1"))
                .when(new ChangeUserAccessCommand(USER_ID, true, null, "admin-1"))
                .expectResultMessagePayload(new AccessChange(false, false));
    }

    @Test
    void aSessionIsRenewedWithTheRoleTheAccountHasNow() {
        fixture.given(registered(Role.USER), new UserRoleChangedEvent(USER_ID, Role.ADMIN, "admin-1"))
                .when(new RenewSessionCommand(USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new SessionGrant(USER_ID, EMAIL, Role.ADMIN));
    }

    @Test
    void aDisabledAccountGetsNoNewSession() {
        fixture.given(registered(Role.USER), new UserDisabledEvent(USER_ID, "admin-1"))
                .when(new RenewSessionCommand(USER_ID))
                .expectException(refusedWith(ErrorCode.ACCOUNT_DISABLED))
                .expectNoEvents();
    }

    @Test
    void reEnablingAnAccountAllowsSignInAgain() {
        fixture.given(
                        registered(Role.USER),
                        new UserDisabledEvent(USER_ID, "admin-1"),
                        new UserEnabledEvent(USER_ID, "admin-1"))
                .when(new AuthenticateUserCommand(USER_ID, PASSWORD, CLIENT))
                .expectEvents(new UserLoggedInEvent(USER_ID, CLIENT));
    }

    @Test
    void eachRotationMovesTheWebhookSecretToTheNextGenerationAndAnswersIt() {
        fixture.given(registered(Role.USER), new WebhookSecretRotatedEvent(USER_ID, 1))
                .when(new RotateWebhookSecretCommand(USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new WebhookSecretRotatedEvent(USER_ID, 2))
                .expectResultMessagePayload(2);
    }
}
