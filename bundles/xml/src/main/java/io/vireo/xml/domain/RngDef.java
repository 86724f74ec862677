package io.vireo.xml.domain;

/** {@code <rng model='virtio'>} and its backend. */
public class RngDef extends DeviceDef {
    private String model = "virtio";
    private String backendModel = "random"; // random, egd, builtin
    private String backendType; // for egd: tcp, udp, unix...
    private String backendPath; // /dev/urandom for the random backend
    private String backendXml; // children of an egd backend, verbatim
    private Long rateBytes;
    private Long ratePeriod;

    public RngDef() {
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    /** One of: random, egd, builtin. */
    public String getBackendModel() {
        return backendModel;
    }

    public void setBackendModel(String backendModel) {
        this.backendModel = backendModel;
    }

    /** For the egd backend: tcp, udp, unix, ... */
    public String getBackendType() {
        return backendType;
    }

    public void setBackendType(String backendType) {
        this.backendType = backendType;
    }

    /** /dev/urandom for the random backend. */
    public String getBackendPath() {
        return backendPath;
    }

    public void setBackendPath(String backendPath) {
        this.backendPath = backendPath;
    }

    /** Children of an egd backend, verbatim. */
    public String getBackendXml() {
        return backendXml;
    }

    public void setBackendXml(String backendXml) {
        this.backendXml = backendXml;
    }

    public Long getRateBytes() {
        return rateBytes;
    }

    public void setRateBytes(Long rateBytes) {
        this.rateBytes = rateBytes;
    }

    public Long getRatePeriod() {
        return ratePeriod;
    }

    public void setRatePeriod(Long ratePeriod) {
        this.ratePeriod = ratePeriod;
    }
}
