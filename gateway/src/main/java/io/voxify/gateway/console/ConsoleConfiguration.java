package io.voxify.gateway.console;

import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web console: static files under {@code classpath:/static}, served at {@code /} (the page) and
 * {@code /console/**} (its modules and styles). Only these paths are mapped, so every other path keeps
 * answering the API's 404 envelope. The console talks to the public REST API like any other client.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleConfiguration implements WebMvcConfigurer {
    /** Paths anyone may fetch: the page and its assets hold no data. */
    public static final List<String> PUBLIC_PATHS = List.of("/", "/index.html", "/console/**");

    /**
     * Scripts (the recorder's audio worklet included), styles and connections from this origin only, no
     * inline code; audio plays from the blob URLs the console makes of authenticated downloads and of
     * recordings.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final String[] pageLocations;
    private final String[] assetLocations;

    public ConsoleConfiguration(ConsoleProperties console) {
        String directory = console.directory();
        String dir = directory.isBlank() ? null : "file:" + (directory.endsWith("/") ? directory : directory + "/");
        this.pageLocations =
                dir == null ? new String[] {"classpath:/static/"} : new String[] {dir, "classpath:/static/"};
        this.assetLocations = dir == null
                ? new String[] {"classpath:/static/console/"}
                : new String[] {dir + "console/", "classpath:/static/console/"};
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // no-cache: the browser revalidates (ETag/Last-Modified), so a new build is picked up at once.
        registry.addResourceHandler("/index.html")
                .addResourceLocations(pageLocations)
                .setCacheControl(CacheControl.noCache());
        registry.addResourceHandler("/console/**")
                .addResourceLocations(assetLocations)
                .setCacheControl(CacheControl.noCache());
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("forward:/index.html");
    }
}
