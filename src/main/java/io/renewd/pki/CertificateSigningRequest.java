package io.renewd.pki;

import io.renewd.domain.KeyUsage;
import io.renewd.domain.SubjectAlternativeNames;

import java.security.PublicKey;
import java.util.List;
import java.util.Set;

/** A PKCS#10 request whose signature has been verified: what it asks for, and its DER encoding. */
public record CertificateSigningRequest(String subject, PublicKey publicKey, SubjectAlternativeNames sans, Set<KeyUsage> keyUsage,
                                        List<String> ekus, byte[] der) {

    public CertificateSigningRequest {
        keyUsage = Set.copyOf(keyUsage);
        ekus = List.copyOf(ekus);
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }
}
