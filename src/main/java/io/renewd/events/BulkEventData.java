package io.renewd.events;

import io.renewd.domain.events.BulkEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON data of a bulk re-issue's events: Event Grid's {@code Id}, {@code VaultName}, {@code ObjectType}, {@code ObjectName}, and renewd's. */
final class BulkEventData {

    private BulkEventData() {
    }

    static Map<String, Object> of(BulkEvent event, String objectBaseUrl) {
        String base = objectBaseUrl.endsWith("/") ? objectBaseUrl.substring(0, objectBaseUrl.length() - 1) : objectBaseUrl;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Id", base + "/vaults/" + event.vault() + "/reissues/" + event.id());
        data.put("VaultName", event.vault());
        data.put("ObjectType", "BulkReissue");
        data.put("ObjectName", event.id().toString());
        switch (event) {
            case BulkEvent.ReissueStarted e -> {
                data.put("selector", e.selector());
                data.put("reason", e.reason());
                data.put("requestedBy", e.requestedBy());
                data.put("created", e.created().toString());
                data.put("selected", e.selected());
            }
            case BulkEvent.ReissueEnded e -> {
                data.put("status", e.status());
                data.put("ended", e.ended().toString());
                data.put("selected", e.counts().selected());
                data.put("done", e.counts().done());
                data.put("failed", e.counts().failed());
                data.put("cancelled", e.counts().cancelled());
            }
        }
        return data;
    }
}
