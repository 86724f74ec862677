package io.vireo.xml.domain;

import java.util.ArrayList;
import java.util.List;

/** What every device has: the runtime alias, the guest address and children Vireo does not model (kept verbatim, written before alias and address). */
public class DeviceDef {
    private String alias;
    private AddressDef address;
    private List<String> extraXml = new ArrayList<>();

    public DeviceDef() {
    }

    public String getAlias() {
        return alias;
    }

    public void setAlias(String alias) {
        this.alias = alias;
    }

    public AddressDef getAddress() {
        return address;
    }

    public void setAddress(AddressDef address) {
        this.address = address;
    }

    public List<String> getExtraXml() {
        return extraXml;
    }

    public void setExtraXml(List<String> extraXml) {
        this.extraXml = extraXml;
    }
}
