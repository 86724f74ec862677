package io.vireo.xml.domain;

/** {@code <listen type='address' address='127.0.0.1'/>} inside {@code <graphics>}. */
public class ListenDef {
    private String type;
    private String address;
    private String network;
    private String socket;

    public ListenDef() {
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getNetwork() {
        return network;
    }

    public void setNetwork(String network) {
        this.network = network;
    }

    public String getSocket() {
        return socket;
    }

    public void setSocket(String socket) {
        this.socket = socket;
    }
}
