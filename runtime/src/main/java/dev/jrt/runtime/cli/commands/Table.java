package dev.jrt.runtime.cli.commands;

import java.util.List;

/** Columns aligned like Go's tabwriter.NewWriter(w, 12, 1, 3, ' ', 0), which runc's list uses. */
final class Table {
    private Table() {}

    static String format(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], Math.max(12, r[i].length() + 3));
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                b.append(r[i]);
                if (i < cols - 1) {
                    b.append(" ".repeat(width[i] - r[i].length()));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }
}
