package io.customerinfo.stack;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.Yaml;

/**
 * What one app's configuration binds, read from the app itself (its classes and its {@code application.yml}
 * or {@code application.properties} on the test classpath), not from a list kept by hand: the environment
 * variables its configuration file names as {@code ${PLACEHOLDERS}}, and the environment form (Spring's
 * relaxed binding: upper case, dots to underscores, dashes removed or turned into underscores) of every
 * property of its {@code @ConfigurationProperties} classes and of every key its configuration file sets.
 */
final class AppConfiguration {

    /** {@code ${NAME}} or {@code ${NAME:default}} where NAME looks like an environment variable. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)[:}]");

    private final String basePackage;
    private final Set<String> placeholders = new TreeSet<>();
    private final Set<String> propertyNames = new TreeSet<>();
    /** Map-valued properties: any key below them binds. */
    private final Set<String> openPrefixes = new TreeSet<>();

    private AppConfiguration(String basePackage) {
        this.basePackage = basePackage;
    }

    /** Scans {@code basePackage} for {@code @ConfigurationProperties} and reads the configuration file beside it. */
    static AppConfiguration of(String basePackage) {
        AppConfiguration config = new AppConfiguration(basePackage);
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<BeanDefinition> candidates = scanner.findCandidateComponents(basePackage);
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no @ConfigurationProperties class under " + basePackage);
        }
        URL codeSource = null;
        for (BeanDefinition candidate : candidates) {
            Class<?> type = load(candidate.getBeanClassName());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            config.addProperties(prefix, type);
            codeSource = type.getProtectionDomain().getCodeSource().getLocation();
        }
        config.readApplicationConfig(codeSource);
        return config;
    }

    /** Whether an environment variable of this name reaches the app's configuration. */
    boolean binds(String envName) {
        if (placeholders.contains(envName)) {
            return true;
        }
        for (String property : propertyNames) {
            if (envForms(property).contains(envName)) {
                return true;
            }
        }
        for (String prefix : openPrefixes) {
            for (String form : envForms(prefix)) {
                if (envName.startsWith(form + "_")) {
                    return true;
                }
            }
        }
        return false;
    }

    Set<String> placeholders() {
        return placeholders;
    }

    Set<String> propertyNames() {
        return propertyNames;
    }

    String basePackage() {
        return basePackage;
    }

    private void addProperties(String prefix, Class<?> type) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                addProperty(prefix + "." + kebab(component.getName()), component.getType());
            }
            return;
        }
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                addProperty(prefix + "." + kebab(field.getName()), field.getType());
            }
        }
    }

    private void addProperty(String name, Class<?> type) {
        if (Map.class.isAssignableFrom(type)) {
            openPrefixes.add(name);
        } else if (type.isRecord() && type.getName().startsWith(basePackage)) {
            addProperties(name, type);
        } else {
            propertyNames.add(name);
        }
    }

    /** Reads the app's {@code application.yml}, {@code .yaml} and {@code .properties}, whichever it has (one at least). */
    private void readApplicationConfig(URL codeSource) {
        int found = 0;
        for (String name : List.of("application.yml", "application.yaml", "application.properties")) {
            String text = resourceText(codeSource, name);
            if (text == null) {
                continue;
            }
            found++;
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                placeholders.add(matcher.group(1));
            }
            if (name.endsWith(".properties")) {
                Properties properties = new Properties();
                try {
                    properties.load(new StringReader(text));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot parse " + name + " of " + codeSource, e);
                }
                propertyNames.addAll(properties.stringPropertyNames());
            } else {
                for (Object document : new Yaml().loadAll(text)) {
                    if (document instanceof Map<?, ?> map) {
                        flatten("", map, propertyNames);
                    }
                }
            }
        }
        if (found == 0) {
            throw new IllegalStateException("no application.yml or application.properties in " + codeSource);
        }
    }

    /** A resource of the jar or classes directory at {@code codeSource}, or null when it has none. */
    private static String resourceText(URL codeSource, String name) {
        String base = codeSource.toString();
        String location = base.endsWith(".jar") ? "jar:" + base + "!/" + name
                : base + (base.endsWith("/") ? "" : "/") + name;
        try (InputStream in = new URL(location).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException | NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("not found")) {
                return null;
            }
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Collection<String> into) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = prefix.isEmpty() ? String.valueOf(entry.getKey()) : prefix + "." + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> child) {
                flatten(name, child, into);
            } else {
                into.add(name);
            }
        }
    }

    /** The names under which the process environment feeds a property, as Spring Boot maps them. */
    static Set<String> envForms(String propertyName) {
        String upper = propertyName.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
        return Set.copyOf(List.of(upper.replace("-", ""), upper.replace('-', '_')));
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, AppConfiguration.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("scanned class " + name + " cannot be loaded", e);
        }
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("placeholders", placeholders);
        shown.put("properties", propertyNames);
        shown.put("maps", openPrefixes);
        return basePackage + " " + shown;
    }
}
