package io.renewd.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every renewd setting, found in the code rather than listed by hand: the {@code @ConfigMapping}
 * interfaces of the main classes (found by scanning {@code target/classes}, so a new one is
 * picked up), walked by reflection the way SmallRye Config maps them, plus the {@code renewd.*}
 * keys that only appear in {@code ${…}} expressions of the sources or in application.properties.
 */
final class RenewdSettings {

    /** Where Maven compiles the main classes (tests run with the project directory as working directory). */
    static final Path MAIN_CLASSES = Path.of("target/classes");
    static final Path MAIN_SOURCES = Path.of("src/main/java");
    static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");

    /** Shown in the reference when a setting has no default: {@code NONE} for optional ones, {@code REQUIRED} otherwise. */
    static final String NONE = "none";
    static final String REQUIRED = "required";

    /**
     * One setting.
     *
     * @param name          the property name, e.g. {@code renewd.scheduler.sweep-interval}
     * @param type          a short type name, e.g. {@code Duration}, {@code list of Duration}, {@code optional Path}
     * @param defaultValue  what applies when nothing sets it: application.properties (unprofiled or
     *                      {@code %prod}) over {@code @WithDefault} over a {@code ${name:default}} fallback;
     *                      else {@link #NONE} or {@link #REQUIRED}
     * @param source        where it was found (the mapping interface and method, or the file)
     */
    record Setting(String name, String type, String defaultValue, String source) {
        String envVar() {
            return RenewdSettings.envVar(name);
        }
    }

    private record Found(String name, String type, String mappingDefault, boolean optional, String source) {
    }

    private RenewdSettings() {
    }

    /** Every renewd setting, sorted by name. Fails when the code disagrees with itself (see {@link #inconsistencies()}). */
    static List<Setting> all() {
        return scan().settings;
    }

    /** Settings whose defaults differ between a mapping and a {@code ${name:fallback}} expression. */
    static List<String> inconsistencies() {
        return scan().problems;
    }

    /** The {@code @ConfigMapping} interfaces of the main classes. */
    static List<Class<?>> mappingInterfaces() {
        List<Class<?>> mappings = new ArrayList<>();
        for (String className : mainClassNames()) {
            Class<?> type;
            try {
                type = Class.forName(className, false, RenewdSettings.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new AssertionError("cannot load main class " + className + " to look for @ConfigMapping: " + e, e);
            }
            if (type.isInterface() && type.isAnnotationPresent(ConfigMapping.class)) {
                mappings.add(type);
            }
        }
        mappings.sort(Comparator.comparing(Class::getName));
        return mappings;
    }

    /** SmallRye Config's environment variable form: every character that is not a letter or a digit becomes '_', upper case. */
    static String envVar(String property) {
        StringBuilder env = new StringBuilder();
        for (char c : property.toCharArray()) {
            env.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return env.toString();
    }

    private record Scan(List<Setting> settings, List<String> problems) {
    }

    private static Scan cached;

    private static synchronized Scan scan() {
        if (cached != null) {
            return cached;
        }
        Map<String, Found> found = new TreeMap<>();
        for (Class<?> mapping : mappingInterfaces()) {
            ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
            walk(mapping, annotation.prefix(), annotation.namingStrategy(), mapping.getSimpleName(), found);
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> fallbacks = expressionFallbacks();
        Map<String, String> properties = applicationProperties();
        for (var expression : fallbacks.entrySet()) {
            String name = expression.getKey();
            String fallback = expression.getValue();
            Found mapped = found.get(name);
            if (mapped == null) {
                String type = SCHEDULER_EXPRESSIONS.contains(name) ? "Duration" : "String";
                found.put(name, new Found(name, type, fallback, false, "${" + name + "} in src/main/java"));
            } else if (fallback != null && mapped.mappingDefault() != null && !fallback.equals(mapped.mappingDefault())) {
                problems.add(name + ": @WithDefault(\"" + mapped.mappingDefault() + "\") in " + mapped.source()
                        + " but ${" + name + ":" + fallback + "} in the sources");
            }
        }
        for (String name : properties.keySet()) {
            found.putIfAbsent(name, new Found(name, "String", null, false, "application.properties"));
        }
        List<Setting> settings = new ArrayList<>();
        for (Found setting : found.values()) {
            String value = properties.get(setting.name());
            if (value == null) {
                value = setting.mappingDefault();
            }
            if (value == null && fallbacks.get(setting.name()) != null) {
                value = fallbacks.get(setting.name());
            }
            if (value == null) {
                value = setting.optional() ? NONE : REQUIRED;
            }
            settings.add(new Setting(setting.name(), setting.type(), value, setting.source()));
        }
        cached = new Scan(List.copyOf(settings), List.copyOf(problems));
        return cached;
    }

    private static void walk(Class<?> group, String prefix, ConfigMapping.NamingStrategy naming, String source, Map<String, Found> found) {
        for (Method method : group.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() != 0
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String segment = method.isAnnotationPresent(WithName.class)
                    ? method.getAnnotation(WithName.class).value()
                    : name(method.getName(), naming);
            String name = method.isAnnotationPresent(WithParentName.class) ? prefix : join(prefix, segment);
            String where = source + "." + method.getName() + "()";
            WithDefault withDefault = method.getAnnotation(WithDefault.class);
            String mappingDefault = withDefault == null ? null : withDefault.value();
            Type type = method.getGenericReturnType();
            Class<?> raw = rawType(type);

            boolean optional = raw == Optional.class || raw == OptionalInt.class || raw == OptionalLong.class || raw == OptionalDouble.class;
            if (raw == Optional.class) {
                type = typeArgument(type, 0);
                raw = rawType(type);
            }
            if (isGroup(raw)) {
                walk(raw, name, naming, source + "." + method.getName() + "()", found);
            } else if (raw == Map.class) {
                Type values = typeArgument(type, 1);
                if (isGroup(rawType(values))) {
                    walk(rawType(values), name + ".*", naming, where, found);
                } else {
                    put(found, new Found(name + ".*", describe(values), mappingDefault, true, where));
                }
            } else if (Collection.class.isAssignableFrom(raw)) {
                Type elements = typeArgument(type, 0);
                if (isGroup(rawType(elements))) {
                    walk(rawType(elements), name + "[*]", naming, where, found);
                } else {
                    put(found, new Found(name, (optional ? "optional " : "") + "list of " + describe(elements), mappingDefault, optional, where));
                }
            } else {
                String described = optional ? "optional " + describe(raw == OptionalInt.class ? int.class
                        : raw == OptionalLong.class ? long.class : raw == OptionalDouble.class ? double.class : type) : describe(type);
                put(found, new Found(name, described, mappingDefault, optional, where));
            }
        }
    }

    private static void put(Map<String, Found> found, Found setting) {
        Found before = found.putIfAbsent(setting.name(), setting);
        if (before != null) {
            throw new AssertionError(setting.name() + " is mapped twice: by " + before.source() + " and by " + setting.source());
        }
    }

    /** A nested group: an interface of renewd's own (not a JDK collection or functional type). */
    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.");
    }

    private static String describe(Type type) {
        Class<?> raw = rawType(type);
        if (raw.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(raw.getEnumConstants()).map(Object::toString).toList());
        }
        if (raw == Integer.class) {
            return "int";
        }
        if (raw == Long.class) {
            return "long";
        }
        if (raw == Boolean.class) {
            return "boolean";
        }
        return raw.getSimpleName();
    }

    private static String name(String method, ConfigMapping.NamingStrategy naming) {
        return switch (naming) {
            case VERBATIM -> method;
            case KEBAB_CASE -> separated(method, '-');
            case SNAKE_CASE -> separated(method, '_');
        };
    }

    /** SmallRye's KEBAB_CASE / SNAKE_CASE: a separator before each upper-case letter that follows a lower-case letter or a digit. */
    private static String separated(String method, char separator) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && !Character.isUpperCase(method.charAt(i - 1))) {
                    name.append(separator);
                }
                name.append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static String join(String prefix, String segment) {
        return prefix.isEmpty() ? segment : segment.isEmpty() ? prefix : prefix + "." + segment;
    }

    private static Class<?> rawType(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new AssertionError("unsupported type in a config mapping: " + type);
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new AssertionError("raw collection type in a config mapping: " + type);
    }

    private static List<String> mainClassNames() {
        if (!Files.isDirectory(MAIN_CLASSES)) {
            throw new AssertionError(MAIN_CLASSES.toAbsolutePath() + " does not exist: run the tests through Maven from the project directory");
        }
        try (Stream<Path> files = Files.walk(MAIN_CLASSES)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> MAIN_CLASSES.relativize(f).toString())
                    .filter(f -> !f.endsWith("package-info.class") && !f.endsWith("module-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace(java.io.File.separatorChar, '.'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{(renewd\\.[A-Za-z0-9.\\-]+)(?::([^}]*))?}");
    private static final Pattern SCHEDULER_ATTRIBUTE = Pattern.compile("(every|delayed|delay)\\s*=\\s*\"$");

    /** Names used as {@code @Scheduled(every = "${…}")} or {@code delayed}: durations. */
    private static final Set<String> SCHEDULER_EXPRESSIONS = new java.util.HashSet<>();

    /** {@code ${renewd.x}} and {@code ${renewd.x:fallback}} in the main sources (fallback null when there is none). */
    static Map<String, String> expressionFallbacks() {
        Map<String, String> fallbacks = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = EXPRESSION.matcher(Files.readString(file));
                String text = Files.readString(file);
                while (matcher.find()) {
                    String name = matcher.group(1);
                    if (SCHEDULER_ATTRIBUTE.matcher(text.substring(Math.max(0, matcher.start() - 20), matcher.start())).find()) {
                        SCHEDULER_EXPRESSIONS.add(name);
                    }
                    String fallback = matcher.group(2);
                    String before = fallbacks.get(name);
                    if (before != null && fallback != null && !before.equals(fallback)) {
                        throw new AssertionError(name + " has two fallbacks in the sources: " + before + " and " + fallback);
                    }
                    if (before == null) {
                        fallbacks.put(name, fallback);
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return fallbacks;
    }

    /** The renewd.* keys of application.properties as the packaged service (%prod) sees them. */
    static Map<String, String> applicationProperties() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(APPLICATION_PROPERTIES)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("renewd.")) {
                values.putIfAbsent(key, properties.getProperty(key));
            }
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%prod.renewd.")) {
                values.put(key.substring("%prod.".length()), properties.getProperty(key));
            }
        }
        return values;
    }

    static Set<String> names() {
        return Set.copyOf(all().stream().map(Setting::name).toList());
    }
}
