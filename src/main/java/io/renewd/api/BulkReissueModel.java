package io.renewd.api;

import io.renewd.application.bulk.BulkReissueView;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;

/** A bulk re-issue as the API shows it; the counts are counted from its certificates' operations. */
public record BulkReissueModel(String id, String status, String reason, Map<String, Object> selector, String created, String ended,
                               int selected, int done, int failed, int inProgress, int cancelled, List<Failure> failures) {

    /** A certificate the bulk could not re-issue. */
    public record Failure(String name, String code, String message) {
    }

    static BulkReissueModel of(BulkReissueView view) {
        return new BulkReissueModel(view.id().toString(), view.status().wireName(), view.reason(), view.selector(), view.created().toString(),
                view.ended().map(Object::toString).orElse(null), view.counts().selected(), view.counts().done(), view.counts().failed(),
                view.counts().inProgress(), view.counts().cancelled(),
                view.failures().stream().map(f -> new Failure(f.name(), f.code(), f.message())).toList());
    }

    /** Where the bulk re-issue is read: {@code …/vaults/{vault}/reissues/{id}}. */
    static String location(UriInfo uri, BulkReissueView view) {
        return Ids.vault(uri, view.vault()) + "/reissues/" + view.id();
    }
}
