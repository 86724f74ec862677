package io.vireo.xml.storage;

/** {@code <permissions>} of a pool target or volume: mode (octal string), owner, group, label. */
public class PermissionsDef {
    private String mode;
    private String owner;
    private String group;
    private String label;

    public PermissionsDef() {
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }
}
