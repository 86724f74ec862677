package io.vireo.kvm.vmm;

/**
 * Start-up timestamps behind a flag ({@code -Dvireo.vmm.trace=true}): each mark is one stderr line
 * {@code vireo-vmm: trace NAME NANOS} with {@link System#nanoTime()}, which on Linux is
 * CLOCK_MONOTONIC and so comparable with the clock of the process that started the VMM
 * (bench/VmmTrace.java). Off, a mark is a read of a static final boolean. Built without string
 * concatenation, so tracing loads no invokedynamic machinery of its own.
 */
public final class StartTrace {
    public static final boolean ON = Boolean.getBoolean("vireo.vmm.trace");
    private static volatile boolean firstRun;
    private static volatile boolean firstUart;
    private static volatile boolean firstLine;

    private StartTrace() {
    }

    public static void mark(String what) {
        if (ON) {
            long t = System.nanoTime();
            StringBuilder b = new StringBuilder(48);
            b.append("vireo-vmm: trace ").append(what).append(' ').append(t);
            System.err.println(b);
        }
    }

    /** The first KVM_RUN of the process. */
    public static void firstRun() {
        if (ON && !firstRun) {
            firstRun = true;
            mark("first-kvm-run");
        }
    }

    /** The first byte the guest writes to the UART's THR. */
    public static void firstUartByte() {
        if (ON && !firstUart) {
            firstUart = true;
            mark("first-uart-byte");
        }
    }

    /** The first console line handed to the sinks (flushed at its newline). */
    public static void firstLine() {
        if (ON && !firstLine) {
            firstLine = true;
            mark("first-line-flushed");
        }
    }
}
