package io.vireo.core.audit;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Hands audit records to one writer thread, in order, so that an API call does not pay for the logging
 * stack (through pax-logging and log4j, one line cost about a third of a define's CPU on the calling
 * thread). Nothing is dropped: when the writer falls {@value #CAPACITY} records behind, callers wait.
 * {@link #close()} writes what is queued before it returns.
 */
public final class AsyncAuditLog implements AuditLog, AutoCloseable {
    static final int CAPACITY = 16_384;
    private static final AuditRecord END = AuditRecord.ok("", "", "", new AuditTarget("", "", null));

    private final AuditLog target;
    private final BlockingQueue<AuditRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread writer;
    /** Callers queue under the read lock, close() ends the queue under the write lock: no record lands after the end. */
    private final ReadWriteLock gate = new ReentrantReadWriteLock();
    private boolean closed;

    public AsyncAuditLog(AuditLog target) {
        this.target = target;
        this.writer = new Thread(this::drain, "vireo-audit");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void record(AuditRecord record) {
        gate.readLock().lock();
        try {
            if (!closed) {
                queue.put(record);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            gate.readLock().unlock();
        }
        target.record(record); // a late caller of a closing daemon, or an interrupted one, still gets its line
    }

    private void drain() {
        try {
            while (true) {
                AuditRecord r = queue.take();
                if (r == END) {
                    return;
                }
                try {
                    target.record(r);
                } catch (RuntimeException e) {
                    // a failing appender must not stop auditing of later calls
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes every queued record, then stops the writer (waits up to 10 s for it). */
    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.interrupt();
            return;
        } finally {
            gate.writeLock().unlock();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
