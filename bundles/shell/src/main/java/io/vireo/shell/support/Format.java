package io.vireo.shell.support;

import java.io.PrintStream;
import java.util.Locale;

/** virsh's ways of printing values: labelled fields, yes/no, sizes scaled to binary units. */
public final class Format {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Format() {
    }

    /** A field as {@code dominfo} prints it: the label left-aligned in 15 columns. */
    public static void field(PrintStream out, String label, Object value) {
        out.println(String.format(Locale.ROOT, "%-15s %s", label, value));
    }

    /** A field as {@code nodeinfo} prints it: the label left-aligned in 20 columns. */
    public static void wideField(PrintStream out, String label, Object value) {
        out.println(String.format(Locale.ROOT, "%-20s %s", label, value));
    }

    public static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    /** Bytes as virsh's pretty capacity: {@code 100.00 GiB}, {@code 0.00 B}. */
    public static String capacity(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, UNITS[unit]);
    }
}
