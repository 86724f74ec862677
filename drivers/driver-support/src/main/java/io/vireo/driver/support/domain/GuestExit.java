package io.vireo.driver.support.domain;

import io.vireo.api.DomainStateReason.Reasons;
import io.vireo.api.event.DomainEventType.Detail;

/** Why a guest process ended, with the shut-off reason and STOPPED event detail libvirt gives for it. */
public enum GuestExit {
    /** The guest powered itself off (or reset with {@code on_reboot='destroy'}); the process has ended. */
    SHUTDOWN(Reasons.SHUTOFF_SHUTDOWN, Detail.STOPPED_SHUTDOWN),
    /** Ended by virDomainDestroy. */
    DESTROYED(Reasons.SHUTOFF_DESTROYED, Detail.STOPPED_DESTROYED),
    /** The guest crashed and {@code on_crash} ended it. */
    CRASHED(Reasons.SHUTOFF_CRASHED, Detail.STOPPED_CRASHED),
    /** The process ended on its own: a signal, an emulator error, or it was gone after a daemon restart. */
    FAILED(Reasons.SHUTOFF_FAILED, Detail.STOPPED_FAILED);

    private final int reason;
    private final int detail;

    GuestExit(int reason, int detail) {
        this.reason = reason;
        this.detail = detail;
    }

    public int shutoffReason() {
        return reason;
    }

    public int stoppedDetail() {
        return detail;
    }
}
