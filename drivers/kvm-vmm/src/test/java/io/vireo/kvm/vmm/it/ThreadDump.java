package io.vireo.kvm.vmm.it;

/** Every live thread's stack, for a test that gives up waiting: a hang must say where it is. */
final class ThreadDump {
    private ThreadDump() {
    }

    static String all() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, st) -> {
            dump.append(t.getName()).append(' ').append(t.getState()).append('\n');
            for (StackTraceElement e : st) {
                dump.append("    at ").append(e).append('\n');
            }
        });
        return dump.toString();
    }
}
