package io.vireo.kvm.vmm.kvm;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real eventfd(2): signals add up until taken; a waiting thread wakes on the next one. */
class EventFdTest {
    @Test
    void signalsAddUpAndAwaitTakesThemAll() {
        try (EventFd e = new EventFd()) {
            assertTrue(e.fd() >= 0);
            e.signal();
            e.signal();
            e.signal();
            assertEquals(3, e.await());
            e.signal();
            assertEquals(1, e.await(), "await reset the counter");
        }
    }

    @Test
    void aBlockedWaiterWakesOnSignal() throws InterruptedException {
        try (EventFd e = new EventFd()) {
            AtomicLong got = new AtomicLong(-1);
            Thread t = new Thread(() -> got.set(e.await()));
            t.start();
            Thread.sleep(100);
            assertTrue(t.isAlive(), "blocked without a signal");
            e.signal();
            t.join(5000);
            assertFalse(t.isAlive());
            assertEquals(1, got.get());
        }
    }

    @Test
    void ioeventfdRequestNumberMatchesLinuxKvmH() {
        // _IOW(KVMIO, 0x79, struct kvm_ioeventfd), sizeof = 8 + 8 + 4 + 4 + 4 + 36 = 64
        assertEquals(0x4040ae79L, KvmIoctls.KVM_IOEVENTFD);
    }
}
