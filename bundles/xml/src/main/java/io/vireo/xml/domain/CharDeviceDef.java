package io.vireo.xml.domain;

/** A character device: {@code <serial>}, {@code <console>}, {@code <parallel>} or {@code <channel>}. */
public class CharDeviceDef extends DeviceDef {
    private String type = "pty"; // pty, file, dev, pipe, tcp, udp, unix, stdio, null, vc, spicevmc
    private String tty; // runtime pty path on the element (console)
    private String sourcePath;
    private String sourceMode;
    private String sourceHost;
    private String sourceService;
    private String sourceAppend;
    private String protocolType;
    private String logFile;
    private String logAppend;
    private String targetType;
    private Integer targetPort;
    private String targetName;
    private String targetState;
    private String targetModel;

    public CharDeviceDef() {
    }

    /** For example pty, file, dev, pipe, tcp, udp, unix, stdio, null, vc, spicevmc. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    /** Runtime pty path on the element (console). */
    public String getTty() {
        return tty;
    }

    public void setTty(String tty) {
        this.tty = tty;
    }

    public String getSourcePath() {
        return sourcePath;
    }

    public void setSourcePath(String sourcePath) {
        this.sourcePath = sourcePath;
    }

    public String getSourceMode() {
        return sourceMode;
    }

    public void setSourceMode(String sourceMode) {
        this.sourceMode = sourceMode;
    }

    public String getSourceHost() {
        return sourceHost;
    }

    public void setSourceHost(String sourceHost) {
        this.sourceHost = sourceHost;
    }

    public String getSourceService() {
        return sourceService;
    }

    public void setSourceService(String sourceService) {
        this.sourceService = sourceService;
    }

    public String getSourceAppend() {
        return sourceAppend;
    }

    public void setSourceAppend(String sourceAppend) {
        this.sourceAppend = sourceAppend;
    }

    public String getProtocolType() {
        return protocolType;
    }

    public void setProtocolType(String protocolType) {
        this.protocolType = protocolType;
    }

    public String getLogFile() {
        return logFile;
    }

    public void setLogFile(String logFile) {
        this.logFile = logFile;
    }

    public String getLogAppend() {
        return logAppend;
    }

    public void setLogAppend(String logAppend) {
        this.logAppend = logAppend;
    }

    public String getTargetType() {
        return targetType;
    }

    public void setTargetType(String targetType) {
        this.targetType = targetType;
    }

    public Integer getTargetPort() {
        return targetPort;
    }

    public void setTargetPort(Integer targetPort) {
        this.targetPort = targetPort;
    }

    public String getTargetName() {
        return targetName;
    }

    public void setTargetName(String targetName) {
        this.targetName = targetName;
    }

    public String getTargetState() {
        return targetState;
    }

    public void setTargetState(String targetState) {
        this.targetState = targetState;
    }

    public String getTargetModel() {
        return targetModel;
    }

    public void setTargetModel(String targetModel) {
        this.targetModel = targetModel;
    }
}
