package io.vireo.xml.domain;

import java.util.ArrayList;
import java.util.List;

/** {@code <cpu>}: mode, model, topology and features. */
public class CpuDef {
    private String mode; // custom, host-model, host-passthrough, maximum
    private String match; // exact, minimum, strict
    private String check; // none, partial, full
    private Boolean migratable;
    private String model;
    private String modelFallback;
    private String vendor;
    private Integer sockets;
    private Integer dies;
    private Integer cores;
    private Integer threads;
    private List<CpuFeatureDef> features = new ArrayList<>();
    private List<String> extraXml = new ArrayList<>(); // numa, cache and other children, verbatim

    public CpuDef() {
    }

    /** One of: custom, host-model, host-passthrough, maximum. */
    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    /** One of: exact, minimum, strict. */
    public String getMatch() {
        return match;
    }

    public void setMatch(String match) {
        this.match = match;
    }

    /** One of: none, partial, full. */
    public String getCheck() {
        return check;
    }

    public void setCheck(String check) {
        this.check = check;
    }

    public Boolean getMigratable() {
        return migratable;
    }

    public void setMigratable(Boolean migratable) {
        this.migratable = migratable;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getModelFallback() {
        return modelFallback;
    }

    public void setModelFallback(String modelFallback) {
        this.modelFallback = modelFallback;
    }

    public String getVendor() {
        return vendor;
    }

    public void setVendor(String vendor) {
        this.vendor = vendor;
    }

    public Integer getSockets() {
        return sockets;
    }

    public void setSockets(Integer sockets) {
        this.sockets = sockets;
    }

    public Integer getDies() {
        return dies;
    }

    public void setDies(Integer dies) {
        this.dies = dies;
    }

    public Integer getCores() {
        return cores;
    }

    public void setCores(Integer cores) {
        this.cores = cores;
    }

    public Integer getThreads() {
        return threads;
    }

    public void setThreads(Integer threads) {
        this.threads = threads;
    }

    public List<CpuFeatureDef> getFeatures() {
        return features;
    }

    public void setFeatures(List<CpuFeatureDef> features) {
        this.features = features;
    }

    /** Numa, cache and other children, verbatim. */
    public List<String> getExtraXml() {
        return extraXml;
    }

    public void setExtraXml(List<String> extraXml) {
        this.extraXml = extraXml;
    }
}
