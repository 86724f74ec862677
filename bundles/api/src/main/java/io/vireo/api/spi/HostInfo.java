package io.vireo.api.spi;

import io.vireo.api.NodeInfo;
import io.vireo.api.SecurityModel;

/** Role: facts about the host as this driver sees it. */
public interface HostInfo {
    String type();

    long hypervisorVersion();

    String hostname();

    NodeInfo nodeInfo();

    String capabilities();

    SecurityModel securityModel();
}
