package io.vireo.xml.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Places verbatim elements among modelled ones in libvirt's element order: before writing the
 * modelled element at some slot, the writer flushes the verbatim ones that libvirt writes earlier.
 * Names libvirt does not know go last, in their document order.
 */
public final class Ordering {
    private final List<String> order;
    private final List<String> pending;

    public Ordering(List<String> order, List<String> rawElements) {
        this.order = order;
        this.pending = new ArrayList<>(rawElements == null ? List.of() : rawElements);
        pending.sort((a, b) -> Integer.compare(rank(a), rank(b))); // stable: equal ranks keep document order
    }

    /** Writes the pending verbatim elements that libvirt places before {@code slot}. */
    public void before(XmlOut parent, String slot) {
        int limit = order.indexOf(slot);
        pending.removeIf(raw -> {
            int r = rank(raw);
            if (r < limit) {
                parent.raw(raw);
                return true;
            }
            return false;
        });
    }

    /** Writes every remaining verbatim element. */
    public void rest(XmlOut parent) {
        pending.forEach(parent::raw);
        pending.clear();
    }

    private int rank(String raw) {
        int r = order.indexOf(elementName(raw));
        return r < 0 ? Integer.MAX_VALUE : r;
    }

    /** The element name a verbatim fragment starts with. */
    public static String elementName(String raw) {
        int i = raw.indexOf('<') + 1;
        int j = i;
        while (j < raw.length() && !Character.isWhitespace(raw.charAt(j)) && raw.charAt(j) != '>'
                && raw.charAt(j) != '/') {
            j++;
        }
        return raw.substring(i, j);
    }
}
