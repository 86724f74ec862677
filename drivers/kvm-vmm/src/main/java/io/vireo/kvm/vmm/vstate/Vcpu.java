package io.vireo.kvm.vmm.vstate;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import io.vireo.kvm.vmm.StartTrace;
import io.vireo.kvm.vmm.devices.Bus;
import io.vireo.kvm.vmm.kvm.KvmException;
import io.vireo.kvm.vmm.kvm.KvmIoctls;
import io.vireo.kvm.vmm.kvm.KvmRun;
import io.vireo.kvm.vmm.kvm.Libc;
import io.vireo.kvm.vmm.kvm.VcpuFd;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One vCPU and its platform thread. The thread owns the state machine
 * (CREATED -> RUNNING <-> PAUSED -> FINISHED) and changes state only on messages from its
 * mailbox. A message is delivered by queueing it, setting kvm_run.immediate_exit and sending
 * a real-time signal, so a vCPU blocked in KVM_RUN (guest HLT) returns with EINTR.
 */
public final class Vcpu {
    public enum Message { PAUSE, RESUME, FINISH }

    /** A real-time signal the JVM does not use (SIGRTMIN+6 with glibc). */
    static final int KICK_SIGNAL = 40;
    private static volatile boolean kickHandlerInstalled;

    private final VcpuFd fd;
    private final Bus bus;
    private final VmEvents events;
    private final KvmRun run;
    private final ByteBuffer runBuf;
    private final ConcurrentLinkedQueue<Message> mailbox = new ConcurrentLinkedQueue<>();
    private final Object stateLock = new Object();
    private VcpuState state = VcpuState.CREATED;
    private Thread thread;
    private long nativeThread;
    private volatile boolean threadAlive;

    // Statistics: written by the vCPU thread only.
    private volatile long exits;
    private volatile long ioExits;
    private volatile long mmioExits;
    private volatile long interrupted;

    public Vcpu(VcpuFd fd, Bus bus, VmEvents events) {
        this.fd = fd;
        this.bus = bus;
        this.events = events;
        this.run = fd.kvmRun();
        this.runBuf = run.buffer();
    }

    /** Installs a no-op handler (libc's getpid: async-signal-safe, ignores its argument) without SA_RESTART. */
    static synchronized void installKickHandler() {
        if (kickHandlerInstalled) {
            return;
        }
        Memory act = new Memory(152); // struct sigaction (x86_64 glibc): handler, mask[128], flags, restorer
        act.clear();
        act.setPointer(0, Function.getFunction("c", "getpid"));
        Libc.sigaction(KICK_SIGNAL, act, null);
        kickHandlerInstalled = true;
    }

    public int id() {
        return fd.id();
    }

    public VcpuState state() {
        synchronized (stateLock) {
            return state;
        }
    }

    public long exits() {
        return exits;
    }

    public long ioExits() {
        return ioExits;
    }

    public long mmioExits() {
        return mmioExits;
    }

    public long interruptions() {
        return interrupted;
    }

    public void start(String name) {
        installKickHandler();
        thread = new Thread(this::loop, name);
        thread.setDaemon(true); // never hold the JVM open on a vCPU parked in guest HLT
        thread.start();
    }

    /** Queues a message and kicks the thread out of KVM_RUN. */
    public void send(Message m) {
        mailbox.add(m);
        run.setImmediateExit(true);
        synchronized (stateLock) {
            if (threadAlive) {
                Libc.pthread_kill(nativeThread, KICK_SIGNAL);
            }
        }
        LockSupport.unpark(thread);
    }

    /** Waits until the vCPU reaches {@code s} (or FINISHED); false on timeout. */
    public boolean awaitState(VcpuState s, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (stateLock) {
            while (state != s && state != VcpuState.FINISHED) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(stateLock, left);
            }
            return state == s;
        }
    }

    public void join(long ms) throws InterruptedException {
        if (thread != null) {
            thread.join(ms);
        }
    }

    private void setState(VcpuState s) {
        synchronized (stateLock) {
            state = s;
            stateLock.notifyAll();
        }
    }

    private void loop() {
        synchronized (stateLock) {
            nativeThread = Libc.pthread_self();
            threadAlive = true;
        }
        try {
            VcpuState s = VcpuState.PAUSED; // wait for RESUME before entering the guest
            setState(s);
            while (s != VcpuState.FINISHED) {
                s = s == VcpuState.RUNNING ? runGuest() : waitForMessage();
            }
        } catch (RuntimeException | Error e) {
            events.vcpuError(id(), e.toString());
        } finally {
            synchronized (stateLock) {
                threadAlive = false; // no more signals to a thread that may be gone
            }
            setState(VcpuState.FINISHED);
        }
    }

    /** PAUSED: block until a message changes the state. */
    private VcpuState waitForMessage() {
        while (true) {
            Message m = mailbox.poll();
            if (m == null) {
                LockSupport.park(this);
                continue;
            }
            switch (m) {
                case RESUME:
                    setState(VcpuState.RUNNING);
                    return VcpuState.RUNNING;
                case FINISH:
                    return VcpuState.FINISHED;
                default:
                    break; // already paused
            }
        }
    }

    /** Applies queued messages while running; returns the next state. */
    private VcpuState drainWhileRunning() {
        run.setImmediateExit(false);
        Message m;
        VcpuState next = VcpuState.RUNNING;
        while ((m = mailbox.poll()) != null) {
            switch (m) {
                case PAUSE: next = VcpuState.PAUSED; break;
                case RESUME: next = VcpuState.RUNNING; break;
                case FINISH: return VcpuState.FINISHED;
                default: break;
            }
        }
        if (next == VcpuState.PAUSED) {
            setState(VcpuState.PAUSED);
        }
        return next;
    }

    /** RUNNING: the KVM_RUN loop. Returns when a message or the guest ends running. */
    private VcpuState runGuest() {
        while (true) {
            if (!mailbox.isEmpty()) {
                VcpuState next = drainWhileRunning();
                if (next != VcpuState.RUNNING) {
                    return next;
                }
            }
            StartTrace.firstRun();
            if (fd.run() != 0) {
                interrupted++;
                run.setImmediateExit(false); // a message queued before the kick is seen at the loop top
                continue;
            }
            exits++;
            int reason = runBuf.getInt(KvmRun.EXIT_REASON);
            switch (reason) {
                case KvmIoctls.KVM_EXIT_IO:
                    handleIo();
                    break;
                case KvmIoctls.KVM_EXIT_MMIO:
                    handleMmio();
                    break;
                case KvmIoctls.KVM_EXIT_HLT:
                case KvmIoctls.KVM_EXIT_INTR:
                    break;
                case KvmIoctls.KVM_EXIT_SHUTDOWN:
                    events.guestReset(id(), "triple fault");
                    return stopSelf();
                case KvmIoctls.KVM_EXIT_SYSTEM_EVENT: {
                    int type = runBuf.getInt(KvmRun.SYSTEM_EVENT_TYPE);
                    if (type == KvmIoctls.KVM_SYSTEM_EVENT_RESET) {
                        events.guestReset(id(), "system event");
                    } else {
                        events.guestShutdown(id(), "system event " + type);
                    }
                    return stopSelf();
                }
                case KvmIoctls.KVM_EXIT_FAIL_ENTRY:
                    events.vcpuError(id(), String.format("entry failed, reason 0x%x",
                            runBuf.getLong(KvmRun.FAIL_ENTRY_REASON)));
                    return stopSelf();
                case KvmIoctls.KVM_EXIT_INTERNAL_ERROR:
                    events.vcpuError(id(), String.format("KVM internal error, suberror %d at rip 0x%x",
                            runBuf.getInt(KvmRun.INTERNAL_SUBERROR), safeRip()));
                    return stopSelf();
                default:
                    events.vcpuError(id(), String.format("unhandled exit reason %d at rip 0x%x", reason, safeRip()));
                    return stopSelf();
            }
        }
    }

    private long safeRip() {
        try {
            return CpuSetup.rip(fd);
        } catch (KvmException e) {
            return -1;
        }
    }

    /** The guest cannot go on: park until the controller decides (reset, quit). */
    private VcpuState stopSelf() {
        run.setImmediateExit(false);
        setState(VcpuState.PAUSED);
        return VcpuState.PAUSED;
    }

    private void handleIo() {
        ioExits++;
        ByteBuffer b = runBuf;
        int size = b.get(KvmRun.IO_SIZE);
        int port = b.getShort(KvmRun.IO_PORT) & 0xffff;
        int count = b.getInt(KvmRun.IO_COUNT);
        int off = (int) b.getLong(KvmRun.IO_DATA_OFFSET);
        boolean out = b.get(KvmRun.IO_DIRECTION) == KvmRun.IO_OUT;
        for (int i = 0; i < count; i++, off += size) {
            if (out) {
                long v = size == 1 ? b.get(off) & 0xff : size == 2 ? b.getShort(off) & 0xffff : b.getInt(off) & 0xffffffffL;
                bus.pioWrite(port, size, v);
            } else {
                long v = bus.pioRead(port, size);
                if (size == 1) {
                    b.put(off, (byte) v);
                } else if (size == 2) {
                    b.putShort(off, (short) v);
                } else {
                    b.putInt(off, (int) v);
                }
            }
        }
    }

    private void handleMmio() {
        mmioExits++;
        ByteBuffer b = runBuf;
        long addr = b.getLong(KvmRun.MMIO_PHYS_ADDR);
        int len = b.getInt(KvmRun.MMIO_LEN);
        if (b.get(KvmRun.MMIO_IS_WRITE) != 0) {
            long v = 0;
            for (int i = len - 1; i >= 0; i--) {
                v = (v << 8) | (b.get(KvmRun.MMIO_DATA + i) & 0xff);
            }
            bus.mmioWrite(addr, len, v);
        } else {
            long v = bus.mmioRead(addr, len);
            for (int i = 0; i < len; i++) {
                b.put(KvmRun.MMIO_DATA + i, (byte) (v >>> (8 * i)));
            }
        }
    }

    public void close() {
        fd.close();
    }
}
