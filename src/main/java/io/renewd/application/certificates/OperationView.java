package io.renewd.application.certificates;

import io.renewd.domain.OperationStatus;

import java.util.Optional;

/** A certificate's pending (or last) operation as the API shows it. */
public record OperationView(String vault, String name, String issuerName, String certificateType, Boolean certificateTransparency,
                            Optional<byte[]> csr, boolean cancellationRequested, OperationStatus status, String statusDetails,
                            String errorCode, String errorMessage, String requestId, boolean preserveCertOrder) {
}
