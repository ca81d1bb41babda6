package io.renewd.web;

import io.quarkus.qute.TemplateData;
import io.renewd.domain.inventory.ExpiryTimeline;

import java.util.List;

/**
 * The expiry timeline as an SVG bar chart drawn on the server: one bar per week (certificates whose current version
 * expires in it) on a scale on the left, and above the bars a lane of markers with the number of renewals due that week
 * (apart from the bars, so neither hides the other's number). The page shows the same numbers in a table.
 */
@TemplateData
public record TimelineChart(int width, int height, int lane, int plotTop, int plotBottom, long peak, List<Bar> bars, String summary) {

    static final int LEFT = 40;
    static final int BAR_STEP = 48;
    static final int PLOT_HEIGHT = 180;
    /** The renewals-due lane's centre line; the bars' plot starts below it. */
    static final int LANE = 14;
    static final int TOP = 44;

    /** One week, in drawing coordinates, with its label and numbers. */
    @TemplateData
    public record Bar(int index, String label, String range, long expiring, long renewalsDue, int x, int y, int barHeight, int barWidth,
                      int dueTop, int dueValueX, int valueY, int labelX, int labelY, boolean showLabel) {
    }

    static TimelineChart of(ExpiryTimeline timeline) {
        long peak = timeline.peak();
        int bottom = TOP + PLOT_HEIGHT;
        List<Bar> bars = timeline.buckets().stream().map(b -> {
            int x = LEFT + b.index() * BAR_STEP + 6;
            int h = (int) Math.round((double) b.expiring() * PLOT_HEIGHT / peak);
            return new Bar(b.index(), Formats.day(b.start()), Formats.day(b.start()) + " to " + Formats.day(b.end().minusSeconds(1)),
                    b.expiring(), b.renewalsDue(), x, bottom - h, h, BAR_STEP - 12, LANE - 6, x + (BAR_STEP - 12) / 2 + 8, bottom - h - 4,
                    x + (BAR_STEP - 12) / 2, bottom + 16,
                    b.index() % 2 == 0);
        }).toList();
        String summary = timeline.totalExpiring() + " certificates expire and " + timeline.totalRenewalsDue()
                + " renewals fall due in the next " + ExpiryTimeline.DAYS + " days, from " + Formats.day(timeline.from()) + ".";
        return new TimelineChart(LEFT + bars.size() * BAR_STEP + 10, bottom + 30, LANE, TOP, bottom, peak, bars, summary);
    }
}
