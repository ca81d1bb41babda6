package io.renewd.store;

import java.util.List;

/** PostgreSQL array literals for native queries ({@code cast(?1 as text[])}): one bind parameter for any number of values. */
public final class PgArrays {

    private PgArrays() {
    }

    /** {@code {"a","b",NULL}}: each item quoted and escaped, null as NULL. */
    public static String literal(List<String> items) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String item = items.get(i);
            out.append(item == null ? "NULL" : "\"" + item.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return out.append('}').toString();
    }
}
