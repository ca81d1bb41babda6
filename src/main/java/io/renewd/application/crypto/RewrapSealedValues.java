package io.renewd.application.crypto;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.renewd.store.AcmeAccountEntity;
import io.renewd.store.AcmeDnsRecordEntity;
import io.renewd.store.CertificateIssuerEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.CertificateVersionEntity;
import io.renewd.store.SealedStorage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * After a KEK rotation, re-wraps every sealed value (private keys, pending keys, issuer
 * credentials) still under an older KEK, in small transactions. When it reports none left,
 * the older KEKs can be removed from the configuration.
 */
@ApplicationScoped
public class RewrapSealedValues {

    public record Result(String activeKekId, long rewrapped) {
    }

    private static final Logger LOG = Logger.getLogger(RewrapSealedValues.class);
    private static final int BATCH = 200;

    private final SealedStorage sealedStorage;

    RewrapSealedValues(SealedStorage sealedStorage) {
        this.sealedStorage = sealedStorage;
    }

    public Result execute() {
        long rewrapped = rewrapAll(CertificateVersionEntity.class, "id", v -> v.privateKeySealed, (v, b) -> v.privateKeySealed = b)
                + rewrapAll(CertificateOperationEntity.class, "certificateId", o -> o.privateKeySealed, (o, b) -> o.privateKeySealed = b)
                + rewrapAll(CertificateIssuerEntity.class, "key", i -> i.credentialsSealed, (i, b) -> i.credentialsSealed = b)
                + rewrapAll(CertificateIssuerEntity.class, "key", i -> i.solverSecretsSealed, (i, b) -> i.solverSecretsSealed = b)
                + rewrapAll(AcmeDnsRecordEntity.class, "id", r -> r.tsigSecretSealed, (r, b) -> r.tsigSecretSealed = b)
                + rewrapAll(AcmeAccountEntity.class, "key", a -> a.privateKeySealed, (a, b) -> a.privateKeySealed = b);
        LOG.infof("re-wrapped %d sealed value(s) under key-encryption key '%s'; none remain under other keys",
                rewrapped, sealedStorage.activeKekId());
        return new Result(sealedStorage.activeKekId(), rewrapped);
    }

    private record Batch(int rows, long rewrapped) {
    }

    private <E> long rewrapAll(Class<E> entity, String order, Function<E, byte[]> read, BiConsumer<E, byte[]> write) {
        long total = 0;
        for (int first = 0; ; first += BATCH) {
            int offset = first;
            Batch batch = QuarkusTransaction.requiringNew().call(() -> rewrapBatch(entity, order, offset, read, write));
            total += batch.rewrapped();
            if (batch.rows() < BATCH) {
                return total;
            }
        }
    }

    private <E> Batch rewrapBatch(Class<E> entity, String order, int first, Function<E, byte[]> read, BiConsumer<E, byte[]> write) {
        List<E> rows = CertificateVersionEntity.getEntityManager()
                .createQuery("from " + entity.getSimpleName() + " order by " + order, entity)
                .setFirstResult(first).setMaxResults(BATCH).getResultList();
        long rewrapped = 0;
        for (E row : rows) {
            byte[] sealed = read.apply(row);
            var rewrappedValue = sealed == null ? java.util.Optional.<byte[]>empty() : sealedStorage.rewrap(sealed);
            if (rewrappedValue.isPresent()) {
                write.accept(row, rewrappedValue.get());
                rewrapped++;
            }
        }
        return new Batch(rows.size(), rewrapped);
    }
}
