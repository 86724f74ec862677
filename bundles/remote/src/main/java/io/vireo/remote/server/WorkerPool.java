package io.vireo.remote.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads that run calls: {@code general} workers take any job in arrival order; {@code priority}
 * workers take only high-priority jobs, so a destroy still runs when every general worker is stuck in
 * a slow call. Jobs must not throw; anything they do throw is logged and the worker carries on.
 */
final class WorkerPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private record Job(Runnable task, boolean high) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition anyJob = lock.newCondition();
    private final Condition highJob = lock.newCondition();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private int queuedHigh;
    private boolean closed;

    WorkerPool(String name, int general, int priority) {
        for (int i = 0; i < general; i++) {
            threads.add(start(name + "-worker-" + i, false));
        }
        for (int i = 0; i < priority; i++) {
            threads.add(start(name + "-prio-" + i, true));
        }
    }

    private Thread start(String name, boolean priorityOnly) {
        Thread t = new Thread(() -> work(priorityOnly), name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    void submit(Runnable task, boolean high) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            queue.addLast(new Job(task, high));
            anyJob.signal();
            if (high) {
                queuedHigh++;
                highJob.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void work(boolean priorityOnly) {
        while (true) {
            Job job;
            try {
                job = take(priorityOnly);
            } catch (InterruptedException e) {
                return;
            }
            if (job == null) {
                return;
            }
            try {
                job.task().run();
            } catch (Throwable t) {
                LOG.error("Call failed outside its error handling", t);
            }
        }
    }

    /** The next job this worker may run, or null once the pool is closed. */
    private Job take(boolean priorityOnly) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    return null;
                }
                if (!priorityOnly && !queue.isEmpty()) {
                    Job j = queue.pollFirst();
                    if (j.high()) {
                        queuedHigh--;
                    }
                    return j;
                }
                if (priorityOnly && queuedHigh > 0) {
                    for (Iterator<Job> it = queue.iterator(); it.hasNext(); ) {
                        Job j = it.next();
                        if (j.high()) {
                            it.remove();
                            queuedHigh--;
                            return j;
                        }
                    }
                }
                (priorityOnly ? highJob : anyJob).await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops queued jobs and stops the workers, waiting briefly for running calls. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            queuedHigh = 0;
            anyJob.signalAll();
            highJob.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
