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
        return view(entity(vault, name));
    }

    CertificateOperationEntity entity(String vault, String name) {
        CertificateEntity certificate = queries.live(vault, name);
        CertificateOperationEntity operation = CertificateOperationEntity.findById(certificate.id);
        if (operation == null) {
            throw Failure.notFound("PendingCertificateNotFound", "certificate '" + name + "' of vault '" + vault + "' has no pending operation");
        }
        return operation;
    }

    /** The view under its certificate's name as created (a request may spell it in another case). */
    static OperationView view(CertificateOperationEntity o) {
        CertificateEntity certificate = CertificateEntity.findById(o.certificateId);
        return view(certificate.vault, certificate.name, o);
    }

    static OperationView view(String vault, String name, CertificateOperationEntity o) {
        return new OperationView(vault, name, o.issuerName, o.certificateType, o.certTransparency, Optional.ofNullable(o.csr),
                o.cancellationRequested, o.status(), o.statusDetails, o.errorCode, o.errorMessage, o.requestId, o.preserveCertOrder);
    }
}
