package io.renewd.web;

import io.quarkus.qute.TemplateData;
import io.renewd.domain.inventory.ExpiryTimeline;

import java.util.List;

/**
 * The expiry timeline as an SVG bar chart drawn on the server: one bar per week (certificates whose current version
 * expires in it), a marker above it with the renewals due that week, a scale on the left. The page shows the same
 * numbers in a table.
 */
@TemplateData
public record TimelineChart(int width, int height, int plotTop, int plotBottom, long peak, List<Bar> bars, String summary) {

    static final int LEFT = 40;
    static final int BAR_STEP = 48;
    static final int PLOT_HEIGHT = 180;
    static final int TOP = 20;

    /** One week, in drawing coordinates, with its label and numbers. */
    @TemplateData
    public record Bar(int index, String label, String range, long expiring, long renewalsDue, int x, int y, int barHeight, int barWidth,
                      int dueTop, int valueY, int labelX, int labelY, boolean showLabel) {
    }

    static TimelineChart of(ExpiryTimeline timeline) {
        long peak = timeline.peak();
        int bottom = TOP + PLOT_HEIGHT;
        List<Bar> bars = timeline.buckets().stream().map(b -> {
            int x = LEFT + b.index() * BAR_STEP + 6;
            int h = (int) Math.round((double) b.expiring() * PLOT_HEIGHT / peak);
            int dueY = bottom - (int) Math.round((double) b.renewalsDue() * PLOT_HEIGHT / peak);
            return new Bar(b.index(), Formats.day(b.start()), Formats.day(b.start()) + " to " + Formats.day(b.end().minusSeconds(1)),
                    b.expiring(), b.renewalsDue(), x, bottom - h, h, BAR_STEP - 12, dueY - 6, bottom - h - 4, x + (BAR_STEP - 12) / 2, bottom + 16,
                    b.index() % 2 == 0);
        }).toList();
        String summary = timeline.totalExpiring() + " certificates expire and " + timeline.totalRenewalsDue()
                + " renewals fall due in the next " + ExpiryTimeline.DAYS + " days, from " + Formats.day(timeline.from()) + ".";
        return new TimelineChart(LEFT + bars.size() * BAR_STEP + 10, bottom + 30, TOP, bottom, peak, bars, summary);
    }
}
