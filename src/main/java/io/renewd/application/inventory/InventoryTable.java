package io.renewd.application.inventory;

import io.renewd.domain.inventory.CertificateState;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The web inventory's table of certificates across vaults: what to show, and one page of it. */
public final class InventoryTable {

    /** Rows per page. */
    public static final int PAGE_SIZE = 50;
    /** Pages reach this far: offset paging stays bounded, and a person narrows a search with the filters. */
    public static final int MAX_PAGES = 200;

    private InventoryTable() {
    }

    /** A column the table sorts by; ties in vault and name order. */
    public enum Sort {
        VAULT("vault"),
        NAME("name"),
        ISSUER("issuer"),
        EXPIRES("expires"),
        NEXT_ACTION("next"),
        LAST_RESULT("result");

        private final String key;

        Sort(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Optional<Sort> fromKey(String key) {
            return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
        }
    }

    /**
     * @param vaults       the vaults to search: only those the person may list
     * @param nameContains part of the name, any case; empty for all
     * @param issuer       the issuer's name, any case; empty for all
     * @param state        one state; empty for all
     * @param page         from 0, below {@link #MAX_PAGES}
     */
    public record Query(Set<String> vaults, String nameContains, String issuer, Optional<CertificateState> state, Sort sort,
                        boolean descending, int page) {

        public Query {
            nameContains = nameContains == null ? "" : nameContains.strip();
            issuer = issuer == null ? "" : issuer.strip();
            page = Math.max(0, Math.min(page, MAX_PAGES - 1));
        }
    }

    /** One certificate: its current version's expiry, its next due action, its last operation's outcome. */
    public record Row(String vault, String name, String issuer, Instant expires, Boolean enabled, CertificateState state,
                      String nextAction, Instant nextActionAt, String lastResult, String lastError) {
    }

    public record Page(List<Row> rows, int page, boolean hasNext) {

        public boolean hasPrevious() {
            return page > 0;
        }
    }
}
