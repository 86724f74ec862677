package io.vireo.remote.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vireo.remote.protocol.Procedure;
import io.vireo.remote.protocol.Program;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void priorityJobsRunWhenEveryGeneralWorkerIsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(2);
        List<String> done = new CopyOnWriteArrayList<>();
        try (WorkerPool pool = new WorkerPool("t", 2, 1)) {
            for (int i = 0; i < 2; i++) {
                pool.submit(() -> {
                    busy.countDown();
                    RpcServerTest.await(release);
                }, false);
            }
            assertTrue(busy.await(5, TimeUnit.SECONDS));
            CountDownLatch ordinary = new CountDownLatch(1);
            CountDownLatch urgent = new CountDownLatch(1);
            pool.submit(() -> {
                done.add("ordinary");
                ordinary.countDown();
            }, false);
            pool.submit(() -> {
                done.add("urgent");
                urgent.countDown();
            }, true);
            assertTrue(urgent.await(5, TimeUnit.SECONDS), "the priority worker took the urgent job");
            assertFalse(ordinary.await(100, TimeUnit.MILLISECONDS), "ordinary jobs wait for general workers");
            release.countDown();
            assertTrue(ordinary.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("urgent", "ordinary"), done);
        }
    }

    @Test
    void aThrowingJobDoesNotKillItsWorker() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        try (WorkerPool pool = new WorkerPool("t", 1, 0)) {
            pool.submit(() -> {
                throw new IllegalStateException("boom");
            }, false);
            pool.submit(ran::countDown, true);
            assertTrue(ran.await(5, TimeUnit.SECONDS), "high-priority jobs also run on general workers");
        }
    }

    @Test
    void destroyIsHighPriorityDefineIsNot() {
        assertTrue(Priority.isHigh(Program.REMOTE, Procedure.DOMAIN_DESTROY.number()));
        assertTrue(Priority.isHigh(Program.REMOTE, Procedure.DOMAIN_GET_STATE.number()));
        assertFalse(Priority.isHigh(Program.REMOTE, Procedure.DOMAIN_DEFINE_XML.number()));
        assertFalse(Priority.isHigh(Program.REMOTE, Procedure.DOMAIN_CREATE.number()));
        assertFalse(Priority.isHigh(Program.QEMU, Procedure.DOMAIN_DESTROY.number()));
        assertFalse(Priority.isHigh(Program.REMOTE, 99999));
    }
}
