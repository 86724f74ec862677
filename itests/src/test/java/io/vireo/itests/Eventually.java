package io.vireo.itests;

import java.util.concurrent.Callable;

/** Waits for something that happens asynchronously (fileinstall, DS, EventAdmin, the JMX whiteboard). */
final class Eventually {
    private Eventually() {
    }

    /** Calls {@code probe} every 50 ms until it returns non-null without throwing; fails after {@code seconds}. */
    static <T> T within(int seconds, String what, Callable<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Exception last = null;
        while (true) {
            try {
                T value = probe.call();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what
                        + (last == null ? "" : " (last error: " + last + ")"), last);
            }
            Thread.sleep(50);
        }
    }
}
