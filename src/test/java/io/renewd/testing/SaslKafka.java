package io.renewd.testing;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second in-JVM KRaft broker whose client listener accepts only SASL (SASL_PLAINTEXT) and
 * authenticates renewd's user with SCRAM-SHA-512, as a production broker would. Started once
 * per test JVM, on first use, and stopped with {@link RealServices}.
 */
public final class SaslKafka {

    public static final String USER = "renewd";
    public static final String PASSWORD = "scram-test-password";
    public static final String MECHANISM = "SCRAM-SHA-512";

    /**
     * Where the broker listens, for the whole JVM: each test profile loads this class anew, and a
     * second SASL broker in the same JVM fails (the JAAS configuration is JVM-wide), so later
     * profiles reuse the first one.
     */
    private static final String ADDRESS_PROPERTY = "renewd.test.sasl-kafka.bootstrap-servers";

    private static SaslKafka instance;

    private final String bootstrapServers;

    private SaslKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static synchronized SaslKafka get() {
        if (instance == null) {
            String running = System.getProperty(ADDRESS_PROPERTY);
            if (running != null) {
                instance = new SaslKafka(running);
            } else {
                KafkaClusterTestKit kafka = start();
                RealServices.stopWith(kafka);
                System.setProperty(ADDRESS_PROPERTY, kafka.bootstrapServers());
                instance = new SaslKafka(kafka.bootstrapServers());
            }
        }
        return instance;
    }

    private static KafkaClusterTestKit start() {
        // RealServices first: it routes Kafka's exit and clean-up hooks, for this broker too.
        RealServices.get();
        try {
            KafkaClusterTestKit kafka = RealServices.startKafka(RealServices.singleNodeKafka(new TestKitNodes.Builder()
                            .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT))
                    // The kit's own admin speaks PLAIN between its nodes; renewd's user has SCRAM credentials only.
                    .setConfigProp("sasl.enabled.mechanisms", "PLAIN," + MECHANISM)
                    // Authentication is what this broker tests; the ACLs of each role are checked in deploy/ (ManifestsTest).
                    .setConfigProp("allow.everyone.if.no.acl.found", "true"));
            try (Admin admin = Admin.create(adminConfig(kafka.bootstrapServers()))) {
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), PASSWORD))).all().get(30, TimeUnit.SECONDS);
            }
            return kafka;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the SASL test broker", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public static String jaasConfig(String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER + "\" password=\"" + password + "\";";
    }

    /** Settings of a client that signs in as renewd's user. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name);
        config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(PASSWORD));
        return config;
    }

    /** The kit's own administrator (PLAIN), which sets up renewd's user. */
    private static Map<String, Object> adminConfig(String bootstrapServers) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name,
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\"" + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD + "\";");
    }
}
