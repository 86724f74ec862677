package io.vireo.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class AsyncAuditLogTest {
    private static AuditRecord record(int i) {
        return AuditRecord.ok("user" + i, "virDomainCreate", "test:///default", new AuditTarget("domain", "d" + i, null));
    }

    @Test
    void everyRecordIsWrittenInOrderByCloseTime() {
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        AsyncAuditLog log = new AsyncAuditLog(r -> written.add(r.principal()));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) { // more than the queue holds: callers wait, nothing is dropped
            log.record(record(i));
            expected.add("user" + i);
        }
        log.close();
        assertEquals(expected, written);
        log.record(record(-1)); // after close, written at once on the caller's thread
        assertEquals("user-1", written.get(written.size() - 1));
    }

    @Test
    void theCallerDoesNotWaitForTheWriter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        AsyncAuditLog log = new AsyncAuditLog(r -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(r.principal());
        });
        long t0 = System.nanoTime();
        log.record(record(1));
        log.record(record(2));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 5_000, "record() blocked on a slow writer");
        release.countDown();
        log.close();
        assertEquals(List.of("user1", "user2"), written);
    }

    @Test
    void aFailingTargetDoesNotStopLaterRecords() {
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        AsyncAuditLog log = new AsyncAuditLog(r -> {
            if (r.principal().equals("user1")) {
                throw new IllegalStateException("appender broke");
            }
            written.add(r.principal());
        });
        log.record(record(1));
        log.record(record(2));
        log.close();
        assertEquals(List.of("user2"), written);
    }
}
