package io.voxify.gateway.config;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
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
        return factory ->
                factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
    }

    /**
     * Requests Tomcat refuses itself answer in the envelope ({@link EnvelopeErrorReportValve}).
     * Spring Boot's customizer puts a plain error valve on the host first; this one, ordered
     * after it, takes its place, and the host is told its valve class so it adds no other.
     */
    @Bean
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerRefusalsInTheEnvelope() {
        return factory -> factory.addContextCustomizers(context -> {
            Host host = (Host) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof EnvelopeErrorReportValve)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new EnvelopeErrorReportValve());
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
            }
        });
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
