package io.renewd.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests under deploy/, parsed into fabric8's typed models after a small
 * Kustomize build of each overlay: what a platform engineer expects of a well-behaved service
 * (probes, limits, an unprivileged read-only container, no API token, disruption budgets,
 * network policies), references that resolve (ConfigMaps, the documented Secrets, mounted
 * files), settings that exist, a Kafka topic for every topic renewd uses, and monitoring that
 * points at what the manifests define.
 */
class ManifestsTest {

    static final List<String> OVERLAYS = List.of("overlays/single", "overlays/split");
    static final Set<String> ROLES = Set.of("api", "scheduler", "relay", "notifier", "renewer");
    static final String NAMESPACE = "renewd";
    /** Where health and metrics answer in production (%prod.quarkus.management.port of application.properties). */
    static final int MANAGEMENT_PORT = Integer.parseInt(io.renewd.http.ProductionListeners.productionListenerSettings().get("quarkus.management.port"));
    /** Where the HTTP-01 listener answers by default (Http01Config.port()). */
    static final int HTTP01_PORT = http01DefaultPort();
    static final Path HTTP01_INGRESS = DeployFiles.EXAMPLES.resolve("ingress-acme-http01.yaml");

    static DeployFiles.Rendered overlay(String overlay) {
        return DeployFiles.render(DeployFiles.DEPLOY.resolve(overlay));
    }

    static Stream<Arguments> deployments() {
        return OVERLAYS.stream().flatMap(overlay -> overlay(overlay).typed("Deployment", Deployment.class).stream()
                .map(deployment -> Arguments.of(overlay, deployment.getMetadata().getName(), deployment)));
    }

    // ================================================================== files and kustomizations

    @Test
    void everyManifestUnderDeployParsesIntoItsTypedModelWithoutUnknownFields() {
        List<String> problems = new ArrayList<>();
        int manifests = 0;
        for (Path file : DeployFiles.yamlFiles()) {
            for (ObjectNode document : DeployFiles.documents(file)) {
                if (!DeployFiles.isManifest(document) || DeployFiles.kind(document).equals("Kustomization")) {
                    continue;
                }
                manifests++;
                HasMetadata typed = DeployFiles.typed(document);
                if (!(typed instanceof GenericKubernetesResource)) {
                    unknownFields(typed, file + " " + DeployFiles.kind(document) + "/" + DeployFiles.name(document), problems);
                }
            }
        }
        assertThat(manifests).as("manifests under deploy/").isGreaterThan(10);
        assertThat(problems).as("fields the Kubernetes API does not know (typos?)").isEmpty();
    }

    @Test
    void kustomizationsListOnlyFilesThatExistAndEveryManifestIsListedExceptTheExamples() {
        Set<Path> used = new HashSet<>();
        for (Path kustomization : DeployFiles.kustomizations()) {
            used.addAll(DeployFiles.render(kustomization).files()); // fails on a listed file that does not exist
        }
        List<Path> manifests = DeployFiles.yamlFiles().stream()
                .filter(f -> DeployFiles.documents(f).stream().anyMatch(DeployFiles::isManifest))
                .map(Path::normalize).toList();

        assertThat(DeployFiles.kustomizations()).as("kustomizations").extracting(Path::toString)
                .contains("deploy/base", "deploy/overlays/single", "deploy/overlays/split", "deploy/kafka-topics", "deploy/kafka-users",
                        "deploy/monitoring");
        assertThat(manifests.stream().filter(f -> !f.startsWith(DeployFiles.EXAMPLES)))
                .as("manifests that no kustomization lists").allMatch(used::contains);
        assertThat(used).as("files of deploy/examples must stay out of every kustomization")
                .noneMatch(f -> f.startsWith(DeployFiles.EXAMPLES));
    }

    @Test
    void everyLinkToTheOperationsGuideNamesASectionItHas() throws IOException {
        Set<String> anchors = anchors(DeployFiles.OPERATIONS);
        Pattern link = Pattern.compile("operations\\.md#([A-Za-z0-9_-]+)");
        List<String> broken = new ArrayList<>();
        List<Path> files = new ArrayList<>(DeployFiles.yamlFiles());
        files.add(DeployFiles.DASHBOARD);
        files.add(DeployFiles.DEPLOY.resolve("README.md"));
        files.add(Path.of("docs/configuration.md"));
        files.add(DeployFiles.OPERATIONS);
        for (Path file : files) {
            Matcher matcher = link.matcher(Files.readString(file));
            while (matcher.find()) {
                if (!anchors.contains(matcher.group(1))) {
                    broken.add(file + ": #" + matcher.group(1));
                }
            }
        }
        assertThat(broken).as("links to sections of %s that do not exist", DeployFiles.OPERATIONS).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/single", "overlays/split", "kafka-topics", "kafka-users", "monitoring", "base"})
    void noKustomizationShipsASecret(String kustomization) {
        assertThat(DeployFiles.render(DeployFiles.DEPLOY.resolve(kustomization)).ofKind("Secret"))
                .as("Secrets rendered by deploy/%s (real values belong in the cluster, examples in deploy/examples)", kustomization)
                .isEmpty();
    }

    @Test
    void theExampleSecretsHoldPlaceholdersOnly() {
        for (Path file : DeployFiles.yamlFiles().stream().filter(f -> f.startsWith(DeployFiles.EXAMPLES) && !f.equals(HTTP01_INGRESS)).toList()) {
            for (ObjectNode document : DeployFiles.documents(file)) {
                Secret secret = DeployFiles.typed(document, Secret.class);
                assertThat(secret.getKind()).as("%s holds only Secrets", file).isEqualTo("Secret");
                assertThat(secret.getData()).as("%s %s: placeholders go in stringData", file, secret.getMetadata().getName()).isNullOrEmpty();
                assertThat(secret.getStringData()).as("%s %s", file, secret.getMetadata().getName()).isNotEmpty();
            }
        }
        assertThat(DeployFiles.exampleSecretKeys().get("renewd-kek")).containsExactlyInAnyOrder("keys", "active");
        assertThat(DeployFiles.exampleSecretKeys().get("renewd-kek").toString()).doesNotContainPattern("[A-Za-z0-9+/]{43}=");
    }

    // ================================================================== each overlay

    @ParameterizedTest
    @ValueSource(strings = {"overlays/single", "overlays/split"})
    void eachOverlayRendersACompleteInstallationInItsNamespace(String overlay) {
        DeployFiles.Rendered rendered = overlay(overlay);

        assertThat(rendered.resources()).extracting(r -> DeployFiles.kind(r) + "/" + DeployFiles.name(r)).doesNotHaveDuplicates()
                .contains("ServiceAccount/renewd", "ConfigMap/renewd-config", "Service/renewd", "Service/renewd-metrics",
                        "NetworkPolicy/renewd", "NetworkPolicy/renewd-api");
        assertThat(rendered.resources()).allSatisfy(r ->
                assertThat(r.path("metadata").path("namespace").asText()).as("namespace of %s", DeployFiles.name(r)).isEqualTo(NAMESPACE));
        assertThat(rendered.ofKind("Deployment")).isNotEmpty();
        assertThat(rendered.ofKind("Role")).isEmpty();
        assertThat(rendered.ofKind("RoleBinding")).isEmpty();
        assertThat(rendered.ofKind("ClusterRoleBinding")).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void everyContainerIsProbedOnTheHealthEndpointsAndHasRequestsAndLimits(String overlay, String name, Deployment deployment) {
        for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
            assertHttpProbe(container, container.getLivenessProbe(), "/q/health/live");
            assertHttpProbe(container, container.getReadinessProbe(), "/q/health/ready");
            assertHttpProbe(container, container.getStartupProbe(), "/q/health/started");
            assertThat(container.getStartupProbe().getFailureThreshold() * container.getStartupProbe().getPeriodSeconds())
                    .as("seconds the startup probe allows for migrations and first connections").isGreaterThanOrEqualTo(120);

            var resources = container.getResources();
            assertThat(resources.getRequests()).as("requests of %s", container.getName()).containsKeys("cpu", "memory");
            assertThat(resources.getLimits()).as("limits of %s", container.getName()).containsKeys("cpu", "memory");
            assertThat(bytes(resources.getRequests().get("memory"))).as("memory request <= limit")
                    .isLessThanOrEqualTo(bytes(resources.getLimits().get("memory")));
            assertThat(container.getImage()).as("image with an explicit tag").matches("[^:]+/[^:]+:[0-9][^:]*").doesNotEndWith(":latest");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void podsRunUnprivilegedOnAReadOnlyRootWithoutAnApiToken(String overlay, String name, Deployment deployment) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        DeployFiles.Rendered rendered = overlay(overlay);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(185L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(185L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getEnableServiceLinks()).as("no RENEWD_* variables injected for the Service named renewd").isFalse();
        ServiceAccount account = DeployFiles.typed(rendered.get("ServiceAccount", pod.getServiceAccountName()), ServiceAccount.class);
        assertThat(account.getAutomountServiceAccountToken()).isFalse();

        for (Container container : pod.getContainers()) {
            var security = container.getSecurityContext();
            assertThat(security.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", container.getName()).isFalse();
            assertThat(security.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", container.getName()).isTrue();
            assertThat(security.getCapabilities().getDrop()).as("%s drops", container.getName()).containsExactly("ALL");
            assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
            assertThat(Optional.ofNullable(security.getPrivileged()).orElse(false)).isFalse();

            VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                    .orElseThrow(() -> new AssertionError(container.getName() + " has no writable /tmp"));
            Volume volume = volume(pod, tmp.getName());
            assertThat(volume.getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void theHeapIsSizedToAboutSeventyPercentOfTheMemoryLimit(String overlay, String name, Deployment deployment) {
        for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
            long limit = bytes(container.getResources().getLimits().get("memory"));
            Optional<String> ratio = env(container, "JAVA_MAX_MEM_RATIO");
            Optional<String> xmx = env(container, "JAVA_OPTS").or(() -> env(container, "JAVA_OPTS_APPEND"))
                    .flatMap(options -> Arrays.stream(options.split("\\s+")).filter(o -> o.startsWith("-Xmx")).findFirst());
            double fraction;
            if (xmx.isPresent()) {
                fraction = (double) bytes(new Quantity(xmx.get().substring(4).toUpperCase().replaceAll("([KMG])$", "$1i"))) / limit;
            } else {
                assertThat(ratio).as("%s sets JAVA_MAX_MEM_RATIO or -Xmx", container.getName()).isPresent();
                fraction = Integer.parseInt(ratio.get()) / 100.0;
            }
            assertThat(fraction).as("heap / memory limit of %s", container.getName()).isBetween(0.6, 0.75);
            assertThat(env(container, "JAVA_OPTS_APPEND")).as("JAVA_OPTS_APPEND would replace the image's own (http host, log manager)").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void rollsOutWithoutLosingCapacityAndStopsGracefully(String overlay, String name, Deployment deployment) {
        var strategy = deployment.getSpec().getStrategy();
        assertThat(strategy.getType()).isEqualTo("RollingUpdate");
        assertThat(strategy.getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(0));
        assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(60L);
        assertThat(matches(deployment.getSpec().getSelector(), deployment.getSpec().getTemplate().getMetadata().getLabels()))
                .as("selector matches its own pods").isTrue();

        Duration shutdown = Duration.parse("PT" + configMapValue(overlay(overlay), "QUARKUS_SHUTDOWN_TIMEOUT").toUpperCase());
        long preStop = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .map(c -> c.getLifecycle() == null || c.getLifecycle().getPreStop() == null ? List.<String>of() : c.getLifecycle().getPreStop().getExec().getCommand())
                .filter(c -> c.size() == 2 && c.get(0).equals("sleep")).mapToLong(c -> Long.parseLong(c.get(1))).max().orElse(0);
        assertThat(preStop + shutdown.toSeconds()).as("preStop pause + shutdown timeout fit in the grace period").isLessThan(60);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void everyConfigMapAndSecretItReferencesExistsWithTheKeysItReads(String overlay, String name, Deployment deployment) {
        DeployFiles.Rendered rendered = overlay(overlay);
        Map<String, Set<String>> secrets = new java.util.TreeMap<>(DeployFiles.exampleSecretKeys());
        // Strimzi's User Operator writes a Secret per KafkaUser, named after it.
        kafkaUsers().keySet().forEach(user -> secrets.put(user, Set.of("password", "sasl.jaas.config")));
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        List<String> problems = new ArrayList<>();

        for (Container container : pod.getContainers()) {
            for (var source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
                if (source.getConfigMapRef() != null) {
                    configMapKeys(rendered, source.getConfigMapRef().getName(), problems);
                }
                if (source.getSecretRef() != null && !secrets.containsKey(source.getSecretRef().getName())) {
                    problems.add("envFrom Secret " + source.getSecretRef().getName() + " is not documented in deploy/examples");
                }
            }
            for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                if (variable.getValueFrom() == null) {
                    continue;
                }
                var secretRef = variable.getValueFrom().getSecretKeyRef();
                if (secretRef != null && !secrets.getOrDefault(secretRef.getName(), Set.of()).contains(secretRef.getKey())) {
                    problems.add(variable.getName() + ": key " + secretRef.getKey() + " of Secret " + secretRef.getName() + " is not in deploy/examples");
                }
                var configRef = variable.getValueFrom().getConfigMapKeyRef();
                if (configRef != null && !configMapKeys(rendered, configRef.getName(), problems).contains(configRef.getKey())) {
                    problems.add(variable.getName() + ": ConfigMap " + configRef.getName() + " has no key " + configRef.getKey());
                }
            }
            for (VolumeMount mount : container.getVolumeMounts()) {
                if (pod.getVolumes().stream().noneMatch(v -> v.getName().equals(mount.getName()))) {
                    problems.add(container.getName() + " mounts volume " + mount.getName() + ", which the pod does not have");
                }
            }
        }
        for (Volume volume : pod.getVolumes()) {
            if (volume.getSecret() != null) {
                Set<String> keys = secrets.get(volume.getSecret().getSecretName());
                if (keys == null) {
                    problems.add("volume " + volume.getName() + ": Secret " + volume.getSecret().getSecretName() + " is not in deploy/examples");
                } else {
                    Optional.ofNullable(volume.getSecret().getItems()).orElse(List.of()).stream().filter(item -> !keys.contains(item.getKey()))
                            .forEach(item -> problems.add("volume " + volume.getName() + ": Secret " + volume.getSecret().getSecretName() + " has no key " + item.getKey()));
                }
            }
            if (volume.getConfigMap() != null) {
                Set<String> keys = configMapKeys(rendered, volume.getConfigMap().getName(), problems);
                Optional.ofNullable(volume.getConfigMap().getItems()).orElse(List.of()).stream().filter(item -> !keys.contains(item.getKey()))
                        .forEach(item -> problems.add("volume " + volume.getName() + ": ConfigMap has no key " + item.getKey()));
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void everyFileASettingNamesIsMountedFromAKeyThatExists(String overlay, String name, Deployment deployment) {
        DeployFiles.Rendered rendered = overlay(overlay);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        Map<String, String> settings = new java.util.TreeMap<>(configMapData(rendered, "renewd-config"));
        container.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> settings.put(e.getName(), e.getValue()));
        List<String> files = settings.entrySet().stream().filter(e -> e.getValue().startsWith("/etc/")).map(e -> e.getKey() + "=" + e.getValue()).toList();

        assertThat(files).as("settings naming files").extracting(f -> f.substring(0, f.indexOf('=')))
                .contains("RENEWD_KEK_KEYS_FILE", "QUARKUS_HTTP_SSL_CERTIFICATE_FILES", "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES");
        assertThat(settings).containsEntry("RENEWD_KEK_KEYS_FILE", "/etc/renewd/kek/keys")
                .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", "/etc/renewd/tls/tls.crt")
                .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES", "/etc/renewd/tls/tls.key")
                .containsEntry("QUARKUS_HTTP_SSL_PORT", "8443");
        for (String entry : files) {
            String path = entry.substring(entry.indexOf('=') + 1);
            VolumeMount mount = container.getVolumeMounts().stream().filter(m -> path.startsWith(m.getMountPath() + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError(entry + ": no volume is mounted there"));
            assertThat(mount.getReadOnly()).as("%s is mounted read-only", mount.getMountPath()).isTrue();
            String file = path.substring(mount.getMountPath().length() + 1);
            Volume volume = volume(pod, mount.getName());
            assertThat(volume.getSecret()).as("%s comes from a Secret", entry).isNotNull();
            String key = volume.getSecret().getItems() == null ? file : volume.getSecret().getItems().stream()
                    .filter(i -> i.getPath().equals(file)).map(i -> i.getKey()).findFirst()
                    .orElseThrow(() -> new AssertionError(entry + ": the volume " + volume.getName() + " has no item at " + file));
            assertThat(DeployFiles.exampleSecretKeys().get(volume.getSecret().getSecretName())).as("keys of %s", volume.getSecret().getSecretName()).contains(key);
        }
        assertThat(container.getEnv()).extracting(EnvVar::getName).contains("RENEWD_KEK_ACTIVE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/single", "overlays/split"})
    void everyVariableIsADocumentedSettingAndEveryValueAString(String overlay) throws IOException {
        DeployFiles.Rendered rendered = overlay(overlay);
        Set<String> documented = ConfigurationReferenceTest.documentedVariables();
        Set<String> renewdSettings = new TreeSet<>();
        RenewdSettings.all().forEach(s -> renewdSettings.add(s.envVar()));
        ConfigurationReferenceTest.ANNOUNCED.forEach(s -> renewdSettings.add(RenewdSettings.envVar(s)));

        Set<String> variables = new TreeSet<>();
        for (ObjectNode configMap : rendered.ofKind("ConfigMap")) {
            configMap.path("data").properties().forEach(entry -> {
                variables.add(entry.getKey());
                assertThat(entry.getValue().isTextual()).as("ConfigMap value of %s must be a string (quote it)", entry.getKey()).isTrue();
            });
        }
        for (ObjectNode deployment : rendered.ofKind("Deployment")) {
            for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode variable : container.path("env")) {
                    variables.add(variable.path("name").asText());
                    if (variable.has("value")) {
                        assertThat(variable.path("value").isTextual()).as("value of %s must be a string (quote it)", variable.path("name").asText()).isTrue();
                    }
                }
            }
        }
        assertThat(variables).as("variables the manifests set, all documented in docs/configuration.md").isSubsetOf(documented);
        assertThat(variables.stream().filter(v -> v.startsWith("RENEWD_")))
                .as("RENEWD_* variables that are renewd settings in the code").allMatch(renewdSettings::contains);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void everyApiProcessIsGivenTheIssuerAndTheAudienceItsTokensMustCarry(String overlay, String name, Deployment deployment) {
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> configMap = configMapData(overlay(overlay), "renewd-config");
        if (!roles(deployment).contains("api")) {
            return;
        }
        for (String variable : List.of("QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_OIDC_TOKEN_AUDIENCE")) {
            EnvVar set = container.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " does not set " + variable));
            var secret = set.getValueFrom() == null ? null : set.getValueFrom().getSecretKeyRef();
            assertThat(secret).as("%s of %s comes from the Secret renewd-oidc", variable, name).isNotNull();
            assertThat(secret.getName()).isEqualTo("renewd-oidc");
            assertThat(secret.getOptional()).as("%s of %s is required (renewd refuses to start without it)", variable, name)
                    .isNotEqualTo(Boolean.TRUE);
        }
        assertThat(env(container, "RENEWD_SECURITY_ALLOW_ANY_AUDIENCE").orElse(configMap.getOrDefault("RENEWD_SECURITY_ALLOW_ANY_AUDIENCE", "false")))
                .as("the opt-out of the audience check").isEqualTo("false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/single", "overlays/split"})
    void everyRoleRunsSomewhereAndTheApiHasTwoReplicasAtLeast(String overlay) {
        List<Deployment> deployments = overlay(overlay).typed("Deployment", Deployment.class);
        Set<String> running = new TreeSet<>();
        for (Deployment deployment : deployments) {
            Set<String> roles = roles(deployment);
            assertThat(ROLES).as("roles of %s", deployment.getMetadata().getName()).containsAll(roles);
            running.addAll(roles);
            if (roles.contains("api")) {
                assertThat(deployment.getSpec().getReplicas()).as("replicas of %s (serves the API)", deployment.getMetadata().getName()).isGreaterThanOrEqualTo(2);
            }
            assertThat(deployment.getSpec().getReplicas()).as("replicas of %s", deployment.getMetadata().getName()).isPositive();
        }
        assertThat(running).isEqualTo(ROLES);
    }

    @ParameterizedTest(name = "split: {0} runs {1}, per-certificate series {2}")
    @CsvSource(delimiter = '|', textBlock = """
            renewd-api       | api             | false
            renewd-scheduler | scheduler,relay | true
            renewd-notifier  | notifier        | false
            renewd-renewer   | renewer         | false
            """)
    void theSplitOverlayRunsEachRoleGroupInItsOwnDeployment(String name, String roles, String perCertificate) {
        DeployFiles.Rendered split = overlay("overlays/split");
        Deployment deployment = DeployFiles.typed(split.get("Deployment", name), Deployment.class);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(roles(deployment)).containsExactlyInAnyOrder(roles.split(","));
        assertThat(env(container, "RENEWD_METRICS_PER_CERTIFICATE")
                .orElse(configMapValue(split, "RENEWD_METRICS_PER_CERTIFICATE"))).as("per-certificate series of %s", name).isEqualTo(perCertificate);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", name.substring("renewd-".length()))
                .containsEntry("renewd.io/api", String.valueOf(roles.equals("api")));
        assertThat(split.typed("PodDisruptionBudget", PodDisruptionBudget.class)).extracting(p -> p.getMetadata().getName()).contains(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/single", "overlays/split"})
    void theApiServiceReachesExactlyThePodsRunningTheApi(String overlay) {
        DeployFiles.Rendered rendered = overlay(overlay);
        Service service = DeployFiles.typed(rendered.get("Service", "renewd"), Service.class);

        for (Deployment deployment : rendered.typed("Deployment", Deployment.class)) {
            boolean selected = matches(service.getSpec().getSelector(), deployment.getSpec().getTemplate().getMetadata().getLabels());
            assertThat(selected).as("the Service selects the pods of %s", deployment.getMetadata().getName()).isEqualTo(roles(deployment).contains("api"));
            if (selected) {
                Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
                for (var port : service.getSpec().getPorts()) {
                    assertThat(containerPort(container, port.getTargetPort())).as("target of Service port %s", port.getName())
                            .isEqualTo(port.getName().equals("acme-http01") ? HTTP01_PORT : port.getPort());
                }
            }
        }
        assertThat(service.getSpec().getPorts()).as("the API Service carries HTTPS, and port 80 for HTTP-01 answers only")
                .extracting(p -> p.getName() + ":" + p.getPort()).containsExactly("https:8443", "acme-http01:80");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void containersListenWhereRenewdsProductionSettingsSay(String overlay, String name, Deployment deployment) {
        Map<String, String> production = io.renewd.http.ProductionListeners.productionListenerSettings();
        Map<String, String> configMap = configMapData(overlay(overlay), "renewd-config");
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(container.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort()).containsExactlyInAnyOrder(
                "https:" + production.get("quarkus.http.ssl-port"), "management:" + production.get("quarkus.management.port"),
                "acme-http01:" + HTTP01_PORT);
        assertThat(configMap).containsEntry("RENEWD_ACME_HTTP01_PORT", String.valueOf(HTTP01_PORT));
        assertThat(production).containsEntry("quarkus.http.insecure-requests", "disabled").containsEntry("quarkus.management.enabled", "true");
        assertThat(configMap).containsEntry("QUARKUS_HTTP_SSL_PORT", production.get("quarkus.http.ssl-port"))
                .containsEntry("QUARKUS_MANAGEMENT_PORT", production.get("quarkus.management.port"))
                .containsEntry("QUARKUS_HTTP_INSECURE_REQUESTS", "disabled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/single", "overlays/split"})
    void deploymentSelectorsNeverOverlapAndEachHasADisruptionBudgetThatAllowsADrain(String overlay) {
        DeployFiles.Rendered rendered = overlay(overlay);
        List<Deployment> deployments = rendered.typed("Deployment", Deployment.class);
        List<PodDisruptionBudget> budgets = rendered.typed("PodDisruptionBudget", PodDisruptionBudget.class);

        for (Deployment deployment : deployments) {
            Map<String, String> pods = deployment.getSpec().getTemplate().getMetadata().getLabels();
            for (Deployment other : deployments) {
                if (other != deployment) {
                    assertThat(matches(other.getSpec().getSelector(), pods))
                            .as("the selector of %s matches the pods of %s", other.getMetadata().getName(), deployment.getMetadata().getName()).isFalse();
                }
            }
            List<PodDisruptionBudget> covering = budgets.stream().filter(b -> matches(b.getSpec().getSelector(), pods)).toList();
            assertThat(covering).as("disruption budgets of %s", deployment.getMetadata().getName()).hasSize(1);
            assertThat(covering.get(0).getSpec().getMaxUnavailable()).as("maxUnavailable (minAvailable would block draining a single replica)")
                    .isEqualTo(new IntOrString(1));
            assertThat(covering.get(0).getSpec().getMinAvailable()).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/single", "overlays/split"})
    void networkPoliciesAdmitTheApiFromTheClusterMetricsFromMonitoringAndOnlyTheEgressRenewdNeeds(String overlay) {
        DeployFiles.Rendered rendered = overlay(overlay);
        List<NetworkPolicy> policies = rendered.typed("NetworkPolicy", NetworkPolicy.class);

        for (Deployment deployment : rendered.typed("Deployment", Deployment.class)) {
            Map<String, String> pods = deployment.getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicy> selecting = policies.stream().filter(p -> matches(p.getSpec().getPodSelector(), pods)).toList();
            String who = deployment.getMetadata().getName();

            assertThat(selecting.stream().flatMap(p -> p.getSpec().getPolicyTypes().stream())).as("policy types of %s", who).contains("Ingress", "Egress");
            Set<String> egress = new TreeSet<>();
            selecting.stream().flatMap(p -> Optional.ofNullable(p.getSpec().getEgress()).orElse(List.of()).stream())
                    .forEach(rule -> rule.getPorts().forEach(port -> egress.add(port.getPort().getIntVal() + "/" + port.getProtocol())));
            assertThat(egress).as("egress of %s", who).containsExactlyInAnyOrder(
                    "53/UDP", "53/TCP", "5432/TCP", "9092/TCP", "9093/TCP", "25/TCP", "587/TCP", "465/TCP", "443/TCP");

            assertThat(admits(selecting, MANAGEMENT_PORT, peer -> peer.getNamespaceSelector() != null
                    && Map.of("kubernetes.io/metadata.name", "monitoring").equals(peer.getNamespaceSelector().getMatchLabels())))
                    .as("%s admits Prometheus from the monitoring namespace on the management port", who).isTrue();
            assertThat(admits(selecting, MANAGEMENT_PORT, peer -> peer.getNamespaceSelector() != null
                    && isNullOrEmpty(peer.getNamespaceSelector().getMatchLabels())))
                    .as("%s keeps the management port from the rest of the cluster", who).isFalse();
            assertThat(admits(selecting, 8080, peer -> true)).as("%s admits no plain HTTP API (8080)", who).isFalse();
            boolean fromEverywhere = admits(selecting, 8443, peer -> peer.getNamespaceSelector() != null
                    && isNullOrEmpty(peer.getNamespaceSelector().getMatchLabels())
                    && isNullOrEmpty(peer.getNamespaceSelector().getMatchExpressions())
                    && peer.getPodSelector() == null && peer.getIpBlock() == null);
            assertThat(fromEverywhere).as("%s admits the API (8443) from every namespace", who).isEqualTo(roles(deployment).contains("api"));
            boolean http01FromAnywhere = selecting.stream().flatMap(p -> Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of()).stream())
                    .anyMatch(rule -> isNullOrEmpty(rule.getFrom())
                            && rule.getPorts().stream().anyMatch(port -> port.getPort().getIntVal() == HTTP01_PORT && "TCP".equals(port.getProtocol())));
            assertThat(http01FromAnywhere).as("%s admits HTTP-01 validation (%d) from anywhere, CAs being outside", who, HTTP01_PORT)
                    .isEqualTo(roles(deployment).contains("api"));
        }
    }

    @Test
    void theIngressExampleRoutesOnlyTheChallengePathOfEachHostToTheHttp01Port() {
        List<ObjectNode> documents = DeployFiles.documents(HTTP01_INGRESS);
        assertThat(documents).hasSize(1);
        Ingress ingress = DeployFiles.typed(documents.get(0), Ingress.class);
        Service service = DeployFiles.typed(overlay("overlays/single").get("Service", "renewd"), Service.class);
        var http01 = service.getSpec().getPorts().stream().filter(p -> p.getName().equals("acme-http01")).findFirst().orElseThrow();

        assertThat(ingress.getMetadata().getNamespace()).as("the Ingress lives with the Service it routes to").isEqualTo(NAMESPACE);
        assertThat(ingress.getSpec().getDefaultBackend()).as("no default backend: only the challenge path goes to renewd").isNull();
        assertThat(ingress.getSpec().getTls()).as("plain HTTP: CAs validate HTTP-01 on port 80").isNullOrEmpty();
        assertThat(ingress.getSpec().getRules()).as("a rule per host").hasSizeGreaterThan(1).allSatisfy(rule -> {
            assertThat(rule.getHost()).as("each rule names its host").isNotBlank().doesNotContain("*");
            assertThat(rule.getHttp().getPaths()).as("paths of %s", rule.getHost()).singleElement().satisfies(path -> {
                assertThat(path.getPath()).isEqualTo("/.well-known/acme-challenge");
                assertThat(path.getPathType()).isEqualTo("Prefix");
                assertThat(path.getBackend().getService().getName()).isEqualTo(service.getMetadata().getName());
                var port = path.getBackend().getService().getPort();
                assertThat(port.getName() != null ? port.getName().equals(http01.getName()) : port.getNumber().equals(http01.getPort()))
                        .as("%s goes to the Service's acme-http01 port", rule.getHost()).isTrue();
            });
        });
    }

    // ================================================================== Kafka topics

    @Test
    void everyTopicTheApplicationPublishesToHasAStrimziKafkaTopic() {
        DeployFiles.Rendered topics = DeployFiles.render(DeployFiles.DEPLOY.resolve("kafka-topics"));
        Map<String, String> configMap = configMapData(overlay("overlays/single"), "renewd-config");
        Set<String> used = new TreeSet<>();
        for (RenewdSettings.Setting setting : RenewdSettings.all()) {
            if (setting.name().startsWith("renewd.events.topics.")) {
                used.add(configMap.getOrDefault(setting.envVar(), setting.defaultValue()));
            }
        }
        assertThat(used).as("topics from renewd.events.topics.*").hasSizeGreaterThanOrEqualTo(4);

        Set<String> declared = new TreeSet<>();
        for (ObjectNode node : topics.ofKind("KafkaTopic")) {
            GenericKubernetesResource topic = DeployFiles.typed(node, GenericKubernetesResource.class);
            String name = Optional.ofNullable((String) topic.get("spec", "topicName")).orElse(topic.getMetadata().getName());
            declared.add(name);
            assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(topic.getMetadata().getLabels()).as("labels of %s", name).containsKey("strimzi.io/cluster");
            assertThat(((Number) topic.get("spec", "partitions")).intValue()).as("partitions of %s", name).isGreaterThanOrEqualTo(3);
            assertThat(((Number) topic.get("spec", "replicas")).intValue()).as("replicas of %s", name).isGreaterThanOrEqualTo(3);
            long retention = ((Number) topic.get("spec", "config", "retention.ms")).longValue();
            assertThat(Duration.ofMillis(retention)).as("retention of %s", name).isGreaterThanOrEqualTo(Duration.ofDays(7));
            assertThat(((Number) topic.get("spec", "config", "min.insync.replicas")).intValue()).isEqualTo(2);
        }
        assertThat(declared).as("KafkaTopics in deploy/kafka-topics").containsAll(used);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void eachDeploymentSignsInToKafkaAsItsOwnKafkaUserWhichHasExactlyTheAclsOfItsRoles(String overlay, String name, Deployment deployment) {
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(container, "KAFKA_SASL_MECHANISM")).as("%s %s: SASL mechanism", overlay, name).contains("SCRAM-SHA-512");
        assertThat(secretRef(container, "KAFKA_SECURITY_PROTOCOL")).as("%s %s: the listener's protocol", overlay, name)
                .contains("renewd-kafka/security-protocol");
        String user = secretRef(container, "KAFKA_SASL_JAAS_CONFIG").filter(ref -> ref.endsWith("/sasl.jaas.config"))
                .map(ref -> ref.substring(0, ref.indexOf('/')))
                .orElseThrow(() -> new AssertionError(overlay + " " + name + ": KAFKA_SASL_JAAS_CONFIG is not the sasl.jaas.config of a KafkaUser's Secret"));
        GenericKubernetesResource kafkaUser = kafkaUsers().get(user);
        assertThat(kafkaUser).as("%s %s: KafkaUser %s in deploy/kafka-users", overlay, name, user).isNotNull();
        assertThat(kafkaUser.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
        assertThat(kafkaUser.getMetadata().getLabels()).containsKey("strimzi.io/cluster");
        assertThat((String) kafkaUser.get("spec", "authentication", "type")).isEqualTo("scram-sha-512");
        assertThat((String) kafkaUser.get("spec", "authorization", "type")).isEqualTo("simple");

        assertThat(acls(kafkaUser)).as("ACLs of KafkaUser %s (%s %s, roles %s)", user, overlay, name, roles(deployment))
                .containsExactlyInAnyOrderElementsOf(aclsNeeded(roles(deployment)));
    }

    @Test
    void theDeploymentsOfAnOverlayUseDifferentKafkaUsersAndEveryKafkaUserIsUsed() {
        Set<String> used = new TreeSet<>();
        for (String overlay : OVERLAYS) {
            List<String> users = overlay(overlay).typed("Deployment", Deployment.class).stream()
                    .map(d -> secretRef(d.getSpec().getTemplate().getSpec().getContainers().get(0), "KAFKA_SASL_JAAS_CONFIG").orElseThrow())
                    .toList();
            assertThat(users).as("Kafka users of %s", overlay).doesNotHaveDuplicates();
            users.forEach(u -> used.add(u.substring(0, u.indexOf('/'))));
        }
        assertThat(used).as("KafkaUsers some Deployment signs in as").isEqualTo(kafkaUsers().keySet());
    }

    /** What the clients of these roles do, as ACLs "type name operation": see deploy/kafka-users/users.yaml. */
    static Set<String> aclsNeeded(Set<String> roles) {
        Map<String, String> defaults = new java.util.HashMap<>();
        RenewdSettings.all().forEach(setting -> defaults.put(setting.name(), setting.defaultValue()));
        List<String> events = List.of("near-expiry", "renewed", "failed", "expired").stream()
                .map(t -> defaults.get("renewd.events.topics." + t)).toList();
        Set<String> acls = new TreeSet<>();
        // Every process starts the events channel's idempotent producer, which asks for a producer id.
        acls.add("cluster kafka-cluster IdempotentWrite");
        if (roles.contains("relay") || roles.contains("notifier") || roles.contains("renewer")) {
            acls.add("cluster kafka-cluster Describe"); // the readiness check
        }
        if (roles.contains("relay")) {
            for (String topic : concat(events, List.of(defaults.get("renewd.events.topics.bulk"), defaults.get("renewd.events.topics.audit")))) {
                acls.add("topic " + topic + " Write");
                acls.add("topic " + topic + " Describe");
            }
        }
        if (roles.contains("notifier")) {
            events.forEach(topic -> acls.addAll(List.of("topic " + topic + " Read", "topic " + topic + " Describe")));
            acls.add("group " + defaults.get("renewd.consumers.notifier-group") + " Read");
        }
        if (roles.contains("renewer")) {
            // AutoRenew from near-expiry; the CA rotation cascade from renewed (NewVersionCreated), in its own group.
            for (String topic : List.of(defaults.get("renewd.events.topics.near-expiry"), defaults.get("renewd.events.topics.renewed"))) {
                acls.addAll(List.of("topic " + topic + " Read", "topic " + topic + " Describe"));
            }
            acls.add("group " + defaults.get("renewd.consumers.renewer-group") + " Read");
            acls.add("group " + defaults.get("renewd.consumers.cascade-group") + " Read");
        }
        return acls;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @SuppressWarnings("unchecked")
    static List<String> acls(GenericKubernetesResource kafkaUser) {
        List<String> acls = new ArrayList<>();
        for (Map<String, Object> acl : (List<Map<String, Object>>) kafkaUser.get("spec", "authorization", "acls")) {
            Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
            String type = (String) resource.get("type");
            if (!type.equals("cluster")) {
                assertThat(resource.get("patternType")).as("%s %s", type, resource.get("name")).isEqualTo("literal");
            }
            String target = type.equals("cluster") ? "kafka-cluster" : (String) resource.get("name");
            for (Object operation : (List<Object>) acl.get("operations")) {
                acls.add(type + " " + target + " " + operation);
            }
        }
        return acls;
    }

    static Map<String, GenericKubernetesResource> kafkaUsers() {
        Map<String, GenericKubernetesResource> users = new java.util.TreeMap<>();
        for (ObjectNode node : DeployFiles.render(DeployFiles.DEPLOY.resolve("kafka-users")).ofKind("KafkaUser")) {
            GenericKubernetesResource user = DeployFiles.typed(node, GenericKubernetesResource.class);
            users.put(user.getMetadata().getName(), user);
        }
        return users;
    }

    /** "secret/key" of a variable read from a Secret. */
    static Optional<String> secretRef(Container container, String name) {
        return Optional.ofNullable(container.getEnv()).orElse(List.of()).stream()
                .filter(e -> e.getName().equals(name) && e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey()).findFirst();
    }

    // ================================================================== monitoring

    @ParameterizedTest
    @ValueSource(strings = {"overlays/single", "overlays/split"})
    void theServiceMonitorScrapesEveryRenewdPodWhereTheAnnotationsSay(String overlay) {
        DeployFiles.Rendered rendered = overlay(overlay);
        DeployFiles.Rendered monitoring = DeployFiles.render(DeployFiles.DEPLOY.resolve("monitoring"));
        GenericKubernetesResource monitor = DeployFiles.typed(monitoring.get("ServiceMonitor", "renewd"), GenericKubernetesResource.class);
        @SuppressWarnings("unchecked")
        Map<String, String> selector = (Map<String, String>) monitor.get("spec", "selector", "matchLabels");
        List<Service> services = rendered.typed("Service", Service.class).stream()
                .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();

        assertThat(monitor.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(services).as("Services the ServiceMonitor selects").hasSize(1);
        Service service = services.get(0);
        assertThat(service.getMetadata().getLabels()).containsEntry((String) monitor.get("spec", "jobLabel"), "renewd");
        @SuppressWarnings("unchecked")
        Map<String, Object> endpoint = ((List<Map<String, Object>>) monitor.get("spec", "endpoints")).get(0);
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getName()).contains((String) endpoint.get("port"));

        for (Deployment deployment : rendered.typed("Deployment", Deployment.class)) {
            var template = deployment.getSpec().getTemplate();
            assertThat(matches(service.getSpec().getSelector(), template.getMetadata().getLabels()))
                    .as("renewd-metrics selects the pods of %s", deployment.getMetadata().getName()).isTrue();
            assertThat(template.getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", String.valueOf(MANAGEMENT_PORT))
                    .containsEntry("prometheus.io/path", (String) endpoint.get("path"));
        }
    }

    @Test
    void thePrometheusRuleHasExactlyTheGroupsOfTheRulesFile() {
        ObjectNode rulesFile = DeployFiles.documents(DeployFiles.ALERTS).get(0);
        GenericKubernetesResource rule = DeployFiles.typed(
                DeployFiles.render(DeployFiles.DEPLOY.resolve("monitoring")).get("PrometheusRule", "renewd"), GenericKubernetesResource.class);

        assertThat(rulesFile.fieldNames()).toIterable().containsExactly("groups");
        assertThat(DeployFiles.KUBERNETES.convertValue(rule.get("spec", "groups"), JsonNode.class)).isEqualTo(rulesFile.get("groups"));
    }

    static Stream<Arguments> alerts() {
        List<Arguments> alerts = new ArrayList<>();
        for (JsonNode group : DeployFiles.documents(DeployFiles.ALERTS).get(0).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                alerts.add(Arguments.of(rule.path("alert").asText(), rule));
            }
        }
        return alerts.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alerts")
    void everyAlertHasASeverityTextsAndARunbookSectionInTheOperationsGuide(String alert, JsonNode rule) throws IOException {
        assertThat(alert).matches("Renewd[A-Za-z]+");
        assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
        assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
        assertThat(rule.path("annotations").path("description").asText()).isNotBlank();
        assertThat(rule.path("expr").asText()).isNotBlank();
        assertBalanced(rule.path("expr").asText());

        String runbook = rule.path("annotations").path("runbook_url").asText();
        assertThat(runbook).endsWith("/docs/operations.md#" + alert.toLowerCase());
        assertThat(anchors(DeployFiles.OPERATIONS)).as("anchors of %s", DeployFiles.OPERATIONS).contains(alert.toLowerCase());
    }

    @Test
    void theDashboardQueriesEveryPanelOfTheBriefFromItsOwnDataSource() throws IOException {
        JsonNode dashboard = DeployFiles.JSON.readTree(DeployFiles.DASHBOARD.toFile());
        Set<String> metrics = new TreeSet<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).as("data source of %s", panel.path("title")).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as("queries of %s", panel.path("title")).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                assertBalanced(target.path("expr").asText());
                metrics.addAll(DeployFiles.metricNames(target.path("expr").asText()));
            }
        }
        assertThat(dashboard.path("uid").asText()).isEqualTo("renewd");
        assertThat(metrics).contains("renewd_certificate_expiration_timestamp_seconds", "renewd_certificate_renewal_due_timestamp_seconds",
                "renewd_events_published_total", "renewd_outbox_pending_rows", "renewd_outbox_oldest_age_seconds",
                "renewd_sweep_duration_seconds_count", "renewd_sweep_duration_seconds_sum", "renewd_due_backlog",
                "jvm_memory_used_bytes", "process_cpu_usage");
    }

    // ================================================================== helpers

    static Set<String> roles(Deployment deployment) {
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        return env(container, "RENEWD_ROLES").map(r -> (Set<String>) new TreeSet<>(Arrays.stream(r.split(",")).map(String::strip).toList()))
                .orElse(ROLES);
    }

    static Optional<String> env(Container container, String name) {
        return Optional.ofNullable(container.getEnv()).orElse(List.of()).stream()
                .filter(e -> e.getName().equals(name) && e.getValue() != null).map(EnvVar::getValue).findFirst();
    }

    static Map<String, String> configMapData(DeployFiles.Rendered rendered, String name) {
        return DeployFiles.typed(rendered.get("ConfigMap", name), ConfigMap.class).getData();
    }

    private static String configMapValue(DeployFiles.Rendered rendered, String key) {
        return Objects.requireNonNull(configMapData(rendered, "renewd-config").get(key), key + " in renewd-config");
    }

    private static Set<String> configMapKeys(DeployFiles.Rendered rendered, String name, List<String> problems) {
        List<ObjectNode> found = rendered.ofKind("ConfigMap").stream().filter(c -> DeployFiles.name(c).equals(name)).toList();
        if (found.isEmpty()) {
            problems.add("ConfigMap " + name + " is not defined in " + rendered.directory());
            return Set.of();
        }
        return DeployFiles.typed(found.get(0), ConfigMap.class).getData().keySet();
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static void assertHttpProbe(Container container, Probe probe, String path) {
        assertThat(probe).as("%s probe of %s", path, container.getName()).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as("%s probe of %s is an HTTP GET", path, container.getName()).isNotNull();
        assertThat(get.getPath()).isEqualTo(path);
        assertThat(containerPort(container, get.getPort())).as("port of the %s probe: the management interface", path).isEqualTo(MANAGEMENT_PORT);
        assertThat(get.getScheme() == null || get.getScheme().equals("HTTP")).as("the management interface is plain HTTP").isTrue();
    }

    private static int containerPort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + port.getStrVal())).getContainerPort();
    }

    private static long bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).longValue();
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        assertThat(selector.getMatchExpressions()).as("selectors use matchLabels only").isNullOrEmpty();
        return matches(selector.getMatchLabels(), labels);
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    private static boolean admits(List<NetworkPolicy> policies, int port, java.util.function.Predicate<NetworkPolicyPeer> from) {
        return policies.stream().flatMap(p -> Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of()).stream())
                .anyMatch(rule -> rule.getPorts().stream().map(NetworkPolicyPort::getPort).anyMatch(p -> p.getIntVal() == port)
                        && rule.getFrom().stream().anyMatch(from));
    }

    private static int http01DefaultPort() {
        try {
            return Integer.parseInt(io.renewd.config.Http01Config.class.getMethod("port").getAnnotation(io.smallrye.config.WithDefault.class).value());
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean isNullOrEmpty(Object value) {
        return value == null || (value instanceof Map<?, ?> map && map.isEmpty()) || (value instanceof Collection<?> c && c.isEmpty());
    }

    private static void assertBalanced(String expr) {
        int depth = 0;
        for (char c : expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").toCharArray()) {
            depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
            assertThat(depth).as("brackets of %s", expr).isNotNegative();
        }
        assertThat(depth).as("brackets of %s", expr).isZero();
    }

    /** GitHub's anchors of a Markdown file's headings. */
    static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        for (String line : Files.readAllLines(markdown)) {
            if (line.startsWith("#")) {
                anchors.add(line.replaceFirst("^#+\\s*", "").strip().toLowerCase()
                        .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    /** Fields of a typed model that the Kubernetes API does not define (they land in additionalProperties). */
    private static void unknownFields(Object model, String where, List<String> problems) {
        if (model == null) {
            return;
        }
        if (model instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                unknownFields(element, where + "[" + i++ + "]", problems);
            }
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, where + "." + key, problems));
            return;
        }
        if (!(model instanceof KubernetesResource) || model instanceof GenericKubernetesResource) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = getter.invoke(model);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add(where + ": unknown " + extra.keySet());
                    }
                } else {
                    unknownFields(value, where + "." + getter.getName().substring(3), problems);
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }
}
