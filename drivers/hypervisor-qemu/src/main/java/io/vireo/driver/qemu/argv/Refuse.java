package io.vireo.driver.qemu.argv;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;

/** The two ways building a command line fails: the XML asks for what this driver cannot do, or the driver forgot a runtime fact. */
final class Refuse {
    private Refuse() {
    }

    /** {@code CONFIG_UNSUPPORTED}: "unsupported configuration: ...", naming the element at fault. */
    static VirtException unsupported(String format, Object... args) {
        return VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, format, args);
    }

    /** {@code INTERNAL_ERROR}: a {@link QemuLaunch} without a fact the XML needs, which is a driver bug. */
    static VirtException internal(String format, Object... args) {
        return VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, format, args);
    }

    /** The element name of a verbatim XML fragment ({@code <hostdev mode=...>} gives {@code hostdev}). */
    static String elementName(String rawXml) {
        String s = rawXml.strip();
        int start = s.startsWith("<") ? 1 : 0;
        int end = start;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '>'
                && s.charAt(end) != '/') {
            end++;
        }
        return s.substring(start, end);
    }
}
