/**
 * Everything X.509 and PKCS that renewd needs, on the JDK and Bouncy Castle only (no framework): keys, certificate
 * issuance, CSRs, PEM/PKCS#12/PKCS#7 codecs, chain ordering, import checks and envelope encryption of private keys.
 *
 * <p>Every parser takes hostile input: whatever is wrong with it comes out as a {@link io.renewd.pki.PkiInputException}
 * with a {@link io.renewd.pki.PkiInputException.Reason} and a message fit for an API error, never as another exception.
 */
package io.renewd.pki;
