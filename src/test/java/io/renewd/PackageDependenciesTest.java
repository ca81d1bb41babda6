package io.renewd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layers of src/main/java, read from the source: every {@code io.renewd.<layer>.} a file
 * names (imports, fully qualified names, links) is a dependency of its layer.
 *
 * <p>A node is a top-level package with all its subpackages ({@code application.renewal} is
 * {@code application}): the layering is a rule between those, and inside one (for example
 * {@code issuer.acme} and {@code issuer.acme.http01}) classes may work together freely.
 *
 * <p>Layers, top to bottom; a layer may use only layers below it, never one beside or above:
 * entry points (api, web, health, metrics) → application → notify → events, issuer → store → pki →
 * domain, config → runtime. cli (renewctl) is a client of the REST API: it uses no other package and none uses it. notify sits above events because its consumer is an events
 * EventHandler (as the renewer's is, in application); pki sits below store because stored values
 * are sealed with pki's envelope encryption; config (@ConfigMapping interfaces) beside domain
 * because every layer reads it; runtime (loops, shutdown order) at the bottom, knowing nothing of renewd.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/renewd");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.renewd\\.([a-z]+)\\.");
    private static final Pattern FRAMEWORK = Pattern.compile(
            "^import (static )?(io\\.quarkus|jakarta\\.ws\\.rs|org\\.hibernate|jakarta\\.persistence|jakarta\\.enterprise|jakarta\\.transaction)\\.",
            Pattern.MULTILINE);

    private static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("api", 0), Map.entry("web", 0), Map.entry("health", 0), Map.entry("metrics", 0), Map.entry("cli", 0),
            Map.entry("application", 1),
            Map.entry("notify", 2),
            Map.entry("events", 3), Map.entry("issuer", 3),
            Map.entry("store", 4),
            Map.entry("pki", 5),
            Map.entry("domain", 6), Map.entry("config", 6),
            Map.entry("runtime", 7));

    @Test
    void everyTopLevelPackageHasALayer() {
        assertThat(LAYERS.keySet()).containsAll(sourceGraph().keySet());
    }

    @Test
    void thereAreNoCyclesBetweenPackages() {
        assertThat(cycles(sourceGraph())).as("package cycles").isEmpty();
    }

    @Test
    void everyDependencyPointsDown() {
        List<String> upOrSideways = new ArrayList<>();
        sourceGraph().forEach((from, targets) -> targets.forEach(to -> {
            if (LAYERS.getOrDefault(from, -1) >= LAYERS.getOrDefault(to, -1)) {
                upOrSideways.add(from + " -> " + to + " (" + edgeWitnesses(from, to) + ")");
            }
        }));
        assertThat(upOrSideways).as("dependencies that do not point to a lower layer").isEmpty();
    }

    @Test
    void runtimeUsesNothingOfRenewd() {
        assertThat(sourceGraph().getOrDefault("runtime", Set.of())).isEmpty();
    }

    @Test
    void cliIsAClientOnly() {
        assertThat(sourceGraph().getOrDefault("cli", Set.of())).as("renewd packages renewctl (io.renewd.cli) uses").isEmpty();
        assertThat(sourceGraph().entrySet().stream().filter(e -> e.getValue().contains("cli")).map(Map.Entry::getKey).toList())
                .as("packages that use renewctl's").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("pureLayers")
    void pureLayersUseNoFramework(String layer) {
        List<String> offending = files(SOURCES.resolve(layer)).stream()
                .filter(file -> FRAMEWORK.matcher(read(file)).find())
                .map(file -> SOURCES.relativize(file).toString())
                .toList();
        assertThat(offending).as(layer + " files importing Quarkus, JAX-RS, CDI, JTA or Hibernate/JPA").isEmpty();
    }

    static Stream<String> pureLayers() {
        return Stream.of("domain", "pki", "cli");
    }

    /** The cycle finder itself, on graphs small enough to check by eye. */
    @ParameterizedTest
    @MethodSource("graphs")
    void findsCyclesExactlyWhereThereAreSome(Map<String, Set<String>> graph, boolean hasCycle) {
        assertThat(cycles(graph).isEmpty()).isEqualTo(!hasCycle);
    }

    static Stream<Arguments> graphs() {
        return Stream.of(
                Arguments.of(Map.of("a", Set.of("b"), "b", Set.of("c")), false),
                Arguments.of(Map.of("a", Set.of("b", "c"), "b", Set.of("c")), false),
                Arguments.of(Map.of("a", Set.of("b"), "b", Set.of("a")), true),
                Arguments.of(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")), true),
                Arguments.of(Map.of("a", Set.of("a")), true));
    }

    /** Each cycle found, as the path that closes it (a -> b -> a). */
    static List<String> cycles(Map<String, Set<String>> graph) {
        List<String> found = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            walk(graph, start, new ArrayList<>(), done, found);
        }
        return found;
    }

    private static void walk(Map<String, Set<String>> graph, String node, List<String> path, Set<String> done, List<String> found) {
        int seen = path.indexOf(node);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(node);
            found.add(String.join(" -> ", cycle));
            return;
        }
        if (done.contains(node)) {
            return;
        }
        path.add(node);
        for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
            walk(graph, next, path, done, found);
        }
        path.removeLast();
        done.add(node);
    }

    /** Top-level package to the other top-level packages its files name. */
    private static Map<String, Set<String>> sourceGraph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path file : files(SOURCES)) {
            String from = layerOf(file);
            Set<String> targets = graph.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher reference = REFERENCE.matcher(withoutPackageLine(read(file)));
            while (reference.find()) {
                // Only names of packages count: "io.renewd.audit.Entry" is a CloudEvents type, not a package.
                if (!reference.group(1).equals(from) && Files.isDirectory(SOURCES.resolve(reference.group(1)))) {
                    targets.add(reference.group(1));
                }
            }
        }
        return graph;
    }

    /** The files of {@code from} that name {@code to}, to say where a wrong dependency comes from. */
    private static String edgeWitnesses(String from, String to) {
        return files(SOURCES.resolve(from)).stream()
                .filter(file -> withoutPackageLine(read(file)).contains("io.renewd." + to + "."))
                .map(file -> SOURCES.relativize(file).toString())
                .sorted()
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static String layerOf(Path file) {
        return SOURCES.relativize(file).getName(0).toString();
    }

    private static String withoutPackageLine(String source) {
        return source.replaceFirst("(?m)^package [^;]+;", "");
    }

    private static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java") && p.getParent() != null && !p.getParent().equals(SOURCES)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
