package io.vireo.kvm.vmm.devices.virtio;

import io.vireo.kvm.vmm.devices.BusDevice;
import io.vireo.kvm.vmm.devices.IrqLine;
import io.vireo.kvm.vmm.memory.GuestMemory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The virtio-mmio transport, register layout version 2 (virtio 1.x section 4.2.2), for one
 * device. Register accesses come from vCPU threads (serialized on this object); a device's
 * own threads touch only the status (to set NEEDS_RESET) and the interrupt status, which are
 * atomics, so a device thread never waits on a vCPU and the other way round.
 */
public final class VirtioMmio implements BusDevice {
    public static final int MAGIC = 0x74726976; // "virt"
    public static final int VENDOR = 0x4f524956; // "VIRO"
    /** Size of the register block (device configuration starts at 0x100). */
    public static final int SIZE = 0x200;

    static final int MAGIC_VALUE = 0x000;
    static final int VERSION = 0x004;
    static final int DEVICE_ID = 0x008;
    static final int VENDOR_ID = 0x00c;
    static final int DEVICE_FEATURES = 0x010;
    static final int DEVICE_FEATURES_SEL = 0x014;
    static final int DRIVER_FEATURES = 0x020;
    static final int DRIVER_FEATURES_SEL = 0x024;
    static final int QUEUE_SEL = 0x030;
    static final int QUEUE_NUM_MAX = 0x034;
    static final int QUEUE_NUM = 0x038;
    static final int QUEUE_READY = 0x044;
    static final int QUEUE_NOTIFY = 0x050;
    static final int INTERRUPT_STATUS = 0x060;
    static final int INTERRUPT_ACK = 0x064;
    static final int STATUS = 0x070;
    static final int QUEUE_DESC_LOW = 0x080;
    static final int QUEUE_DESC_HIGH = 0x084;
    static final int QUEUE_DRIVER_LOW = 0x090;
    static final int QUEUE_DRIVER_HIGH = 0x094;
    static final int QUEUE_DEVICE_LOW = 0x0a0;
    static final int QUEUE_DEVICE_HIGH = 0x0a4;
    static final int CONFIG_GENERATION = 0x0fc;
    static final int CONFIG = 0x100;

    private final VirtioDevice device;
    private final long base;
    private final int irq;
    private final Consumer<String> log;
    private final Virtqueue[] queues;
    private final AtomicInteger status = new AtomicInteger();
    private final AtomicInteger isr = new AtomicInteger();
    private final Object irqLock = new Object();
    private boolean level;
    private volatile IrqLine line;
    private GuestMemory memory;
    private int deviceFeaturesSel;
    private int driverFeaturesSel;
    private long driverFeatures;
    private int queueSel;
    private volatile Context context;
    private volatile String brokenReason;
    private final AtomicInteger configGeneration = new AtomicInteger();

    public VirtioMmio(VirtioDevice device, long base, int irq, Consumer<String> log) {
        this.device = device;
        this.base = base;
        this.irq = irq;
        this.log = log;
        int[] sizes = device.queueMaxSizes();
        queues = new Virtqueue[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            queues[i] = new Virtqueue(sizes[i]);
        }
        device.setConfigNotifier(this::configChanged);
    }

    /** The device changed its configuration (e.g. a new balloon target): new generation, config interrupt. */
    public void configChanged() {
        configGeneration.incrementAndGet();
        int s = status.get();
        if ((s & Virtio.STATUS_DRIVER_OK) != 0 && (s & Virtio.STATUS_NEEDS_RESET) == 0) {
            raise(Virtio.ISR_CONFIG);
        }
    }

    public VirtioDevice device() {
        return device;
    }

    public long base() {
        return base;
    }

    public int irq() {
        return irq;
    }

    /** The kernel command-line word that tells a guest where this device is. */
    public String cmdlineWord() {
        return String.format("virtio_mmio.device=%d@0x%x:%d", SIZE, base, irq);
    }

    public int status() {
        return status.get();
    }

    /** Why the device was marked DEVICE_NEEDS_RESET (null if it was not). */
    public String brokenReason() {
        return brokenReason;
    }

    /** Connects the device to a (new) boot's RAM and interrupt line. */
    public synchronized void attach(GuestMemory mem, IrqLine irqLine) {
        resetLocked();
        memory = mem;
        line = irqLine;
    }

    /** Resets the device and forgets guest RAM (before a guest reset or shutdown unmaps it). */
    public synchronized void detach() {
        resetLocked();
        memory = null;
        line = null;
    }

    public void close() {
        detach();
        device.close();
    }

    private void resetLocked() {
        Context c = context;
        context = null;
        if (c != null) {
            c.valid = false;
        }
        device.reset(); // returns once the device no longer touches guest memory
        for (Virtqueue q : queues) {
            q.reset();
        }
        deviceFeaturesSel = 0;
        driverFeaturesSel = 0;
        driverFeatures = 0;
        queueSel = 0;
        status.set(0);
        brokenReason = null;
        isr.set(0);
        updateLine();
    }

    private void updateLine() {
        synchronized (irqLock) {
            boolean l = isr.get() != 0;
            IrqLine li = line;
            if (l != level && li != null) {
                level = l;
                li.set(l);
            } else if (li == null) {
                level = false;
            }
        }
    }

    private void raise(int bits) {
        isr.getAndUpdate(v -> v | bits);
        updateLine();
    }

    /** Marks the device broken (spec 2.1.2): NEEDS_RESET, a configuration interrupt, one log line. */
    void fail(String why) {
        // The interrupt status first: a driver polling the status on another vCPU that sees NEEDS_RESET
        // must also find the configuration-change bit; the log line last, it is the slow part.
        isr.getAndUpdate(v -> v | Virtio.ISR_CONFIG);
        int old = status.getAndUpdate(v -> v | Virtio.STATUS_NEEDS_RESET);
        updateLine();
        if ((old & Virtio.STATUS_NEEDS_RESET) != 0) {
            return;
        }
        brokenReason = why;
        log.accept(String.format("%s@0x%x: device needs reset: %s", device.name(), base, why));
    }

    private Virtqueue selected() {
        return queueSel < queues.length ? queues[queueSel] : null;
    }

    @Override
    public synchronized long read(long offset, int size) {
        if (offset >= CONFIG) {
            return device.readConfig((int) (offset - CONFIG), size);
        }
        if (size != 4) {
            return 0; // registers are 32-bit only (4.2.2.2)
        }
        Virtqueue q = selected();
        switch ((int) offset) {
            case MAGIC_VALUE:
                return MAGIC;
            case VERSION:
                return 2;
            case DEVICE_ID:
                return device.deviceType();
            case VENDOR_ID:
                return VENDOR;
            case DEVICE_FEATURES:
                return deviceFeaturesSel > 1 ? 0 : (device.features() >>> (32 * deviceFeaturesSel)) & 0xffff_ffffL;
            case QUEUE_NUM_MAX:
                return q == null ? 0 : q.maxSize();
            case QUEUE_READY:
                return q != null && q.ready() ? 1 : 0;
            case INTERRUPT_STATUS:
                return isr.get();
            case STATUS:
                return status.get();
            case CONFIG_GENERATION:
                return configGeneration.get() & 0xffff_ffffL;
            case QUEUE_DESC_LOW:
                return q == null ? 0 : q.desc() & 0xffff_ffffL;
            case QUEUE_DESC_HIGH:
                return q == null ? 0 : q.desc() >>> 32;
            case QUEUE_DRIVER_LOW:
                return q == null ? 0 : q.avail() & 0xffff_ffffL;
            case QUEUE_DRIVER_HIGH:
                return q == null ? 0 : q.avail() >>> 32;
            case QUEUE_DEVICE_LOW:
                return q == null ? 0 : q.used() & 0xffff_ffffL;
            case QUEUE_DEVICE_HIGH:
                return q == null ? 0 : q.used() >>> 32;
            default:
                return 0;
        }
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        if (offset >= CONFIG) {
            if ((status.get() & Virtio.STATUS_NEEDS_RESET) == 0) {
                device.writeConfig((int) (offset - CONFIG), size, value);
            }
            return;
        }
        if (size != 4) {
            return;
        }
        long v = value & 0xffff_ffffL;
        Virtqueue q = selected();
        boolean queueWritable = q != null && !q.ready() && (status.get() & Virtio.STATUS_DRIVER_OK) == 0;
        switch ((int) offset) {
            case DEVICE_FEATURES_SEL:
                deviceFeaturesSel = (int) v;
                break;
            case DRIVER_FEATURES_SEL:
                driverFeaturesSel = (int) v;
                break;
            case DRIVER_FEATURES:
                if ((status.get() & Virtio.STATUS_FEATURES_OK) == 0 && driverFeaturesSel <= 1) {
                    int shift = 32 * driverFeaturesSel;
                    driverFeatures = (driverFeatures & ~(0xffff_ffffL << shift)) | (v << shift);
                }
                break;
            case QUEUE_SEL:
                queueSel = (int) v;
                break;
            case QUEUE_NUM:
                if (queueWritable) {
                    q.setSize((int) v);
                }
                break;
            case QUEUE_DESC_LOW:
                if (queueWritable) {
                    q.setDesc((q.desc() & ~0xffff_ffffL) | v);
                }
                break;
            case QUEUE_DESC_HIGH:
                if (queueWritable) {
                    q.setDesc((q.desc() & 0xffff_ffffL) | (v << 32));
                }
                break;
            case QUEUE_DRIVER_LOW:
                if (queueWritable) {
                    q.setAvail((q.avail() & ~0xffff_ffffL) | v);
                }
                break;
            case QUEUE_DRIVER_HIGH:
                if (queueWritable) {
                    q.setAvail((q.avail() & 0xffff_ffffL) | (v << 32));
                }
                break;
            case QUEUE_DEVICE_LOW:
                if (queueWritable) {
                    q.setUsed((q.used() & ~0xffff_ffffL) | v);
                }
                break;
            case QUEUE_DEVICE_HIGH:
                if (queueWritable) {
                    q.setUsed((q.used() & 0xffff_ffffL) | (v << 32));
                }
                break;
            case QUEUE_READY:
                queueReady(q, v);
                break;
            case QUEUE_NOTIFY:
                notifyQueue((int) v);
                break;
            case INTERRUPT_ACK:
                isr.getAndUpdate(x -> x & ~(int) v);
                updateLine();
                break;
            case STATUS:
                writeStatus((int) v & 0xff);
                break;
            default:
                break;
        }
    }

    private void queueReady(Virtqueue q, long v) {
        if (q == null || memory == null || (status.get() & Virtio.STATUS_NEEDS_RESET) != 0) {
            return;
        }
        if (v == 0) {
            q.disable();
            return;
        }
        if (q.ready() || (status.get() & Virtio.STATUS_FEATURES_OK) == 0) {
            return;
        }
        try {
            q.validate(memory, (driverFeatures & Virtio.bit(Virtio.F_RING_INDIRECT_DESC)) != 0);
        } catch (VirtioError e) {
            fail("queue " + queueSel + ": " + e.getMessage());
        }
    }

    private void writeStatus(int v) {
        if (v == 0) {
            resetLocked();
            return;
        }
        int old = status.get();
        int next = v | (old & Virtio.STATUS_NEEDS_RESET);
        if ((v & Virtio.STATUS_FEATURES_OK) != 0 && (old & Virtio.STATUS_FEATURES_OK) == 0) {
            boolean subset = (driverFeatures & ~device.features()) == 0;
            boolean modern = (driverFeatures & Virtio.bit(Virtio.F_VERSION_1)) != 0;
            if (!subset || !modern) {
                next &= ~Virtio.STATUS_FEATURES_OK; // the driver reads it back and gives up (3.1.1)
            }
        }
        if ((v & Virtio.STATUS_DRIVER_OK) != 0 && (old & Virtio.STATUS_DRIVER_OK) == 0) {
            if ((next & Virtio.STATUS_FEATURES_OK) == 0 || memory == null) {
                next &= ~Virtio.STATUS_DRIVER_OK;
            } else {
                status.set(next);
                if ((next & Virtio.STATUS_NEEDS_RESET) == 0) {
                    Context c = new Context(memory, driverFeatures);
                    context = c;
                    device.activate(c);
                }
                return;
            }
        }
        status.set(next);
    }

    private void notifyQueue(int index) {
        Context c = context;
        if (c == null || index < 0 || index >= queues.length || !queues[index].ready()
                || (status.get() & Virtio.STATUS_NEEDS_RESET) != 0) {
            return;
        }
        try {
            device.notifyQueue(index);
        } catch (VirtioError | IndexOutOfBoundsException e) {
            c.fail(e.getMessage());
        }
    }

    /** One activation's view for the device; stale after a reset (calls then do nothing). */
    private final class Context implements DeviceContext {
        private final GuestMemory mem;
        private final long features;
        volatile boolean valid = true;

        Context(GuestMemory mem, long features) {
            this.mem = mem;
            this.features = features;
        }

        @Override
        public GuestMemory memory() {
            return mem;
        }

        @Override
        public Virtqueue queue(int index) {
            return queues[index];
        }

        @Override
        public boolean negotiated(int bit) {
            return (features & Virtio.bit(bit)) != 0;
        }

        @Override
        public void signalUsed(int queue) {
            if (valid && queues[queue].wantsInterrupt()) {
                raise(Virtio.ISR_QUEUE);
            }
        }

        @Override
        public void fail(String why) {
            if (valid) {
                VirtioMmio.this.fail(why);
            }
        }
    }
}
