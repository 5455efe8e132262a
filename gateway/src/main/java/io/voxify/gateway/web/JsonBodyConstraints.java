package io.voxify.gateway.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What a client's JSON body may be, decided before it is parsed: no API body nests more than a
 * few levels or carries a number of more than a few digits, so a document nested 100,000 deep or
 * a number of a million digits is refused at the first token past the bound, and strings and
 * the document itself stay within the body-size limit ({@link BodySizeLimitFilter}). A field
 * named twice is refused rather than silently read as its last value, so no two readers of a
 * request can disagree on what it said. A {@link RequestRecord} is read field by field.
 *
 * <p>Only the HTTP converter reads with these bounds: the application's shared ObjectMapper also
 * reads stored events and saga state, which keep Jackson's defaults (depth 1,000, numbers of
 * 1,000 digits, strings of 20 million characters).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JsonBodyProperties.class)
public class JsonBodyConstraints implements WebMvcConfigurer {
    static final int MAX_NESTING_DEPTH = 32;
    static final int MAX_NUMBER_LENGTH = 100;
    static final int MAX_NAME_LENGTH = 256;

    private final long maxBodyBytes;

    public JsonBodyConstraints(JsonBodyProperties limits) {
        this.maxBodyBytes = limits.maxJsonBodyBytes();
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter json) {
                ObjectMapper strict = json.getObjectMapper().copy();
                strict.getFactory()
                        .setStreamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(MAX_NESTING_DEPTH)
                                .maxNumberLength(MAX_NUMBER_LENGTH)
                                .maxNameLength(MAX_NAME_LENGTH)
                                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBodyBytes))
                                .maxDocumentLength(maxBodyBytes)
                                .build());
                strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
                strict.registerModule(RequestRecords.module());
                json.setObjectMapper(strict);
            }
        }
    }

    /** Which bound a body broke, in the client's terms; null when the body is simply malformed. */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                String message = String.valueOf(limit.getOriginalMessage());
                if (message.startsWith("Document nesting depth")) {
                    return "nested deeper than " + MAX_NESTING_DEPTH + " levels";
                }
                if (message.startsWith("Number value length")) {
                    return "a number longer than " + MAX_NUMBER_LENGTH + " characters";
                }
                if (message.startsWith("Name length")) {
                    return "a field name longer than " + MAX_NAME_LENGTH + " characters";
                }
                if (message.startsWith("String value length") || message.startsWith("Document length")) {
                    return "longer than the body limit";
                }
                return "beyond the limits of a request body";
            }
            if (t instanceof JsonParseException parse
                    && String.valueOf(parse.getOriginalMessage()).startsWith("Duplicate field")) {
                return "a field appears more than once";
            }
        }
        return null;
    }
}
