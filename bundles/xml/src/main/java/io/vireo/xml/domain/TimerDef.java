package io.vireo.xml.domain;

/** {@code <timer name='rtc' tickpolicy='catchup'/>} inside {@code <clock>}. */
public class TimerDef {
    private String name;
    private Boolean present;
    private String tickpolicy;
    private String track;
    private String frequency;
    private String mode;

    public TimerDef() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Boolean getPresent() {
        return present;
    }

    public void setPresent(Boolean present) {
        this.present = present;
    }

    public String getTickpolicy() {
        return tickpolicy;
    }

    public void setTickpolicy(String tickpolicy) {
        this.tickpolicy = tickpolicy;
    }

    public String getTrack() {
        return track;
    }

    public void setTrack(String track) {
        this.track = track;
    }

    public String getFrequency() {
        return frequency;
    }

    public void setFrequency(String frequency) {
        this.frequency = frequency;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }
}
