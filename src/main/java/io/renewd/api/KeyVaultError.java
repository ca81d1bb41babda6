package io.renewd.api;

/** Key Vault's error body: {@code {"error":{"code":"…","message":"…"}}}. */
public record KeyVaultError(Detail error) {

    public record Detail(String code, String message) {
    }

    public static KeyVaultError of(String code, String message) {
        return new KeyVaultError(new Detail(code, message));
    }
}
