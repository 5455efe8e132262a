package io.voxify.gateway.config;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat refuses an encoded slash (%2F) in a path with its own HTML page, before the API can
 * answer. Such paths are passed on, so the security firewall refuses them with a 400 in the
 * envelope like every other error (no path ever reaches the disk here anyway).
 */
@Configuration(proxyBeanMethods = false)
public class TomcatConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheApi() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
    }
}
