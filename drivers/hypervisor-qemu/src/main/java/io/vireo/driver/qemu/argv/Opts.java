package io.vireo.driver.qemu.argv;

/**
 * One option argument in QEMU's {@code key=value,key=value} form, e.g. the value of {@code -chardev}. A
 * comma inside a value is written twice: that is QEMU's only escape in this syntax (QemuOpts and keyval
 * alike), so a path such as {@code /img/a,b.qcow2} cannot split the option or inject another key.
 */
final class Opts {
    private final StringBuilder sb = new StringBuilder();

    private Opts() {
    }

    /** Starts with an implied value, such as the backend of {@code -chardev socket,...}. */
    static Opts of(String implied) {
        Opts o = new Opts();
        o.sb.append(escape(implied));
        return o;
    }

    /** Starts with no implied value: the first item is a key. */
    static Opts empty() {
        return new Opts();
    }

    /** Appends {@code key=value}; a null value appends nothing, so optional keys read as one line. */
    Opts add(String key, Object value) {
        if (value == null) {
            return this;
        }
        sep();
        sb.append(key).append('=').append(escape(String.valueOf(value)));
        return this;
    }

    /** Appends an item that is not key=value, such as a CPU flag {@code -arch-capabilities}. */
    Opts item(String raw) {
        sep();
        sb.append(escape(raw));
        return this;
    }

    static String onOff(boolean b) {
        return b ? "on" : "off";
    }

    static String escape(String value) {
        return value.replace(",", ",,");
    }

    private void sep() {
        if (sb.length() > 0) {
            sb.append(',');
        }
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
