package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.renewd.application.bulk.BulkReissueView;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;

/**
 * A bulk re-issue as the API shows it; the counts are counted from its certificates' operations. {@code failures} is
 * left out of list items (up to 1,000 names each): read the bulk for them.
 */
public record BulkReissueModel(String id, String status, String reason, Map<String, Object> selector, String created, String ended,
                               int selected, int done, int failed, int inProgress, int cancelled,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<Failure> failures) {

    /** A certificate the bulk could not re-issue. */
    public record Failure(String name, String code, String message) {
    }

    static BulkReissueModel of(BulkReissueView view) {
        return new BulkReissueModel(view.id().toString(), view.status().wireName(), view.reason(), view.selector(), view.created().toString(),
                view.ended().map(Object::toString).orElse(null), view.counts().selected(), view.counts().done(), view.counts().failed(),
                view.counts().inProgress(), view.counts().cancelled(),
                view.failures().stream().map(f -> new Failure(f.name(), f.code(), f.message())).toList());
    }

    /** An item of the list: the bulk without its failures. */
    static BulkReissueModel item(BulkReissueView view) {
        BulkReissueModel full = of(view);
        return new BulkReissueModel(full.id, full.status, full.reason, full.selector, full.created, full.ended, full.selected, full.done,
                full.failed, full.inProgress, full.cancelled, null);
    }

    /** Where the bulk re-issue is read: {@code …/vaults/{vault}/reissues/{id}}. */
    static String location(UriInfo uri, BulkReissueView view) {
        return Ids.vault(uri, view.vault()) + "/reissues/" + view.id();
    }
}
