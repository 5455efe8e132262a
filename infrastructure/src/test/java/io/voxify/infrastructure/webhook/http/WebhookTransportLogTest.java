package io.voxify.infrastructure.webhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.voxify.events.webhook.WebhookErrors;
import io.voxify.infrastructure.webhook.CallbackTransport;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Where a person's callbacks go is theirs: the transport's log lines say what went wrong with a try, never the
 * callback's host or the addresses it resolves to (nor an exception's message, which quotes them).
 */
class WebhookTransportLogTest {
    private static final String HOST = "hooks-ada-lovelace.example.com";
    private static final URI CALLBACK = URI.create("https://" + HOST + "/voxify");

    private final Logger logger = (Logger) LoggerFactory.getLogger(HttpCallbackTransport.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final HttpCallbackTransport transport =
            new HttpCallbackTransport(Duration.ofSeconds(2), Duration.ofSeconds(2));

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    private static CallbackTransport.Request request() {
        return new CallbackTransport.Request(Map.of(), new byte[0]);
    }

    private List<String> logged() {
        return lines.list.stream()
                .map(e -> e.getFormattedMessage()
                        + (e.getThrowableProxy() == null
                                ? ""
                                : " " + e.getThrowableProxy().getMessage()))
                .toList();
    }

    @Test
    void aHostThatDoesNotResolveIsLoggedByTheFailureAlone() {
        transport.useResolver(host -> {
            throw new UnknownHostException(host + ": Name or service not known");
        });
        CallbackTransport.Outcome outcome = transport.post(CALLBACK, false, WebhookTransportLogTest::request);
        assertThat(outcome.error()).isEqualTo(WebhookErrors.DNS_ERROR);
        assertThat(logged())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("dns_error")
                        .contains("UnknownHostException")
                        .doesNotContain(HOST));
    }

    @Test
    void aRefusedAddressIsLoggedByItsKindNotTheAddress() {
        transport.useResolver(host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 1, 2, 3})});
        CallbackTransport.Outcome outcome = transport.post(CALLBACK, false, WebhookTransportLogTest::request);
        assertThat(outcome.error()).isEqualTo(WebhookErrors.REFUSED_ADDRESS);
        assertThat(logged())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("a private address")
                        .doesNotContain(HOST)
                        .doesNotContain("10.1.2.3"));
    }

    @Test
    void aFaultOfOursIsLoggedByTypeAndPlaceNotByItsMessage() {
        transport.useResolver(host ->
                new InetAddress[] {InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 9})});
        CallbackTransport.Outcome outcome = transport.post(CALLBACK, false, () -> {
            throw new IllegalStateException("cannot build the body for " + CALLBACK);
        });
        assertThat(outcome.error()).isEqualTo(WebhookErrors.INTERNAL_ERROR);
        assertThat(logged())
                .singleElement()
                .satisfies(line ->
                        assertThat(line).contains("IllegalStateException").doesNotContain(HOST));
    }
}
