package io.vireo.xml.network;

import java.util.ArrayList;
import java.util.List;

/** {@code <ip>}: an address of the network's bridge, with its DHCP service. */
public class IpDef {
    private String family; // ipv4 (default) or ipv6
    private String address;
    private String netmask;
    private Integer prefix;
    private String localPtr;
    private String tftpRoot;
    private List<DhcpRangeDef> dhcpRanges = new ArrayList<>();
    private List<DhcpHostDef> dhcpHosts = new ArrayList<>();
    private String bootpFile;
    private String bootpServer;
    private boolean dhcp; // whether a dhcp element is present (it may be empty)

    public IpDef() {
    }

    /** ipv4 (the default) or ipv6. */
    public String getFamily() {
        return family;
    }

    public void setFamily(String family) {
        this.family = family;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getNetmask() {
        return netmask;
    }

    public void setNetmask(String netmask) {
        this.netmask = netmask;
    }

    public Integer getPrefix() {
        return prefix;
    }

    public void setPrefix(Integer prefix) {
        this.prefix = prefix;
    }

    public String getLocalPtr() {
        return localPtr;
    }

    public void setLocalPtr(String localPtr) {
        this.localPtr = localPtr;
    }

    public String getTftpRoot() {
        return tftpRoot;
    }

    public void setTftpRoot(String tftpRoot) {
        this.tftpRoot = tftpRoot;
    }

    public List<DhcpRangeDef> getDhcpRanges() {
        return dhcpRanges;
    }

    public void setDhcpRanges(List<DhcpRangeDef> dhcpRanges) {
        this.dhcpRanges = dhcpRanges;
    }

    public List<DhcpHostDef> getDhcpHosts() {
        return dhcpHosts;
    }

    public void setDhcpHosts(List<DhcpHostDef> dhcpHosts) {
        this.dhcpHosts = dhcpHosts;
    }

    public String getBootpFile() {
        return bootpFile;
    }

    public void setBootpFile(String bootpFile) {
        this.bootpFile = bootpFile;
    }

    public String getBootpServer() {
        return bootpServer;
    }

    public void setBootpServer(String bootpServer) {
        this.bootpServer = bootpServer;
    }

    /** Whether a dhcp element is present (it may be empty). */
    public boolean isDhcp() {
        return dhcp;
    }

    public void setDhcp(boolean dhcp) {
        this.dhcp = dhcp;
    }

    /** The prefix length, from prefix or netmask; -1 when neither is given. */
    public int prefixLength() {
        if (prefix != null) {
            return prefix;
        }
        if (netmask == null) {
            return -1;
        }
        int bits = 0;
        for (String octet : netmask.split("\\.")) {
            bits += Integer.bitCount(Integer.parseInt(octet));
        }
        return bits;
    }
}
