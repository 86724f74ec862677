package io.vireo.xml.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/** One element of {@code <features>}, e.g. {@code <acpi/>}, {@code <vmport state='off'/>} or {@code <hyperv>} with its children kept verbatim. */
public class FeatureDef {
    private String name;
    private Map<String, String> attributes = new LinkedHashMap<>();
    private String innerXml; // children, verbatim (dedented), or null when the element is empty

    public FeatureDef() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Map<String, String> getAttributes() {
        return attributes;
    }

    public void setAttributes(Map<String, String> attributes) {
        this.attributes = attributes;
    }

    /** Children, verbatim (dedented), or null when the element is empty. */
    public String getInnerXml() {
        return innerXml;
    }

    public void setInnerXml(String innerXml) {
        this.innerXml = innerXml;
    }

    public FeatureDef(String name) {
        this.name = name;
    }
}
