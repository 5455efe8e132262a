package io.voxify.gateway.config;

import io.voxify.events.privacy.Erasure;
import io.voxify.events.privacy.KeyScope;
import io.voxify.gateway.web.RequestContext;
import io.voxify.infrastructure.privacy.PersonalFields;
import io.voxify.saga.work.WorkCorrelation;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Correlation metadata on every command and event. A command sent while serving an HTTP request
 * carries the caller's user id, the request id, the client address and the correlation id;
 * a command sent by a worker carries what the work was queued with. Axon copies these keys from
 * each handled message onto the messages it causes, so a job's events, its saga's commands and
 * the worker's results all name the request that started them. {@code correlationId} is the
 * root of the chain; {@code causationId} is the message that directly caused this one.
 */
@Configuration(proxyBeanMethods = false)
public class CorrelationConfiguration {
    public static final String USER_ID = "userId";
    public static final String REQUEST_ID = "requestId";
    public static final String CLIENT_ADDRESS = "clientAddress";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final List<String> PROPAGATED = List.of(USER_ID, REQUEST_ID, CLIENT_ADDRESS);

    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider(CAUSATION_ID, CORRELATION_ID);
    }

    @Bean
    CorrelationDataProvider requestOrigin() {
        return new SimpleCorrelationDataProvider(PROPAGATED.toArray(String[]::new));
    }

    @Bean
    InitializingBean commandCorrelation(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(correlating());
    }

    /**
     * An event that records a connection nobody signed in on (a registration, a sign-in) names whose address it
     * is: the event's own user, so the event store seals the address under that person's key
     * ({@link Erasure#DATA_SUBJECT}); an address of nobody is not kept.
     */
    @Bean
    InitializingBean eventDataSubjects(EventBus eventBus) {
        return () -> eventBus.registerDispatchInterceptor(dataSubjects());
    }

    static MessageDispatchInterceptor<EventMessage<?>> dataSubjects() {
        return messages -> (index, event) -> {
            MetaData metadata = event.getMetaData();
            if (!metadata.containsKey(CLIENT_ADDRESS) || metadata.get(USER_ID) != null) {
                return event;
            }
            RecordComponent userId =
                    PersonalFields.idComponents(event.getPayloadType()).get(KeyScope.USER);
            if (userId == null) {
                return event;
            }
            try {
                Object subject = userId.getAccessor().invoke(event.getPayload());
                return subject == null ? event : event.andMetaData(Map.of(Erasure.DATA_SUBJECT, subject));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static MessageDispatchInterceptor<CommandMessage<?>> correlating() {
        return messages -> (index, command) -> {
            if (CurrentUnitOfWork.isStarted()) {
                return command; // Axon already merged the handled message's correlation data
            }
            Map<String, Object> extra = new HashMap<>();
            RequestContext.current()
                    .ifPresentOrElse(
                            request -> {
                                extra.put(REQUEST_ID, request.requestId());
                                extra.put(CORRELATION_ID, request.correlationId());
                                extra.put(CLIENT_ADDRESS, request.clientAddress());
                                callerId().ifPresent(id -> extra.put(USER_ID, id));
                            },
                            () -> extra.putAll(WorkCorrelation.ambient()));
            command.getMetaData().keySet().forEach(extra::remove);
            return extra.isEmpty() ? command : command.andMetaData(extra);
        };
    }

    private static Optional<String> callerId() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null
                        && auth.isAuthenticated()
                        && auth.getPrincipal() instanceof org.springframework.security.oauth2.jwt.Jwt jwt
                ? Optional.ofNullable(jwt.getSubject())
                : Optional.empty();
    }
}
