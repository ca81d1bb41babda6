import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.Csrs;
import io.renewd.pki.EnvelopeEncryption;
import io.renewd.pki.KeyEncryptionKeys;
import io.renewd.pki.KeyPairs;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor of a Self EC P-256 renewal: only the PKI work renewd's own classes do for one (a key pair, the CSR of the
 * pending operation, the self-signed certificate, the private key sealed for the operation and again for the version),
 * nothing else (no database, no Kafka, no JSON). Run by {@code scripts/benchmark.sh pki}; prints renewals/s on 1 and
 * on 2 threads.
 */
public class PkiFloor {

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        EnvelopeEncryption envelope = new EnvelopeEncryption(new KeyEncryptionKeys("bench", Map.of("bench", kek)));
        Instant now = Instant.now();
        CertificateTemplate template = new CertificateTemplate("CN=w1.bench.test",
                new SubjectAlternativeNames(List.of("w1.bench.test"), List.of(), List.of(), List.of()),
                Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of("1.3.6.1.5.5.7.3.1"), now, now.plus(Duration.ofDays(365)), false, null);
        KeySpec spec = new KeySpec.Ec(Curve.P_256);
        Runnable renewal = () -> {
            KeyPair keys = KeyPairs.generate(spec);
            Csrs.create(keys, template);
            CertificateIssuance.selfSigned(keys, template);
            byte[] pkcs8 = keys.getPrivate().getEncoded();
            envelope.seal(pkcs8, new byte[16]);
            envelope.seal(pkcs8, new byte[16]);
        };
        KeyPair sample = KeyPairs.generate(spec);
        byte[] samplePkcs8 = sample.getPrivate().getEncoded();
        Map<String, Runnable> steps = new java.util.LinkedHashMap<>();
        steps.put("key pair", () -> KeyPairs.generate(spec));
        steps.put("CSR", () -> Csrs.create(sample, template));
        steps.put("certificate", () -> CertificateIssuance.selfSigned(sample, template));
        steps.put("seal", () -> envelope.seal(samplePkcs8, new byte[16]));
        for (int threads : new int[] {1, 2, 1, 2}) {
            run("renewals' PKI work", renewal, count, threads);
        }
        for (var step : steps.entrySet()) {
            run(step.getKey(), step.getValue(), count, 1);
        }
    }

    private static void run(String what, Runnable renewal, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<Long>> done = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                long cpu = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < count / threads; i++) {
                    renewal.run();
                }
                return THREADS.getCurrentThreadCpuTime() - cpu;
            }));
        }
        long cpuNanos = 0;
        for (Future<Long> future : done) {
            cpuNanos += future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("%d thread(s): %d %s in %.2f s: %.0f/s; %.3f ms of CPU each (so at most %.0f/s on 2 cores)%n",
                threads, count, what, seconds, count / seconds, cpuNanos / 1e6 / count, 2 * 1e9 * count / cpuNanos);
    }
}
