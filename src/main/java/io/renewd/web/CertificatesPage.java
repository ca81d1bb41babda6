package io.renewd.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.renewd.application.inventory.InventoryQueries;
import io.renewd.application.inventory.InventoryTable;
import io.renewd.application.inventory.PersonVaults;
import io.renewd.domain.inventory.CertificateState;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The table of certificates across the person's vaults: filtered, sorted and paged on the server. */
@Path("/ui/certificates")
@Produces(MediaType.TEXT_HTML)
public class CertificatesPage {

    @TemplateData
    public record Row(String vault, String name, String href, String issuer, String expires, String expiresRelative, String state,
                      String stateLabel, String nextAction, String nextActionAt, String lastResult, boolean disabled) {
    }

    /** A column header: its sort link and, when sorted by it, the direction (for aria-sort). */
    @TemplateData
    public record Column(String key, String label, String href, String ariaSort) {
    }

    @TemplateData
    public record Option(String value, String label, boolean selected) {
    }

    private final Template table;
    private final PageRenderer pages;
    private final PersonVaults personVaults;
    private final InventoryQueries inventory;
    private final Clock clock;

    CertificatesPage(@Location("web/certificates.html") Template table, PageRenderer pages, PersonVaults personVaults,
                     InventoryQueries inventory, Clock clock) {
        this.table = table;
        this.pages = pages;
        this.personVaults = personVaults;
        this.inventory = inventory;
        this.clock = clock;
    }

    @GET
    public Response show(@QueryParam("vault") String vault, @QueryParam("name") String name, @QueryParam("issuer") String issuer,
                         @QueryParam("state") String state, @QueryParam("sort") String sort, @QueryParam("order") String order,
                         @QueryParam("page") String page, @CookieParam(CsrfTokens.COOKIE) String csrf) {
        Set<String> readable = personVaults.of(pages.caller()).keySet();
        // A vault the person may not list is searched as no vault at all: the page does not tell it exists.
        Set<String> searched = blank(vault) ? readable : readable.contains(vault) ? Set.of(vault) : Set.of();
        Optional<CertificateState> wanted = blank(state) ? Optional.empty() : CertificateState.fromKey(state);
        InventoryTable.Sort by = InventoryTable.Sort.fromKey(String.valueOf(sort)).orElse(InventoryTable.Sort.EXPIRES);
        boolean descending = "desc".equals(order);
        int pageNumber = parsePage(page);
        InventoryTable.Page rows = searched.isEmpty() ? new InventoryTable.Page(List.of(), 0, false)
                : inventory.table(new InventoryTable.Query(searched, name, issuer, wanted, by, descending, pageNumber));

        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("vault", searched.size() == 1 && !blank(vault) ? vault : "");
        filters.put("name", name == null ? "" : name.strip());
        filters.put("issuer", issuer == null ? "" : issuer.strip());
        filters.put("state", wanted.map(CertificateState::key).orElse(""));
        Instant now = clock.instant();
        List<Column> columns = List.of(column(InventoryTable.Sort.VAULT, "Vault", filters, by, descending),
                column(InventoryTable.Sort.NAME, "Name", filters, by, descending),
                column(InventoryTable.Sort.ISSUER, "Issuer", filters, by, descending),
                column(InventoryTable.Sort.EXPIRES, "Expires", filters, by, descending),
                column(InventoryTable.Sort.NEXT_ACTION, "Next action", filters, by, descending),
                column(InventoryTable.Sort.LAST_RESULT, "Last renewal result", filters, by, descending));
        Map<String, String> sorted = new LinkedHashMap<>(filters);
        sorted.put("sort", by.key());
        sorted.put("order", descending ? "desc" : "asc");
        return pages.render(table.data("rows", rows.rows().stream().map(r -> row(r, now)).toList())
                .data("columns", columns)
                .data("vaults", options(readable.stream().toList(), filters.get("vault"), "All vaults", s -> s))
                .data("states", options(Arrays.stream(CertificateState.values()).map(CertificateState::key).toList(), filters.get("state"),
                        "All states", key -> CertificateState.fromKey(key).orElseThrow().label()))
                .data("filters", filters)
                .data("pageNumber", rows.page() + 1)
                .data("previous", rows.hasPrevious() ? link(sorted, rows.page() - 1) : null)
                .data("next", rows.hasNext() ? link(sorted, rows.page() + 1) : null), csrf, 200);
    }

    private static Row row(InventoryTable.Row r, Instant now) {
        return new Row(r.vault(), r.name(), CertificatePage.href(r.vault(), r.name()), r.issuer(), Formats.time(r.expires()),
                Formats.relative(r.expires(), now), r.state().key(), r.state().label(),
                r.nextAction() == null ? "" : r.nextAction(), Formats.timeAndRelative(r.nextActionAt(), now),
                r.lastResult() == null ? "" : r.lastResult() + (r.lastError() == null ? "" : " (" + r.lastError() + ")"),
                Boolean.FALSE.equals(r.enabled()));
    }

    private static Column column(InventoryTable.Sort sort, String label, Map<String, String> filters, InventoryTable.Sort by, boolean descending) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("sort", sort.key());
        boolean current = sort == by;
        query.put("order", current && !descending ? "desc" : "asc");
        return new Column(sort.key(), label, link(query, 0), current ? (descending ? "descending" : "ascending") : null);
    }

    private static List<Option> options(List<String> values, String selected, String all, java.util.function.Function<String, String> label) {
        List<Option> options = new java.util.ArrayList<>();
        options.add(new Option("", all, selected.isEmpty()));
        values.forEach(v -> options.add(new Option(v, label.apply(v), v.equals(selected))));
        return options;
    }

    private static String link(Map<String, String> query, int page) {
        Map<String, String> all = new LinkedHashMap<>(query);
        if (page > 0) {
            all.put("page", String.valueOf(page + 1));
        }
        return "/ui/certificates?" + all.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** Pages count from 1 in links; anything else is the first page. */
    private static int parsePage(String page) {
        try {
            return page == null ? 0 : Math.max(0, Integer.parseInt(page) - 1);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
