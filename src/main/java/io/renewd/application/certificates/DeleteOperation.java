package io.renewd.application.certificates;

import io.renewd.application.bulk.FinishBulkReissue;
import io.renewd.store.CertificateOperationEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Removes a certificate's operation (an in-progress one stops with it); returns it as it was. */
@ApplicationScoped
public class DeleteOperation {

    private final OperationQueries operations;
    private final FinishBulkReissue bulks;

    DeleteOperation(OperationQueries operations, FinishBulkReissue bulks) {
        this.operations = operations;
        this.bulks = bulks;
    }

    @Transactional
    public OperationView execute(String vault, String name) {
        CertificateOperationEntity operation = operations.entity(vault, name);
        OperationView view = OperationQueries.view(operation);
        operation.delete();
        bulks.afterOperationEnded(operation.bulkId);
        return view;
    }
}
