package io.renewd.domain;

/** A person to notify about a vault's certificates. */
public record Contact(String email, String name, String phone) {
}
