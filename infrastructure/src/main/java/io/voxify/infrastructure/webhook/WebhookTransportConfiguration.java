package io.voxify.infrastructure.webhook;

import io.voxify.infrastructure.webhook.http.HttpCallbackTransport;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Webhook calls go out over plain HTTP/1.1 to the address that was checked. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookTransportProperties.class)
public class WebhookTransportConfiguration {

    @Bean
    HttpCallbackTransport httpCallbackTransport(WebhookTransportProperties properties) {
        return new HttpCallbackTransport(properties.connectTimeout(), properties.totalTimeout());
    }
}
