package io.vireo.kvm.vmm.devices.virtio.net;

import com.sun.jna.LastErrorException;
import io.vireo.kvm.vmm.kvm.Libc;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work inside a named network namespace ({@code ip netns add NAME}, which keeps it as /run/netns/NAME).
 * Only a thread enters it (setns(CLONE_NEWNET) acts on the calling thread), one made for the purpose and
 * ended afterwards, so no thread of the VMM stays there. What the work creates there stays there: a tap made
 * through /dev/net/tun belongs to the namespace it was opened in, and its file descriptor works from any thread.
 */
final class NetNamespace {
    static final String RUN_NETNS = "/run/netns/";

    interface Work<T> {
        T run() throws IOException;
    }

    private NetNamespace() {
    }

    /** Runs {@code work} in namespace {@code name}, or on the calling thread when {@code name} is null. */
    static <T> T run(String name, Work<T> work) throws IOException {
        if (name == null) {
            return work.run();
        }
        int fd;
        try {
            fd = Libc.open(RUN_NETNS + name, NetSys.O_RDONLY | Libc.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException(e.getErrorCode() == NetSys.ENOENT
                    ? "network namespace '" + name + "' does not exist (no " + RUN_NETNS + name + ")"
                    : "cannot open network namespace " + RUN_NETNS + name + ": " + NetSys.describe(e.getErrorCode()));
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<IOException> notEntered = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                NetSys.setns(fd, NetSys.CLONE_NEWNET);
            } catch (LastErrorException e) {
                notEntered.set(new IOException("cannot enter network namespace '" + name + "': "
                        + NetSys.describe(e.getErrorCode())));
                return;
            }
            try {
                result.set(work.run());
            } catch (IOException | RuntimeException | Error e) {
                failure.set(e);
            }
        }, "netns-" + name);
        try {
            t.start();
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted in network namespace '" + name + "'");
        } finally {
            Libc.close(fd);
        }
        if (notEntered.get() != null) {
            throw notEntered.get();
        }
        Throwable f = failure.get();
        if (f instanceof IOException io) {
            throw new IOException(io.getMessage() + " (in network namespace '" + name + "')", io);
        }
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error err) {
            throw err;
        }
        return result.get();
    }
}
