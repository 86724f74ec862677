package io.vireo.xml.domain;

import java.util.ArrayList;
import java.util.List;

/** {@code <clock>}: offset and timers. */
public class ClockDef {
    private String offset = "utc"; // utc, localtime, timezone, variable, absolute
    private String timezone;
    private String adjustment;
    private String basis;
    private List<TimerDef> timers = new ArrayList<>();

    public ClockDef() {
    }

    /** One of: utc, localtime, timezone, variable, absolute. */
    public String getOffset() {
        return offset;
    }

    public void setOffset(String offset) {
        this.offset = offset;
    }

    public String getTimezone() {
        return timezone;
    }

    public void setTimezone(String timezone) {
        this.timezone = timezone;
    }

    public String getAdjustment() {
        return adjustment;
    }

    public void setAdjustment(String adjustment) {
        this.adjustment = adjustment;
    }

    public String getBasis() {
        return basis;
    }

    public void setBasis(String basis) {
        this.basis = basis;
    }

    public List<TimerDef> getTimers() {
        return timers;
    }

    public void setTimers(List<TimerDef> timers) {
        this.timers = timers;
    }
}
