package io.vireo.xml.network;

/** {@code <host mac='52:54:00:..' name='vm1' ip='192.168.122.10'/>}: a static lease. */
public class DhcpHostDef {
    private String mac;
    private String id;
    private String name;
    private String ip;

    public DhcpHostDef() {
    }

    public String getMac() {
        return mac;
    }

    public void setMac(String mac) {
        this.mac = mac;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getIp() {
        return ip;
    }

    public void setIp(String ip) {
        this.ip = ip;
    }
}
