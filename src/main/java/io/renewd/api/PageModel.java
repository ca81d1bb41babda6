package io.renewd.api;

import java.util.List;

/** Key Vault's paged list: a page of values and the link to the next page (null on the last). */
public record PageModel<T>(List<T> value, String nextLink) {
}
