package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Reads a certificate's pending operation. */
@ApplicationScoped
public class OperationQueries {

    private final CertificateQueries queries;

    OperationQueries(CertificateQueries queries) {
        this.queries = queries;
    }

    public OperationView get(String vault, String name) {
        return view(vault, name, entity(vault, name));
    }

    CertificateOperationEntity entity(String vault, String name) {
        CertificateEntity certificate = queries.live(vault, name);
        CertificateOperationEntity operation = CertificateOperationEntity.findById(certificate.id);
        if (operation == null) {
            throw Failure.notFound("PendingCertificateNotFound", "certificate '" + name + "' of vault '" + vault + "' has no pending operation");
        }
        return operation;
    }

    static OperationView view(String vault, String name, CertificateOperationEntity o) {
        return new OperationView(vault, name, o.issuerName, o.certificateType, o.certTransparency, Optional.ofNullable(o.csr),
                o.cancellationRequested, o.status(), o.statusDetails, o.errorCode, o.errorMessage, o.requestId, o.preserveCertOrder);
    }
}
