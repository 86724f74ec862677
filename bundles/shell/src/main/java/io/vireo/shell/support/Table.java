package io.vireo.shell.support;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A table printed as virsh prints one: a space before each row, columns three spaces apart and padded
 * to their widest cell (the last column is not padded), and a rule of dashes under the header.
 */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    public Table(String... headers) {
        this.columns = headers.length;
        rows.add(headers);
    }

    public Table row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        String[] r = new String[columns];
        for (int i = 0; i < columns; i++) {
            r[i] = cells[i] == null ? "" : cells[i].toString();
        }
        rows.add(r);
        return this;
    }

    public void print(PrintStream out) {
        int[] widths = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], r[i].codePointCount(0, r[i].length()));
            }
        }
        int rule = 1 + 2 + 3 * (columns - 1);
        for (int w : widths) {
            rule += w;
        }
        for (int n = 0; n < rows.size(); n++) {
            StringBuilder line = new StringBuilder(" ");
            String[] r = rows.get(n);
            for (int i = 0; i < columns; i++) {
                line.append(r[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - r[i].codePointCount(0, r[i].length()) + 3));
                }
            }
            out.println(line);
            if (n == 0) {
                out.println("-".repeat(rule));
            }
        }
    }
}
