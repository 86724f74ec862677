package io.vireo.driver.support.domain;

/**
 * What a running guest reports on its own, from its monitor thread: state changes nobody asked this
 * daemon for (the guest powered off, another monitor client paused it) and the end of its process.
 */
public interface GuestListener {
    /** The process has ended, for {@code exit}. Called once per guest. */
    void exited(RunningGuest guest, GuestExit exit);

    /** The guest was paused by something other than this daemon's suspend (I/O error, monitor client). */
    void paused(RunningGuest guest, int reason);

    /** The guest runs again after a pause this daemon did not ask for to end. */
    void resumed(RunningGuest guest);

    /** The guest has released {@code device}, whose detach was asked for earlier. */
    default void deviceRemoved(RunningGuest guest, io.vireo.xml.domain.DeviceDef device) {
    }
}
