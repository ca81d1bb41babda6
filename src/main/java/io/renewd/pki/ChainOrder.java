package io.renewd.pki;

import io.renewd.pki.PkiInputException.Reason;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Orders certificates leaf to root. A certificate issues another when its subject is the other's issuer name and its
 * key verifies the other's signature; the set must be exactly one chain, with or without its root. Duplicates are
 * dropped, since PEM files often repeat a certificate.
 */
public final class ChainOrder {

    private ChainOrder() {
    }

    public static List<X509Certificate> order(Collection<X509Certificate> certificates) {
        List<X509Certificate> distinct = distinct(certificates);
        if (distinct.isEmpty()) {
            throw new PkiInputException(Reason.NO_CERTIFICATE, "no certificates were given");
        }
        if (distinct.size() > Inputs.MAX_CERTIFICATES) {
            throw new PkiInputException(Reason.NOT_ONE_CHAIN, "more than " + Inputs.MAX_CERTIFICATES + " certificates were given");
        }
        Map<X509Certificate, List<X509Certificate>> issuers = new LinkedHashMap<>();
        distinct.forEach(certificate -> issuers.put(certificate,
                distinct.stream().filter(candidate -> candidate != certificate && issued(candidate, certificate)).toList()));

        List<X509Certificate> leaves = distinct.stream()
                .filter(certificate -> issuers.values().stream().noneMatch(list -> list.contains(certificate))).toList();
        if (leaves.size() != 1) {
            throw notOneChain(leaves.isEmpty() ? "the certificates issue each other in a circle" : "they have " + leaves.size()
                    + " ends: " + names(leaves));
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (X509Certificate current = leaves.get(0); current != null; ) {
            chain.add(current);
            List<X509Certificate> next = issuers.get(current);
            if (next.size() > 1) {
                throw notOneChain(names(next) + " all issued " + Inputs.nameOf(current));
            }
            current = next.isEmpty() || chain.contains(next.get(0)) ? null : next.get(0);
        }
        if (chain.size() != distinct.size()) {
            List<X509Certificate> outside = distinct.stream().filter(certificate -> !chain.contains(certificate)).toList();
            throw notOneChain(names(outside) + " are not in the chain of " + Inputs.nameOf(chain.get(0)));
        }
        return List.copyOf(chain);
    }

    /** The certificates in the order given, without duplicates, after checking that they are one chain. */
    public static List<X509Certificate> asGiven(Collection<X509Certificate> certificates) {
        order(certificates);
        return distinct(certificates);
    }

    private static boolean issued(X509Certificate issuer, X509Certificate subject) {
        if (!issuer.getSubjectX500Principal().equals(subject.getIssuerX500Principal())) {
            return false;
        }
        try {
            subject.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            // Not its signature (or an algorithm nobody here knows): not its issuer.
            return false;
        }
    }

    private static List<X509Certificate> distinct(Collection<X509Certificate> certificates) {
        Map<ByteBuffer, X509Certificate> byEncoding = new LinkedHashMap<>();
        certificates.forEach(certificate -> byEncoding.putIfAbsent(ByteBuffer.wrap(Certificates.der(certificate)), certificate));
        return List.copyOf(byEncoding.values());
    }

    private static PkiInputException notOneChain(String detail) {
        return new PkiInputException(Reason.NOT_ONE_CHAIN, "the certificates are not one chain: " + detail);
    }

    private static String names(List<X509Certificate> certificates) {
        return certificates.stream().map(Inputs::nameOf).collect(Collectors.joining(", "));
    }
}
