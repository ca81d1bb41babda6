package io.renewd.cli;

import java.util.ArrayList;
import java.util.List;

/** Aligned columns: each as wide as its widest cell, two spaces apart; colour is added after padding so it does not count. */
final class Table {

    /** A cell's text and its colour (null: none). */
    record Cell(String text, Style.Colour colour) {

        static Cell of(String text) {
            return new Cell(text, null);
        }
    }

    private final List<String> headers;
    private final List<List<Cell>> rows = new ArrayList<>();

    /** A table whose first line is {@code headers}; none (an empty list) for a name-value listing. */
    Table(List<String> headers) {
        this.headers = headers;
    }

    Table row(List<Cell> cells) {
        rows.add(cells);
        return this;
    }

    Table row(String... cells) {
        return row(java.util.Arrays.stream(cells).map(Cell::of).toList());
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render(Style style) {
        int columns = Math.max(headers.size(), rows.stream().mapToInt(List::size).max().orElse(0));
        int[] widths = new int[columns];
        for (int c = 0; c < headers.size(); c++) {
            widths[c] = headers.get(c).length();
        }
        for (List<Cell> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], text(row.get(c)).length());
            }
        }
        StringBuilder out = new StringBuilder();
        if (!headers.isEmpty()) {
            line(out, headers.stream().map(h -> new Cell(h, Style.Colour.BOLD)).toList(), widths, style);
        }
        rows.forEach(row -> line(out, row, widths, style));
        return out.toString();
    }

    private static void line(StringBuilder out, List<Cell> cells, int[] widths, Style style) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String text = text(cells.get(c));
            boolean last = c == cells.size() - 1;
            line.append(style.paint(cells.get(c).colour(), text));
            if (!last) {
                line.append(" ".repeat(widths[c] - text.length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String text(Cell cell) {
        return cell.text() == null ? "-" : cell.text();
    }
}
