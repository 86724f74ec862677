package io.vireo.xml.domain;

import java.util.ArrayList;
import java.util.List;

/** {@code <graphics>}: a VNC or SPICE display (others kept as they are). */
public class GraphicsDef extends DeviceDef {
    private String type = "vnc"; // vnc, spice, sdl, rdp, desktop, egl-headless, dbus
    private Integer port;
    private Integer tlsPort;
    private Boolean autoport;
    private Integer websocket;
    private String listen;
    private String keymap;
    private String passwd;
    private List<ListenDef> listens = new ArrayList<>();

    public GraphicsDef() {
    }

    /** One of: vnc, spice, sdl, rdp, desktop, egl-headless, dbus. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public Integer getTlsPort() {
        return tlsPort;
    }

    public void setTlsPort(Integer tlsPort) {
        this.tlsPort = tlsPort;
    }

    public Boolean getAutoport() {
        return autoport;
    }

    public void setAutoport(Boolean autoport) {
        this.autoport = autoport;
    }

    public Integer getWebsocket() {
        return websocket;
    }

    public void setWebsocket(Integer websocket) {
        this.websocket = websocket;
    }

    public String getListen() {
        return listen;
    }

    public void setListen(String listen) {
        this.listen = listen;
    }

    public String getKeymap() {
        return keymap;
    }

    public void setKeymap(String keymap) {
        this.keymap = keymap;
    }

    public String getPasswd() {
        return passwd;
    }

    public void setPasswd(String passwd) {
        this.passwd = passwd;
    }

    public List<ListenDef> getListens() {
        return listens;
    }

    public void setListens(List<ListenDef> listens) {
        this.listens = listens;
    }
}
