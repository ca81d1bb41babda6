package io.renewd.application.certificates;

import java.security.PublicKey;
import java.util.List;

/** A certificate version's addressable key: its public half and the operations it allows. */
public record KeyView(CertificateView certificate, VersionView version, PublicKey publicKey, List<String> keyOperations) {
}
