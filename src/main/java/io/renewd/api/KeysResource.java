package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.renewd.application.certificates.KeyView;
import io.renewd.application.certificates.ReadKey;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The addressable key of each certificate, as Key Vault's KeyBundle with a public JWK. */
@Path("/vaults/{vault}/keys/{name}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Keys")
public class KeysResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Jwk(String kid, String kty, @JsonProperty("key_ops") List<String> keyOps, String n, String e, String crv,
                      String x, String y) {
    }

    public record KeyBundle(Jwk key, CertificateAttributesModel attributes, Map<String, String> tags, boolean managed) {
    }

    private final ReadKey readKey;

    KeysResource(ReadKey readKey) {
        this.readKey = readKey;
    }

    @GET
    @Operation(summary = "Get the current version's key (public part; key_ops from the certificate's key usage)")
    public KeyBundle current(@PathParam("vault") String vault, @PathParam("name") String name, @Context UriInfo uri) {
        return model(uri, readKey.execute(vault, name, null));
    }

    @GET
    @Path("{version}")
    @Operation(summary = "Get a version's key")
    public KeyBundle version(@PathParam("vault") String vault, @PathParam("name") String name, @PathParam("version") String version,
                             @Context UriInfo uri) {
        return model(uri, readKey.execute(vault, name, version));
    }

    private static KeyBundle model(UriInfo uri, KeyView key) {
        String kid = Ids.vault(uri, key.certificate().vault().name()) + "/keys/" + key.certificate().name() + "/" + key.version().version();
        Jwk jwk = switch (key.publicKey()) {
            case RSAPublicKey rsa -> new Jwk(kid, "RSA", key.keyOperations(), unsigned(rsa.getModulus(), 0), unsigned(rsa.getPublicExponent(), 0),
                    null, null, null);
            case ECPublicKey ec -> {
                int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
                yield new Jwk(kid, "EC", key.keyOperations(), null, null, "P-" + ec.getParams().getCurve().getField().getFieldSize(),
                        unsigned(ec.getW().getAffineX(), size), unsigned(ec.getW().getAffineY(), size));
            }
            default -> throw new IllegalStateException("renewd stores only RSA and EC keys");
        };
        return new KeyBundle(jwk, CertificateModels.attributes(key.certificate().vault(), key.version()), key.version().tags(), true);
    }

    /** Base64url of the big-endian magnitude, left-padded to {@code length} bytes (JWK, RFC 7518). */
    private static String unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (bytes.length < length) {
            byte[] padded = new byte[length];
            System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
            bytes = padded;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
