package io.vireo.kvm.vmm.devices.legacy;

import io.vireo.kvm.vmm.devices.BusDevice;
import io.vireo.kvm.vmm.devices.IrqLine;

import java.util.ArrayDeque;

/**
 * i8042 keyboard controller, enough for Linux's probe, reset and Ctrl-Alt-Del: IBF is always
 * clear (so the kernel never spins), a pulse of output-port bit 0 (0xFE, or 0xD1 with bit 0
 * clear) resets the machine, and injected scancodes raise IRQ 1. Offsets: 0 = port 0x60, 4 = 0x64.
 */
public final class I8042 implements BusDevice {
    private static final int ST_OBF = 0x01;
    private static final int ST_SYS = 0x04;
    private static final int ST_CMD = 0x08;
    private static final int ST_AUX = 0x20;
    private static final int CTR_KBDINT = 0x01;
    private static final int CTR_XLATE = 0x40;

    private final Runnable resetRequest;
    private volatile IrqLine kbdIrq;
    private final ArrayDeque<Integer> out = new ArrayDeque<>();
    private int ctr = 0x65;
    private int pendingCmd;
    private boolean lastWasCmd;
    private boolean outIsAux;

    public I8042(Runnable resetRequest) {
        this.resetRequest = resetRequest;
    }

    public void setIrq(IrqLine kbdIrq) {
        this.kbdIrq = kbdIrq;
    }

    public synchronized void reset() {
        out.clear();
        ctr = 0x65;
        pendingCmd = 0;
    }

    /** Queues Ctrl-Alt-Del key presses and releases, in the scancode set the guest reads. */
    public void ctrlAltDel() {
        int[] codes = (currentCtr() & CTR_XLATE) != 0
                ? new int[] {0x1d, 0x38, 0x53, 0xd3, 0xb8, 0x9d}                       // set 1 (translated)
                : new int[] {0x14, 0x11, 0xe0, 0x71, 0xe0, 0xf0, 0x71, 0xf0, 0x11, 0xf0, 0x14}; // set 2
        for (int c : codes) {
            queue(c, false);
        }
    }

    private synchronized int currentCtr() {
        return ctr;
    }

    private void queue(int b, boolean aux) {
        boolean raise;
        synchronized (this) {
            out.add(b & 0xff);
            outIsAux = aux;
            raise = !aux && (ctr & CTR_KBDINT) != 0;
        }
        IrqLine l = kbdIrq;
        if (raise && l != null) {
            l.set(true); // ISA edge: pulse the line
            l.set(false);
        }
    }

    @Override
    public long read(long offset, int size) {
        boolean more;
        int r;
        synchronized (this) {
            if (offset == 4) {
                return (out.isEmpty() ? 0 : ST_OBF) | ST_SYS | (lastWasCmd ? ST_CMD : 0)
                        | (!out.isEmpty() && outIsAux ? ST_AUX : 0);
            }
            if (offset != 0) {
                return 0xff;
            }
            Integer b = out.poll();
            r = b == null ? 0 : b;
            more = !out.isEmpty() && (ctr & CTR_KBDINT) != 0;
        }
        IrqLine l = kbdIrq;
        if (more && l != null) {
            l.set(true);
            l.set(false);
        }
        return r;
    }

    @Override
    public void write(long offset, int size, long value) {
        int v = (int) (value & 0xff);
        boolean reset = false;
        synchronized (this) {
            if (offset == 4) {
                lastWasCmd = true;
                reset = command(v);
            } else if (offset == 0) {
                lastWasCmd = false;
                reset = data(v);
            }
        }
        if (reset) {
            resetRequest.run();
        }
    }

    private boolean command(int c) {
        switch (c) {
            case 0x20: out.add(ctr); break;
            case 0x60: case 0xd1: case 0xd2: case 0xd3: case 0xd4: pendingCmd = c; break;
            case 0xa7: ctr |= 0x20; break;
            case 0xa8: ctr &= ~0x20; break;
            case 0xa9: out.add(0x00); break;      // aux interface test: ok
            case 0xaa: out.add(0x55); break;      // self-test passed
            case 0xab: out.add(0x00); break;      // keyboard interface test: ok
            case 0xad: ctr |= 0x10; break;
            case 0xae: ctr &= ~0x10; break;
            case 0xc0: out.add(0x00); break;      // input port
            case 0xd0: out.add(0x01); break;      // output port: reset line high
            default:
                if ((c & 0xf0) == 0xf0) {
                    return (c & 0x01) == 0;       // pulse output lines; bit 0 is CPU reset
                }
        }
        return false;
    }

    private boolean data(int v) {
        int cmd = pendingCmd;
        pendingCmd = 0;
        switch (cmd) {
            case 0x60: ctr = v; return false;
            case 0xd1: return (v & 0x01) == 0;
            case 0xd2: out.add(v); outIsAux = false; return false;
            case 0xd3: out.add(v); outIsAux = true; return false;
            case 0xd4: out.add(0xfe); outIsAux = true; return false; // no mouse: resend
            default: break;
        }
        // A byte for the keyboard itself.
        switch (v) {
            case 0xff: out.add(0xfa); out.add(0xaa); break;
            case 0xf2: out.add(0xfa); out.add(0xab); out.add(0x83); break;
            case 0xee: out.add(0xee); break;
            default: out.add(0xfa); break;
        }
        outIsAux = false;
        return false;
    }
}
