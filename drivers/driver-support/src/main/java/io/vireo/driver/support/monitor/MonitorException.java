package io.vireo.driver.support.monitor;

/**
 * A command the monitor refused ({@link #errorClass()} and description as the monitor sent them), or a
 * monitor that could not be reached, timed out or went away ({@code errorClass} "Disconnected"/"Timeout").
 */
public class MonitorException extends Exception {
    public static final String DISCONNECTED = "Disconnected";
    public static final String TIMEOUT = "Timeout";

    private final String errorClass;

    public MonitorException(String errorClass, String description) {
        super(description);
        this.errorClass = errorClass;
    }

    public MonitorException(String errorClass, String description, Throwable cause) {
        super(description, cause);
        this.errorClass = errorClass;
    }

    public String errorClass() {
        return errorClass;
    }
}
