package io.vireo.shell.conformance;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts by line (longest common subsequence), with three lines of context. */
final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    static String diff(String expectedName, String expected, String actualName, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // Edit script: ' ' kept, '-' only in expected, '+' only in actual; with positions in both.
        List<char[]> ops = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<int[]> pos = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                ops.add(new char[] {' '});
                texts.add(a[i]);
                pos.add(new int[] {i++, j++});
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                ops.add(new char[] {'+'});
                texts.add(b[j]);
                pos.add(new int[] {i, j++});
            } else {
                ops.add(new char[] {'-'});
                texts.add(a[i]);
                pos.add(new int[] {i++, j});
            }
        }
        StringBuilder out = new StringBuilder("--- " + expectedName + "\n+++ " + actualName + "\n");
        int n = ops.size();
        int k = 0;
        while (k < n) {
            if (ops.get(k)[0] == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // Extend the hunk while changes are closer than twice the context.
            int last = k;
            while (end < n) {
                if (ops.get(end)[0] != ' ') {
                    last = end;
                } else if (end - last > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(n, last + CONTEXT + 1);
            int aStart = pos.get(start)[0];
            int bStart = pos.get(start)[1];
            int aCount = 0;
            int bCount = 0;
            for (int x = start; x < end; x++) {
                char op = ops.get(x)[0];
                if (op != '+') {
                    aCount++;
                }
                if (op != '-') {
                    bCount++;
                }
            }
            out.append("@@ -").append(aStart + 1).append(',').append(aCount).append(" +").append(bStart + 1)
                    .append(',').append(bCount).append(" @@\n");
            for (int x = start; x < end; x++) {
                out.append(ops.get(x)[0]).append(texts.get(x)).append('\n');
            }
            k = end;
        }
        return out.toString();
    }
}
