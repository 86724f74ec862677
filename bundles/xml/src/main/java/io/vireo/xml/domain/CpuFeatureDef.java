package io.vireo.xml.domain;

/** {@code <feature policy='require' name='vmx'/>} inside {@code <cpu>}. */
public class CpuFeatureDef {
    private String policy;
    private String name;

    public CpuFeatureDef() {
    }

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public CpuFeatureDef(String policy, String name) {
        this.policy = policy;
        this.name = name;
    }
}
