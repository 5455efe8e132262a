package baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The start-up baseline of {@code StartupBenchmark}: Spring Boot with Tomcat, Spring MVC and Jackson
 * and one endpoint, nothing of Voxify's, started from the same class path and JVM as the platform.
 * The platform's start-up is reported as a multiple of this floor. It lives outside {@code io.voxify}
 * so that the platform's component scan (in the tests that start it) never picks it up.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({
    ServletWebServerFactoryAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    JacksonAutoConfiguration.class
})
@Import(BareWebApplication.Ready.class)
public class BareWebApplication {
    public static void main(String[] args) {
        SpringApplication.run(BareWebApplication.class, args);
    }

    @RestController
    public static class Ready {
        @GetMapping("/actuator/health/readiness")
        String ready() {
            return "{\"status\":\"UP\"}";
        }
    }
}
