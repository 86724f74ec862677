package io.vireo.xml.domain;

import java.util.ArrayList;
import java.util.List;

/** {@code <os>}: guest OS type, firmware and boot. */
public class OsDef {
    private String type = "hvm"; // hvm, xen, linux, exe
    private String arch;
    private String machine;
    private String firmware; // firmware='efi' or 'bios' on os
    private String loader; // loader path
    private Boolean loaderReadonly;
    private String loaderType; // rom, pflash
    private Boolean loaderSecure;
    private String nvram; // nvram path
    private String nvramTemplate;
    private String kernel;
    private String initrd;
    private String cmdline;
    private String dtb;
    private String init; // container init path
    private List<String> bootDevices = new ArrayList<>(); // boot dev values in order: hd, cdrom, network, fd
    private Boolean bootMenu;
    private String bootMenuTimeout;
    private List<String> extraXml = new ArrayList<>(); // unmodelled children (firmware features, smbios, bios), verbatim

    public OsDef() {
    }

    /** One of: hvm, xen, linux, exe. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getArch() {
        return arch;
    }

    public void setArch(String arch) {
        this.arch = arch;
    }

    public String getMachine() {
        return machine;
    }

    public void setMachine(String machine) {
        this.machine = machine;
    }

    /** The os firmware attribute: efi or bios (firmware autoselection). */
    public String getFirmware() {
        return firmware;
    }

    public void setFirmware(String firmware) {
        this.firmware = firmware;
    }

    /** Loader path. */
    public String getLoader() {
        return loader;
    }

    public void setLoader(String loader) {
        this.loader = loader;
    }

    public Boolean getLoaderReadonly() {
        return loaderReadonly;
    }

    public void setLoaderReadonly(Boolean loaderReadonly) {
        this.loaderReadonly = loaderReadonly;
    }

    /** One of: rom, pflash. */
    public String getLoaderType() {
        return loaderType;
    }

    public void setLoaderType(String loaderType) {
        this.loaderType = loaderType;
    }

    public Boolean getLoaderSecure() {
        return loaderSecure;
    }

    public void setLoaderSecure(Boolean loaderSecure) {
        this.loaderSecure = loaderSecure;
    }

    /** Nvram path. */
    public String getNvram() {
        return nvram;
    }

    public void setNvram(String nvram) {
        this.nvram = nvram;
    }

    public String getNvramTemplate() {
        return nvramTemplate;
    }

    public void setNvramTemplate(String nvramTemplate) {
        this.nvramTemplate = nvramTemplate;
    }

    public String getKernel() {
        return kernel;
    }

    public void setKernel(String kernel) {
        this.kernel = kernel;
    }

    public String getInitrd() {
        return initrd;
    }

    public void setInitrd(String initrd) {
        this.initrd = initrd;
    }

    public String getCmdline() {
        return cmdline;
    }

    public void setCmdline(String cmdline) {
        this.cmdline = cmdline;
    }

    public String getDtb() {
        return dtb;
    }

    public void setDtb(String dtb) {
        this.dtb = dtb;
    }

    /** Container init path. */
    public String getInit() {
        return init;
    }

    public void setInit(String init) {
        this.init = init;
    }

    /** Boot dev values in order: hd, cdrom, network, fd. */
    public List<String> getBootDevices() {
        return bootDevices;
    }

    public void setBootDevices(List<String> bootDevices) {
        this.bootDevices = bootDevices;
    }

    public Boolean getBootMenu() {
        return bootMenu;
    }

    public void setBootMenu(Boolean bootMenu) {
        this.bootMenu = bootMenu;
    }

    public String getBootMenuTimeout() {
        return bootMenuTimeout;
    }

    public void setBootMenuTimeout(String bootMenuTimeout) {
        this.bootMenuTimeout = bootMenuTimeout;
    }

    /** Unmodelled children (firmware features, smbios, bios), verbatim. */
    public List<String> getExtraXml() {
        return extraXml;
    }

    public void setExtraXml(List<String> extraXml) {
        this.extraXml = extraXml;
    }
}
