package io.voxify.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A tarpit receiver (it accepts the connection and never answers) slows only its owner's callbacks: tries run
 * one at a time per owner, owners in turn, so another user's callback goes out on the next free sender while
 * the tarpit holds one sender per try until the timeout.
 */
class WebhookFairnessTest {

    @Test
    void aTarpitReceiverSlowsOnlyItsOwner() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        AtomicInteger tarpitConnections = new AtomicInteger();
        AtomicInteger connectionsWhenOtherArrived = new AtomicInteger(-1);
        try (ServerSocket tarpit = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!tarpit.isClosed()) {
                    try {
                        held.add(tarpit.accept());
                        tarpitConnections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            receiver.createContext("/", exchange -> {
                connectionsWhenOtherArrived.compareAndSet(-1, tarpitConnections.get());
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            receiver.start();
            try (RunningApp app = RunningApp.start(
                    RunningApp.tempDir("voxify-webhook-fair-"),
                    Map.of(
                            "voxify.webhooks.sender-threads", 2,
                            "voxify.webhooks.retry-delays", "1h",
                            "voxify.webhooks.connect-timeout", "PT1S",
                            "voxify.webhooks.total-timeout", "PT3S"))) {
                ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
                ApiClient.Response allowed = admin.put("/api/v1/admin/config", Map.of("allow_private_callbacks", true));
                assertThat(allowed.status()).as(allowed.text()).isEqualTo(200);

                ApiClient owner = app.client().newUser();
                List<String> slow = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    slow.add(owner.createJob(Map.of(
                                    "text_content",
                                    "Tarpit number " + i + ".",
                                    "callback_url",
                                    "http://127.0.0.1:" + tarpit.getLocalPort() + "/hook"))
                            .get("id")
                            .asText());
                }
                for (String job : slow) {
                    owner.awaitJob(job, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (tarpitConnections.get() < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(tarpitConnections.get())
                        .as("the tarpit is being tried")
                        .isPositive();

                ApiClient other = app.client().newUser();
                String job = other.createJob(Map.of(
                                "text_content",
                                "Another user's callback.",
                                "callback_url",
                                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"))
                        .get("id")
                        .asText();
                other.awaitJob(
                        job,
                        j -> j.get("webhook").isObject()
                                && j.get("webhook").get("state").asText().equals("delivered"),
                        Duration.ofSeconds(60));
                // Without fairness both senders serve the tarpit's queue first: six tries, three seconds each.
                assertThat(connectionsWhenOtherArrived.get())
                        .as("tarpit tries made before the other user's callback went out")
                        .isLessThanOrEqualTo(2);
            } finally {
                receiver.stop(0);
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
