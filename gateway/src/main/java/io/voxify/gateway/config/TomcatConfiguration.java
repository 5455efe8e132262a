package io.voxify.gateway.config;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat refuses an encoded slash (%2F) in a path with its own HTML page, before the API can
 * answer. Such paths are passed on, so the security firewall refuses them with a 400 in the
 * envelope like every other error (no path ever reaches the disk here anyway).
 *
 * <p>Every open connection keeps a socket read and a socket write buffer (8 KB each by default,
 * the read one also sizing the HTTP input buffer), and an SSE progress stream holds its
 * connection open for minutes. At 4 KB, as Tomcat's documentation advises for very many
 * connections kept open, a stream costs 12 KB less heap (the SSE benchmark: 2,000 streams);
 * larger bodies simply pass through in more reads and writes.
 */
@Configuration(proxyBeanMethods = false)
public class TomcatConfiguration {

    static final int SOCKET_BUFFER_BYTES = 4096;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheApi() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallerSocketBuffers() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (!connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_BYTES))
                    || !connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_BYTES))) {
                throw new IllegalStateException("Tomcat did not accept the socket buffer sizes");
            }
        });
    }
}
