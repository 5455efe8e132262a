package io.voxify.gateway.admin;

import io.voxify.events.admin.PlatformConfig;
import io.voxify.gateway.admin.PlatformSettingsSchema.Alias;
import io.voxify.gateway.admin.PlatformSettingsSchema.Setting;
import io.voxify.gateway.admin.PlatformSettingsSchema.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.stereotype.Component;

/**
 * The configuration this node uses until an administrator changes it: each setting's declared default
 * ({@link PlatformSettingsSchema}), overridden by its property {@code voxify.limits.<name in kebab case>}
 * or, failing that, by an older property it was once read from. A default above a limit of the platform
 * (the engine's longest text, the upload ceiling) stops the node from starting rather than promising
 * what the platform cannot do.
 */
@Component
public class PlatformDefaults {
    private final PlatformConfig config;
    private final Map<String, Long> maxima;
    private final long uploadCeilingBytes;

    public PlatformDefaults(Environment properties) {
        this.uploadCeilingBytes = properties.getProperty(
                PlatformSettingsSchema.UPLOAD_CEILING_PROPERTY,
                Long.class,
                PlatformSettingsSchema.setting("max_upload_bytes").max());
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Long> max = new LinkedHashMap<>();
        for (Setting s : PlatformSettingsSchema.SETTINGS) {
            Long nodeMax = s.maxFromProperty() ? properties.getProperty(s.maxFrom(), Long.class, s.max()) : s.max();
            Object value = resolve(properties, s);
            if (s.maxFrom() != null && ((Number) value).longValue() > nodeMax) {
                throw new IllegalStateException(s.property() + " is " + value + ", but " + s.name() + " can be at most "
                        + nodeMax + " (the limit of " + s.maxFrom() + ")");
            }
            values.put(s.name(), value);
            if (nodeMax != null) {
                max.put(s.name(), nodeMax);
            }
        }
        this.config = PlatformSettingsSchema.build(values);
        this.maxima = Map.copyOf(max);
    }

    private static Object resolve(PropertyResolver properties, Setting s) {
        Class<?> type = switch (s.type()) {
            case INTEGER -> Long.class;
            case BOOLEAN -> Boolean.class;
            case STRING -> String.class;
        };
        Object value = properties.getProperty(s.property(), type);
        for (int i = 0; value == null && i < s.aliases().size(); i++) {
            Alias alias = s.aliases().get(i);
            Class<?> aliasType = alias.type() != null ? alias.type() : type;
            Object raw = properties.getProperty(alias.property(), aliasType);
            value = raw == null ? null : alias.toValue().apply(raw);
        }
        return value != null ? value : s.defaultValue();
    }

    public PlatformConfig config() {
        return config;
    }

    /** The setting's default on this node. */
    public Object value(Setting setting) {
        return setting.read(config);
    }

    /** The largest value an administrator may give an integer setting on this node (null: not an integer). */
    public Long max(Setting setting) {
        return setting.type() == Type.INTEGER ? maxima.get(setting.name()) : null;
    }

    /** The largest upload the server accepts at all (the multipart limit); uploads limits stay below it. */
    public long uploadCeilingBytes() {
        return uploadCeilingBytes;
    }
}
