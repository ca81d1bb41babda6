package io.renewd.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files under {@code deploy/}: YAML documents, a small Kustomize (enough for what renewd's
 * kustomizations use, and refusing anything else so that nothing is silently ignored), typed
 * Kubernetes models, and the PromQL of the alert rules and the dashboard.
 */
final class DeployFiles {

    static final Path DEPLOY = Path.of("deploy");
    static final Path EXAMPLES = DEPLOY.resolve("examples");
    static final Path ALERTS = DEPLOY.resolve("monitoring/alerts.yaml");
    static final Path PROMETHEUS_RULE = DEPLOY.resolve("monitoring/prometheusrule.yaml");
    static final Path DASHBOARD = DEPLOY.resolve("monitoring/grafana-dashboard.json");
    static final Path OPERATIONS = Path.of("docs/operations.md");

    static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();
    static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private DeployFiles() {
    }

    // ------------------------------------------------------------------ files and documents

    /** Every YAML file under deploy/. */
    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The non-empty documents of a YAML file (a file may start with a comment-only document). */
    static List<ObjectNode> documents(Path file) {
        List<ObjectNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            Iterator<JsonNode> values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!(document instanceof ObjectNode object)) {
                    throw new AssertionError(file + ": a document that is not a mapping: " + document);
                }
                documents.add(object);
            }
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    static boolean isManifest(JsonNode document) {
        return document.hasNonNull("apiVersion") && document.hasNonNull("kind");
    }

    static String kind(JsonNode resource) {
        return resource.path("kind").asText();
    }

    static String name(JsonNode resource) {
        return resource.path("metadata").path("name").asText();
    }

    /** A resource as its typed fabric8 model. */
    static <T> T typed(JsonNode resource, Class<T> type) {
        return KUBERNETES.convertValue(resource, type);
    }

    /** A resource as fabric8 resolves it by apiVersion and kind ({@link GenericKubernetesResource} for custom resources). */
    static HasMetadata typed(JsonNode resource) {
        return KUBERNETES.convertValue(resource, io.fabric8.kubernetes.api.model.KubernetesResource.class) instanceof HasMetadata typed
                ? typed : KUBERNETES.convertValue(resource, GenericKubernetesResource.class);
    }

    // ------------------------------------------------------------------ a small Kustomize

    /**
     * What a kustomization renders to, and every file it read (kustomization files, resources,
     * patches), for the check that each manifest under deploy/ is used.
     */
    record Rendered(Path directory, List<ObjectNode> resources, Set<Path> files) {

        List<ObjectNode> ofKind(String kind) {
            return resources.stream().filter(r -> kind(r).equals(kind)).toList();
        }

        ObjectNode get(String kind, String name) {
            return resources.stream().filter(r -> kind(r).equals(kind) && name(r).equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(directory + " renders no " + kind + " " + name));
        }

        <T> List<T> typed(String kind, Class<T> type) {
            return ofKind(kind).stream().map(r -> DeployFiles.typed(r, type)).toList();
        }
    }

    private static final Set<String> SUPPORTED_FIELDS = Set.of(
            "apiVersion", "kind", "resources", "patches", "namespace", "namePrefix", "nameSuffix", "images", "labels");
    /** Lists that strategic merge patches merge by element name; the test refuses to patch any other list. */
    private static final Set<String> MERGED_BY_NAME = Set.of("containers", "initContainers", "env", "volumes");

    /** Every directory under deploy/ holding a kustomization.yaml. */
    static List<Path> kustomizations() {
        return yamlFiles().stream().filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                .map(Path::getParent).toList();
    }

    /** Renders a kustomization directory the way {@code kustomize build} does, for the fields renewd uses. */
    static Rendered render(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(directory + " has no kustomization.yaml");
        }
        List<ObjectNode> documents = documents(file);
        if (documents.size() != 1) {
            throw new AssertionError(file + " must hold one document");
        }
        ObjectNode kustomization = documents.get(0);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new AssertionError(file + ": field " + field + " is not modelled by this test's Kustomize; extend DeployFiles.render");
            }
        });
        if (!"Kustomization".equals(kustomization.path("kind").asText())) {
            throw new AssertionError(file + " is not a Kustomization");
        }

        List<ObjectNode> resources = new ArrayList<>();
        Set<Path> files = new LinkedHashSet<>();
        files.add(file.normalize());
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = directory.resolve(entry.asText()).normalize();
            if (Files.isDirectory(path)) {
                Rendered base = render(path);
                resources.addAll(base.resources());
                files.addAll(base.files());
            } else if (Files.isRegularFile(path)) {
                for (ObjectNode document : documents(path)) {
                    if (!isManifest(document)) {
                        throw new AssertionError(path + " (a resource of " + file + ") holds a document without apiVersion and kind");
                    }
                    resources.add(document.deepCopy());
                }
                files.add(path);
            } else {
                throw new AssertionError(file + " lists " + entry.asText() + ", which does not exist");
            }
        }

        for (JsonNode patch : kustomization.path("patches")) {
            if (patch.has("target") || patch.has("patch") || !patch.has("path")) {
                throw new AssertionError(file + ": only `patches: - path: file` (strategic merge patches) are modelled");
            }
            Path path = directory.resolve(patch.path("path").asText()).normalize();
            if (!Files.isRegularFile(path)) {
                throw new AssertionError(file + " patches with " + patch.path("path").asText() + ", which does not exist");
            }
            files.add(path);
            for (ObjectNode document : documents(path)) {
                List<ObjectNode> targets = resources.stream()
                        .filter(r -> kind(r).equals(kind(document)) && name(r).equals(name(document))).toList();
                if (targets.size() != 1) {
                    throw new AssertionError(path + " patches " + kind(document) + " " + name(document) + ", which " + file
                            + " has " + targets.size() + " times");
                }
                merge(targets.get(0), document, path + " " + kind(document) + "/" + name(document));
            }
        }

        if (kustomization.has("namespace")) {
            resources.forEach(r -> ((ObjectNode) r.path("metadata")).put("namespace", kustomization.path("namespace").asText()));
        }
        String prefix = kustomization.path("namePrefix").asText("");
        String suffix = kustomization.path("nameSuffix").asText("");
        resources.forEach(r -> ((ObjectNode) r.path("metadata")).put("name", prefix + name(r) + suffix));

        for (JsonNode labels : kustomization.path("labels")) {
            if (labels.path("includeSelectors").asBoolean(false) || labels.path("includeTemplates").asBoolean(false)) {
                throw new AssertionError(file + ": labels with includeSelectors/includeTemplates are not modelled");
            }
            for (ObjectNode resource : resources) {
                ObjectNode metadata = (ObjectNode) resource.path("metadata");
                ObjectNode resourceLabels = metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
                labels.path("pairs").properties().forEach(pair -> resourceLabels.set(pair.getKey(), pair.getValue()));
            }
        }

        for (JsonNode image : kustomization.path("images")) {
            String imageName = image.path("name").asText();
            for (ObjectNode resource : resources) {
                for (JsonNode container : resource.path("spec").path("template").path("spec").path("containers")) {
                    String current = container.path("image").asText();
                    String currentName = current.split("[:@]", 2)[0];
                    if (currentName.equals(imageName)) {
                        String newName = image.path("newName").asText(currentName);
                        String newTag = image.has("newTag") ? ":" + image.path("newTag").asText()
                                : current.contains(":") ? current.substring(current.indexOf(':')) : "";
                        ((ObjectNode) container).put("image", newName + newTag);
                    }
                }
            }
        }
        return new Rendered(directory, resources, files);
    }

    /** A strategic merge patch, for maps, scalars and the lists of {@link #MERGED_BY_NAME}. */
    private static void merge(ObjectNode target, ObjectNode patch, String where) {
        patch.properties().forEach(field -> {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith("$")) {
                throw new AssertionError(where + ": patch directive " + key + " is not modelled");
            }
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) value, where + "." + key);
            } else if (value.isArray() && current != null && current.isArray() && containsObjects((ArrayNode) value)) {
                if (!MERGED_BY_NAME.contains(key)) {
                    throw new AssertionError(where + ": merging the list " + key + " is not modelled (only " + MERGED_BY_NAME + ")");
                }
                for (JsonNode element : value) {
                    String elementName = element.path("name").asText(null);
                    ObjectNode same = null;
                    for (JsonNode existing : current) {
                        if (elementName != null && elementName.equals(existing.path("name").asText(null))) {
                            same = (ObjectNode) existing;
                        }
                    }
                    if (same == null) {
                        ((ArrayNode) current).add(element.deepCopy());
                    } else {
                        merge(same, (ObjectNode) element, where + "." + key + "[" + elementName + "]");
                    }
                }
            } else {
                target.set(key, value.deepCopy());
            }
        });
    }

    private static boolean containsObjects(ArrayNode array) {
        for (JsonNode element : array) {
            if (element.isObject()) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ examples

    /** The placeholder Secrets of deploy/examples: name to the keys they document. */
    static Map<String, Set<String>> exampleSecretKeys() {
        Map<String, Set<String>> secrets = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (ObjectNode document : documents(file)) {
                    if (kind(document).equals("Secret")) {
                        Set<String> keys = new TreeSet<>();
                        document.path("stringData").fieldNames().forEachRemaining(keys::add);
                        document.path("data").fieldNames().forEachRemaining(keys::add);
                        secrets.put(name(document), keys);
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return secrets;
    }

    // ------------------------------------------------------------------ PromQL

    /** An expression and where it comes from (an alert, or a dashboard panel). */
    record Query(String where, String expr) {
        @Override
        public String toString() {
            return where;
        }
    }

    /** The expressions of the alert rules file and of every dashboard panel. */
    static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode group : documents(ALERTS).get(0).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                queries.add(new Query("alert " + rule.path("alert").asText(), rule.path("expr").asText()));
            }
        }
        try {
            for (JsonNode panel : JSON.readTree(DASHBOARD.toFile()).path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new Query("panel \"" + panel.path("title").asText() + "\" " + target.path("refId").asText(),
                            target.path("expr").asText()));
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return queries;
    }

    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern METRIC = Pattern.compile("(?<![A-Za-z0-9_:$])((?:renewd|jvm|process)_[A-Za-z0-9_]+)");

    /** The renewd_, jvm_ and process_ metric names a PromQL expression reads (label values and strings ignored). */
    static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(STRING_LITERAL.matcher(expr).replaceAll("\"\""));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
