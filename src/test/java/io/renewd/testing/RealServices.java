package io.renewd.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;
import kafka.server.BrokerServer;

import java.io.IOException;
import java.util.Map;

/**
 * The real servers every test runs against: an embedded PostgreSQL, a single-node KRaft Kafka broker and a GreenMail
 * SMTP server, all on 127.0.0.1 and random ports. Started once per class loader that uses them (each Quarkus
 * application of a test profile has its own) and stopped with that application or, for plain tests, when the JVM exits.
 */
public final class RealServices {

    private static RealServices instance;
    private static Thread stopHook;
    /** Kafka's clean-up hooks (its temporary directories), run by {@link #stop()} after the broker stopped. */
    private static final java.util.List<Runnable> KAFKA_CLEANUP = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** More servers of the test JVM (a second broker), stopped by {@link #stop()} before Kafka's clean-up hooks run. */
    private static final java.util.List<AutoCloseable> MORE_SERVERS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final EmbeddedPostgres postgres;
    private final KafkaClusterTestKit kafka;
    private volatile GreenMail greenMail;
    private int smtpPort;
    private final GreetingSwallowingProxy smtpProxy;

    private RealServices(EmbeddedPostgres postgres, KafkaClusterTestKit kafka, GreenMail greenMail) throws IOException {
        this.postgres = postgres;
        this.kafka = kafka;
        this.greenMail = greenMail;
        this.smtpProxy = new GreetingSwallowingProxy(greenMail.getSmtp().getPort());
    }

    private static final java.time.Duration KAFKA_STOP_TIMEOUT = java.time.Duration.ofSeconds(60);

    public static synchronized RealServices get() {
        if (instance == null) {
            instance = start();
            stopHook = new Thread(instance::stop, "real-services-stop");
            Runtime.getRuntime().addShutdownHook(stopHook);
        }
        return instance;
    }

    /**
     * Stops the servers when Quarkus stops the application that started them ({@link RealServicesResource}). Each test
     * profile loads this class anew and starts servers of its own; left running until the JVM exits, 20 profiles' brokers
     * and the applications their threads hold on to filled the test JVM's heap (a CI run ended in OutOfMemoryError).
     * Kept when a JVM-wide server ({@link SaslKafka}) was stopped with them: its clean-up must wait for the JVM's exit.
     */
    static synchronized void stopForApplication() {
        if (instance == null || !MORE_SERVERS.isEmpty()) {
            return;
        }
        Runtime.getRuntime().removeShutdownHook(stopHook);
        instance.stop();
        instance = null;
    }

    /** A combined KRaft node with the settings one broker needs (replication factors of 1, no rebalance delay, topics made on use). */
    static KafkaClusterTestKit.Builder singleNodeKafka(TestKitNodes.Builder nodes) throws Exception {
        return new KafkaClusterTestKit.Builder(nodes.setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "true");
    }

    static KafkaClusterTestKit startKafka(KafkaClusterTestKit.Builder builder) throws Exception {
        KafkaClusterTestKit kafka = builder.build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        return kafka;
    }

    private static RealServices start() {
        // Kafka's test kit deletes its temporary directories in a JVM shutdown hook of its own,
        // which would run at the same time as stop() (shutdown hooks run concurrently): the
        // broker, still shutting down, would find its log directories gone, take them as failed
        // and halt the JVM with status 1, failing the test run after every test passed. Its
        // hooks are collected here instead and run by stop() once the broker is down; and
        // should Kafka still ask to halt the test JVM, the request is reported, not carried out.
        Exit.setShutdownHookAdder((name, hook) -> KAFKA_CLEANUP.add(hook));
        Exit.setHaltProcedure((status, message) -> System.err.println(
                "the test Kafka broker asked to halt the JVM (status " + status + "), not done: " + message));
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            KafkaClusterTestKit kafka = startKafka(singleNodeKafka(new TestKitNodes.Builder()));
            GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            greenMail.start();
            return new RealServices(postgres, kafka, greenMail);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test servers", e);
        }
    }

    /** Stops {@code server} with these servers, before Kafka's clean-up hooks run (a broker of its own needs that order). */
    public static void stopWith(AutoCloseable server) {
        get();
        MORE_SERVERS.add(server);
    }

    /** Configuration pointing renewd at these servers. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "test.smtp-proxy-port", String.valueOf(smtpProxy.port()),
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(greenMail.getSmtp().getPort()));
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A proxy in front of the SMTP server (config key {@code test.smtp-proxy-port}) that can lose a greeting. */
    public GreetingSwallowingProxy smtpProxy() {
        return smtpProxy;
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    public Admin kafkaAdmin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    /** Takes the SMTP server down, as in a mail outage. */
    public synchronized void stopSmtp() {
        smtpPort = greenMail.getSmtp().getPort();
        greenMail.stop();
    }

    /** Brings an SMTP server back on the same port (empty: mails received before the outage are gone). */
    public synchronized void startSmtp() {
        greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    /** Takes the broker down (the KRaft controller stays), as in a broker outage. */
    public void stopKafkaBroker() {
        kafka.brokers().values().forEach(BrokerServer::shutdown);
        kafka.brokers().values().forEach(BrokerServer::awaitShutdown);
    }

    /** Brings the broker back on the same address, with the data it had. */
    public void startKafkaBroker() {
        kafka.brokers().values().forEach(BrokerServer::startup);
        try {
            kafka.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("the Kafka broker did not come back", e);
        }
    }

    private void stop() {
        try {
            smtpProxy.close();
        } catch (IOException e) {
            System.err.println("stopping the test SMTP proxy failed: " + e);
        }
        greenMail.stop();
        MORE_SERVERS.forEach(server -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stopping a test server failed: " + e);
            }
        });
        // The embedded broker's shutdown can wait forever on a request of its own (seen once at the end of a CI run):
        // bounded, so the test JVM still exits and PostgreSQL is still stopped.
        Thread kafkaStop = Thread.ofPlatform().daemon().name("real-services-kafka-stop").start(() -> {
            try {
                kafka.close();
            } catch (Exception e) {
                System.err.println("stopping the test Kafka broker failed: " + e);
            }
        });
        try {
            if (!kafkaStop.join(KAFKA_STOP_TIMEOUT)) {
                System.err.println("the test Kafka broker did not stop within " + KAFKA_STOP_TIMEOUT + "; left to the JVM's exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        KAFKA_CLEANUP.forEach(hook -> {
            try {
                hook.run();
            } catch (RuntimeException e) {
                System.err.println("deleting the test Kafka broker's files failed: " + e);
            }
        });
        KAFKA_CLEANUP.clear();
        try {
            postgres.close();
        } catch (Exception e) {
            System.err.println("stopping the test PostgreSQL failed: " + e);
        }
    }
}
