package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/** Key Vault's SecretBundle of a certificate's addressable secret ({@code managed: true}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretBundleModel(String value, String contentType, String id, Attributes attributes, Map<String, String> tags,
                                String kid, Boolean managed) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attributes(Boolean enabled, Long nbf, Long exp, Long created, Long updated, String recoveryLevel) {
    }
}
