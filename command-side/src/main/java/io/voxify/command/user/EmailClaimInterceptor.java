package io.voxify.command.user;

import io.voxify.events.user.DeleteAccountCommand;
import io.voxify.events.user.RegisterUserCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Claims the e-mail of a registration on its way to the new {@link UserAccount}: the one rule an aggregate
 * cannot check alone (an e-mail belongs to one account) is checked where the command is handled, in the
 * transaction that also stores the account's first event, so the claim and the account stand or fall
 * together. A taken e-mail refuses the command ({@code EMAIL_EXISTS}) before the account is created.
 *
 * <p>One of the two usual places for a set-based rule in Axon (AxonIQ's set-based validation sample); the other,
 * an external command handler creating the aggregate, would take the creating handler out of the account.
 * Axon's Spring Boot auto-configuration registers this bean on the command bus, inside the transaction its own
 * interceptor opens.
 */
@Component
class EmailClaimInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {
    private final EmailRegistry emails;

    EmailClaimInterceptor(EmailRegistry emails) {
        this.emails = emails;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        // A registration the account refuses anyway (no e-mail, no id) has nothing to claim: the account says why.
        if (unitOfWork.getMessage().getPayload() instanceof RegisterUserCommand register
                && register.email() != null
                && register.userId() != null) {
            emails.claim(register.email(), register.userId());
        }
        Object result = chain.proceed();
        // A deleted account gives its e-mail back, in the transaction that stores the deletion.
        if (unitOfWork.getMessage().getPayload() instanceof DeleteAccountCommand deletion) {
            emails.release(deletion.userId());
        }
        return result;
    }
}
