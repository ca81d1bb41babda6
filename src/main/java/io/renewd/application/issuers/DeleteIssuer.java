package io.renewd.application.issuers;

import io.renewd.application.Failure;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateIssuerEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Deletes a named issuer; refused while a certificate's policy still names it (its renewals would fail). */
@ApplicationScoped
public class DeleteIssuer {

    private final IssuerStore store;

    DeleteIssuer(IssuerStore store) {
        this.store = store;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public IssuerView execute(String vault, String name) {
        CertificateIssuerEntity row = store.require(vault, name);
        List<String> users = CertificateEntity.getEntityManager().createNativeQuery(
                        "select name from certificate where vault = ?1 and lower(policy -> 'issuer' ->> 'name') = lower(?2) order by name limit 10")
                .setParameter(1, vault).setParameter(2, name).getResultList();
        if (!users.isEmpty()) {
            throw Failure.conflict("IssuerInUse", "issuer '" + row.key.name() + "' is named by the policy of " + String.join(", ", users)
                    + ": change those policies first");
        }
        IssuerView view = store.view(row);
        row.delete();
        return view;
    }
}
