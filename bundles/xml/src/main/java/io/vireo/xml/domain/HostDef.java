package io.vireo.xml.domain;

/** A host of a network disk source ({@code <host name='' port='' transport=''/>}). */
public class HostDef {
    private String name;
    private String port;
    private String transport;
    private String socket;

    public HostDef() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPort() {
        return port;
    }

    public void setPort(String port) {
        this.port = port;
    }

    public String getTransport() {
        return transport;
    }

    public void setTransport(String transport) {
        this.transport = transport;
    }

    public String getSocket() {
        return socket;
    }

    public void setSocket(String socket) {
        this.socket = socket;
    }
}
