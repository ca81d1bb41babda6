package io.renewd.domain.acme;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * The ACME CAs an issuer may name by Key Vault provider name ({@code "provider": "DigiCert"}), each with its public
 * directory and whether it requires External Account Binding (Key Vault's {@code credentials.account_id} and
 * {@code credentials.pwd} are then the EAB key id and HMAC key); {@link #ANY} is provider {@code acme}, any RFC 8555
 * CA at the directory the issuer names. Names match case-insensitively, as Key Vault's do.
 *
 * <p>Directories, as the CAs publish them (checked 2026-12):
 * <ul>
 *   <li>Let's Encrypt: https://acme-v02.api.letsencrypt.org/directory, no EAB
 *       (acmebot.dev/guide/certificate-authorities: "No EAB required").</li>
 *   <li>DigiCert CertCentral: https://acme.digicert.com/v2/acme/directory/, the same for every account; the EAB key
 *       selects account, product and division (DigiCert support, quoted in github.com/rmbolger/posh-acme/issues/529;
 *       docs.digicert.com "Provide ACME directory and EAB values"). DigiCert ONE / Trust Lifecycle Manager and regional
 *       CertCentral accounts have other URLs: override the directory.</li>
 *   <li>GlobalSign Atlas: https://emea.acme.atlas.globalsign.com/directory, EAB required (acmebot.dev
 *       guide/certificate-authorities: "Requires an Atlas ACME-enabled account").</li>
 *   <li>Sectigo: https://acme.sectigo.com/v2/DV, EAB required (docs.sectigo.com caas-api-guide quick-start: PREREGISTER with
 *       serverURL https://acme.sectigo.com/v2/DV returns the EAB key id and HMAC key); OV and EV have their own
 *       directories (…/v2/OV, …/v2/EV): override the directory.</li>
 *   <li>ZeroSSL: https://acme.zerossl.com/v2/DV90, EAB required (acmebot.dev guide/certificate-authorities:
 *       "EAB credentials are required").</li>
 * </ul>
 */
public enum AcmeCa {

    ANY("acme", null, false),
    LETS_ENCRYPT("LetsEncrypt", "https://acme-v02.api.letsencrypt.org/directory", false),
    DIGICERT("DigiCert", "https://acme.digicert.com/v2/acme/directory/", true),
    GLOBALSIGN("GlobalSign", "https://emea.acme.atlas.globalsign.com/directory", true),
    SECTIGO("Sectigo", "https://acme.sectigo.com/v2/DV", true),
    ZEROSSL("ZeroSSL", "https://acme.zerossl.com/v2/DV90", true);

    private final String providerName;
    private final URI directory;
    private final boolean requiresEab;

    AcmeCa(String providerName, String directory, boolean requiresEab) {
        this.providerName = providerName;
        this.directory = directory == null ? null : URI.create(directory);
        this.requiresEab = requiresEab;
    }

    /** The CA a Key Vault provider name stands for, ignoring case; empty for any other name. */
    public static Optional<AcmeCa> named(String provider) {
        return provider == null ? Optional.empty() : Arrays.stream(values()).filter(ca -> ca.providerName.equalsIgnoreCase(provider)).findFirst();
    }

    /** Its provider name as Key Vault spells it ({@code acme} for {@link #ANY}). */
    public String providerName() {
        return providerName;
    }

    /** The CA's public ACME directory; empty for {@link #ANY}, whose issuer must name one. */
    public Optional<URI> directory() {
        return Optional.ofNullable(directory);
    }

    /** Whether the CA registers accounts only with External Account Binding. */
    public boolean requiresEab() {
        return requiresEab;
    }

    /** The provider names of the CAs with a directory of their own, for messages and docs. */
    public static String namedCas() {
        return String.join(", ", Arrays.stream(values()).filter(ca -> ca != ANY).map(AcmeCa::providerName).toList());
    }
}
