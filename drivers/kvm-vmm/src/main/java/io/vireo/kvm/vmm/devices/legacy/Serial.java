package io.vireo.kvm.vmm.devices.legacy;

import io.vireo.kvm.vmm.StartTrace;
import io.vireo.kvm.vmm.devices.BusDevice;
import io.vireo.kvm.vmm.devices.IrqLine;

import java.util.function.IntConsumer;

/**
 * 16550A UART (COM1). Output goes straight to a sink per byte written to THR; input is
 * queued in a 64-byte RX FIFO fed by {@link #receive}. Interrupts: RX data and THR empty,
 * gated by MCR.OUT2; the IRQ line is driven only when its level changes.
 */
public final class Serial implements BusDevice {
    private static final int IER_RDI = 0x01;
    private static final int IER_THRI = 0x02;
    private static final int IIR_NONE = 0x01;
    private static final int IIR_THRI = 0x02;
    private static final int IIR_RDI = 0x04;
    private static final int IIR_FIFO = 0xc0;
    private static final int LCR_DLAB = 0x80;
    private static final int LSR_DR = 0x01;
    private static final int LSR_THRE = 0x20;
    private static final int LSR_TEMT = 0x40;
    private static final int MCR_OUT2 = 0x08;
    private static final int MCR_LOOP = 0x10;
    private static final int FIFO_SIZE = 64;

    private final IntConsumer out;
    private volatile IrqLine irq;
    private final byte[] rx = new byte[FIFO_SIZE];
    private int rxHead;
    private int rxCount;
    private int ier;
    private int lcr = 0x03;
    private int mcr = MCR_OUT2;
    private int fcr;
    private int scr;
    private int dll = 0x0c;
    private int dlm;
    private boolean thrPending;
    private boolean level;
    private long txBytes;

    public Serial(IntConsumer out) {
        this.out = out;
    }

    public void setIrq(IrqLine irq) {
        this.irq = irq;
    }

    /** Back to power-on state (on a guest reset). */
    public synchronized void reset() {
        rxHead = 0;
        rxCount = 0;
        ier = 0;
        lcr = 0x03;
        mcr = MCR_OUT2;
        fcr = 0;
        scr = 0;
        thrPending = false;
        level = false;
    }

    /** Queues input bytes; returns how many fitted (the rest should be retried later). */
    public synchronized int receive(byte[] data, int off, int len) {
        int n = 0;
        while (n < len && rxCount < FIFO_SIZE) {
            rx[(rxHead + rxCount) % FIFO_SIZE] = data[off + n];
            rxCount++;
            n++;
        }
        if (n > 0) {
            updateIrq();
        }
        return n;
    }

    public synchronized boolean rxFull() {
        return rxCount >= FIFO_SIZE;
    }

    public synchronized long txBytes() {
        return txBytes;
    }

    private int iir() {
        if ((ier & IER_RDI) != 0 && rxCount > 0) {
            return IIR_RDI;
        }
        if ((ier & IER_THRI) != 0 && thrPending) {
            return IIR_THRI;
        }
        return IIR_NONE;
    }

    private void updateIrq() {
        boolean l = iir() != IIR_NONE && (mcr & MCR_OUT2) != 0;
        if (l != level) {
            level = l;
            IrqLine line = irq;
            if (line != null) {
                line.set(l);
            }
        }
    }

    @Override
    public synchronized long read(long offset, int size) {
        int r;
        switch ((int) offset) {
            case 0:
                if ((lcr & LCR_DLAB) != 0) {
                    r = dll;
                } else if (rxCount > 0) {
                    r = rx[rxHead] & 0xff;
                    rxHead = (rxHead + 1) % FIFO_SIZE;
                    rxCount--;
                    updateIrq();
                } else {
                    r = 0;
                }
                break;
            case 1:
                r = (lcr & LCR_DLAB) != 0 ? dlm : ier;
                break;
            case 2:
                r = iir() | ((fcr & 0x01) != 0 ? IIR_FIFO : 0);
                if (iir() == IIR_THRI) {
                    thrPending = false; // reading IIR acknowledges THR empty
                    updateIrq();
                }
                break;
            case 3:
                r = lcr;
                break;
            case 4:
                r = mcr;
                break;
            case 5:
                r = LSR_THRE | LSR_TEMT | (rxCount > 0 ? LSR_DR : 0);
                break;
            case 6:
                if ((mcr & MCR_LOOP) != 0) {
                    // Loopback: DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD.
                    r = ((mcr & 0x01) << 5) | ((mcr & 0x02) << 3) | ((mcr & 0x04) << 4) | ((mcr & 0x08) << 4);
                } else {
                    r = 0xb0; // DCD, DSR, CTS
                }
                break;
            case 7:
                r = scr;
                break;
            default:
                r = 0xff;
        }
        return r;
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        int v = (int) (value & 0xff);
        switch ((int) offset) {
            case 0:
                if ((lcr & LCR_DLAB) != 0) {
                    dll = v;
                } else {
                    if ((mcr & MCR_LOOP) != 0) {
                        receive(new byte[] {(byte) v}, 0, 1);
                    } else {
                        txBytes++;
                        StartTrace.firstUartByte();
                        out.accept(v);
                    }
                    thrPending = true;
                    updateIrq();
                }
                break;
            case 1:
                if ((lcr & LCR_DLAB) != 0) {
                    dlm = v;
                } else {
                    if ((v & IER_THRI) != 0 && (ier & IER_THRI) == 0) {
                        thrPending = true; // enabling THRI with an empty THR raises it at once
                    }
                    ier = v & 0x0f;
                    updateIrq();
                }
                break;
            case 2:
                fcr = v;
                if ((v & 0x02) != 0) {
                    rxCount = 0;
                    rxHead = 0;
                    updateIrq();
                }
                break;
            case 3:
                lcr = v;
                break;
            case 4:
                mcr = v & 0x1f;
                updateIrq();
                break;
            case 7:
                scr = v;
                break;
            default:
                break;
        }
    }
}
