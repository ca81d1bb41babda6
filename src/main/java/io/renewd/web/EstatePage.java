package io.renewd.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.renewd.application.inventory.InventoryQueries;
import io.renewd.application.inventory.PersonVaults;
import io.renewd.domain.inventory.CertificateState;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Arrays;
import java.util.List;

/** The estate view: certificates by state and the expiry timeline, over the vaults the person may list. */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class EstatePage {

    /** One state's count, linking to the table filtered by it. */
    @TemplateData
    public record Count(String key, String label, long count) {
    }

    private final Template estate;
    private final PageRenderer pages;
    private final PersonVaults personVaults;
    private final InventoryQueries inventory;

    EstatePage(@Location("web/estate.html") Template estate, PageRenderer pages, PersonVaults personVaults, InventoryQueries inventory) {
        this.estate = estate;
        this.pages = pages;
        this.personVaults = personVaults;
        this.inventory = inventory;
    }

    @GET
    public Response show(@CookieParam(CsrfTokens.COOKIE) String csrf) {
        var vaults = personVaults.of(pages.caller()).keySet();
        var view = inventory.estate(vaults);
        List<Count> counts = Arrays.stream(CertificateState.values()).map(s -> new Count(s.key(), s.label(), view.counts().get(s))).toList();
        return pages.render(estate.data("counts", counts).data("total", view.total()).data("vaultCount", vaults.size())
                .data("chart", TimelineChart.of(view.timeline())), csrf, 200);
    }
}
