package io.vireo.xml.network;

/** {@code <range start='192.168.122.2' end='192.168.122.254'/>}. */
public class DhcpRangeDef {
    private String start;
    private String end;

    public DhcpRangeDef() {
    }

    public String getStart() {
        return start;
    }

    public void setStart(String start) {
        this.start = start;
    }

    public String getEnd() {
        return end;
    }

    public void setEnd(String end) {
        this.end = end;
    }

    public DhcpRangeDef(String start, String end) {
        this.start = start;
        this.end = end;
    }
}
