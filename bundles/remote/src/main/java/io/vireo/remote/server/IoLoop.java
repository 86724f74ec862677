package io.vireo.remote.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The one thread that does all socket I/O: accepts, reads and frames packets, writes replies, runs
 * tasks other threads hand it, and calls a tick about once a second (keepalive). Nothing here blocks
 * on a call, so pings are answered even while every worker is busy.
 */
final class IoLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IoLoop.class);
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Something registered with the selector: told when its channel is ready. */
    interface Ready {
        void onReady(SelectionKey key);

        /** The loop could not handle this channel (a bug or a broken channel): drop it, keep the rest. */
        void onFailure(RuntimeException e);
    }

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final LongConsumer tick;
    private volatile boolean running = true;

    IoLoop(String name, LongConsumer tick) throws IOException {
        this.selector = Selector.open();
        this.tick = tick;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Registers a channel; only on the loop thread (or before {@link #start()}). */
    SelectionKey register(SelectableChannel ch, int ops, Ready handler) throws IOException {
        return ch.register(selector, ops, handler);
    }

    /** Runs {@code task} on the loop thread soon; callable from any thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        long nextTick = System.nanoTime() + TICK_NANOS;
        while (running) {
            try {
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime()));
                selector.select(wait);
                runTasks();
                handleReady();
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + TICK_NANOS;
                    tick.accept(now);
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (Throwable t) {
                // One bad moment must not end the server for everyone.
                LOG.error("Remote server I/O loop error", t);
            }
        }
    }

    private void runTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("Remote server I/O task failed", e);
            }
        }
    }

    private void handleReady() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            if (!key.isValid() || !(key.attachment() instanceof Ready r)) {
                continue;
            }
            try {
                r.onReady(key);
            } catch (RuntimeException e) {
                r.onFailure(e);
            }
        }
    }

    /** Stops the loop and waits for its thread; channels are left to their owners. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (thread.isAlive() && !inLoop()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        runTasks();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("Closing the selector", e);
        }
    }
}
