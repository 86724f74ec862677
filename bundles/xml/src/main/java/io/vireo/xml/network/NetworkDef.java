package io.vireo.xml.network;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A virtual network definition ({@code <network>}). Elements Vireo does not model (dns, route, portgroup, bandwidth, vlan, virtualport, dnsmasq options) are kept verbatim. */
public class NetworkDef {
    private String name;
    private UUID uuid;
    private Integer connections; // runtime: guests attached
    private Boolean ipv6;
    private String metadataXml;
    private String forwardMode; // null: isolated; nat, route, open, bridge, private, vepa, passthrough, hostdev
    private String forwardDev;
    private Boolean forwardManaged; // hostdev networks: managed='yes'
    private List<String> forwardInterfaces = new ArrayList<>(); // interface dev names inside forward
    private String forwardNatXml; // the nat element, verbatim
    private List<String> forwardExtraXml = new ArrayList<>();
    private String bridgeName;
    private Boolean bridgeStp;
    private Integer bridgeDelay;
    private String bridgeZone;
    private Integer mtu;
    private String mac;
    private String domainName;
    private Boolean domainLocalOnly;
    private List<IpDef> ips = new ArrayList<>();
    private List<String> extraXml = new ArrayList<>();

    public NetworkDef() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public UUID getUuid() {
        return uuid;
    }

    public void setUuid(UUID uuid) {
        this.uuid = uuid;
    }

    /** Runtime: guests attached. */
    public Integer getConnections() {
        return connections;
    }

    public void setConnections(Integer connections) {
        this.connections = connections;
    }

    public Boolean getIpv6() {
        return ipv6;
    }

    public void setIpv6(Boolean ipv6) {
        this.ipv6 = ipv6;
    }

    public String getMetadataXml() {
        return metadataXml;
    }

    public void setMetadataXml(String metadataXml) {
        this.metadataXml = metadataXml;
    }

    /** One of nat, route, open, bridge, private, vepa, passthrough, hostdev; null for an isolated network. */
    public String getForwardMode() {
        return forwardMode;
    }

    public void setForwardMode(String forwardMode) {
        this.forwardMode = forwardMode;
    }

    public String getForwardDev() {
        return forwardDev;
    }

    public void setForwardDev(String forwardDev) {
        this.forwardDev = forwardDev;
    }

    /** Interface dev names inside forward. */
    /** Hostdev networks: managed='yes'. */
    public Boolean getForwardManaged() {
        return forwardManaged;
    }

    public void setForwardManaged(Boolean forwardManaged) {
        this.forwardManaged = forwardManaged;
    }

    public List<String> getForwardInterfaces() {
        return forwardInterfaces;
    }

    public void setForwardInterfaces(List<String> forwardInterfaces) {
        this.forwardInterfaces = forwardInterfaces;
    }

    /** The nat element, verbatim. */
    public String getForwardNatXml() {
        return forwardNatXml;
    }

    public void setForwardNatXml(String forwardNatXml) {
        this.forwardNatXml = forwardNatXml;
    }

    public List<String> getForwardExtraXml() {
        return forwardExtraXml;
    }

    public void setForwardExtraXml(List<String> forwardExtraXml) {
        this.forwardExtraXml = forwardExtraXml;
    }

    public String getBridgeName() {
        return bridgeName;
    }

    public void setBridgeName(String bridgeName) {
        this.bridgeName = bridgeName;
    }

    public Boolean getBridgeStp() {
        return bridgeStp;
    }

    public void setBridgeStp(Boolean bridgeStp) {
        this.bridgeStp = bridgeStp;
    }

    public Integer getBridgeDelay() {
        return bridgeDelay;
    }

    public void setBridgeDelay(Integer bridgeDelay) {
        this.bridgeDelay = bridgeDelay;
    }

    public String getBridgeZone() {
        return bridgeZone;
    }

    public void setBridgeZone(String bridgeZone) {
        this.bridgeZone = bridgeZone;
    }

    public Integer getMtu() {
        return mtu;
    }

    public void setMtu(Integer mtu) {
        this.mtu = mtu;
    }

    public String getMac() {
        return mac;
    }

    public void setMac(String mac) {
        this.mac = mac;
    }

    public String getDomainName() {
        return domainName;
    }

    public void setDomainName(String domainName) {
        this.domainName = domainName;
    }

    public Boolean getDomainLocalOnly() {
        return domainLocalOnly;
    }

    public void setDomainLocalOnly(Boolean domainLocalOnly) {
        this.domainLocalOnly = domainLocalOnly;
    }

    public List<IpDef> getIps() {
        return ips;
    }

    public void setIps(List<IpDef> ips) {
        this.ips = ips;
    }

    public List<String> getExtraXml() {
        return extraXml;
    }

    public void setExtraXml(List<String> extraXml) {
        this.extraXml = extraXml;
    }

    /** A deep copy (formatted and parsed again). */
    public NetworkDef copy() {
        return io.vireo.xml.VireoXml.parseNetwork(io.vireo.xml.VireoXml.formatNetwork(this));
    }
}
