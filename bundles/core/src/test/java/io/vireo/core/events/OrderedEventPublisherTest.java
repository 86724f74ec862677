package io.vireo.core.events;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderedEventPublisherTest {
    private static Event event(String name) {
        return new Event("io/vireo/domain/STARTED", Map.of("name", name));
    }

    @Test
    void aSubscriberThatHangsDelaysTheNextEventsOnceByTheStallTimeThenDeliveryGoesOnInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        EventAdmin bus = new EventAdmin() {
            @Override
            public void postEvent(Event e) {
                throw new AssertionError("events are sent, from the delivery thread");
            }

            @Override
            public void sendEvent(Event e) {
                delivered.add((String) e.getProperty("name"));
                arrivals.add(System.nanoTime());
                if ("stuck".equals(e.getProperty("name"))) {
                    try {
                        release.await(30, TimeUnit.SECONDS); // a subscriber that hangs in this event
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        long stall = 300;
        try (OrderedEventPublisher publisher = new OrderedEventPublisher(bus, stall)) {
            long start = System.nanoTime();
            for (String name : List.of("a", "stuck", "b", "c", "d")) {
                publisher.accept(event(name));
            }
            long deadline = System.currentTimeMillis() + 5_000;
            while (delivered.size() < 5 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of("a", "stuck", "b", "c", "d"), delivered);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(arrivals.get(2) - start);
            assertTrue(waitedMillis >= stall && waitedMillis < stall + 1_000, waitedMillis + " ms");

            publisher.accept(event("e"));
            deadline = System.currentTimeMillis() + 5_000;
            while (delivered.size() < 6 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals("e", delivered.get(5));
        } finally {
            release.countDown();
        }
    }
}
