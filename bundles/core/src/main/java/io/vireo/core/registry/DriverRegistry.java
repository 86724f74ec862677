package io.vireo.core.registry;

import io.vireo.api.spi.HypervisorDriver;
import io.vireo.api.spi.NetworkMode;
import io.vireo.api.spi.SecurityModule;
import io.vireo.api.spi.StoragePoolType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The whiteboard of plug-ins: every hypervisor driver, network mode, storage pool type and security
 * module registered in the framework, keyed by its service property. References are dynamic and greedy,
 * so a bundle dropped into deploy/ is served at once and a removed one is forgotten at once.
 */
@Component(service = DriverRegistry.class, immediate = true)
public class DriverRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(DriverRegistry.class);

    private final PluginRegistry<HypervisorDriver> drivers = new PluginRegistry<>(HypervisorDriver.SCHEME);
    private final PluginRegistry<NetworkMode> networkModes = new PluginRegistry<>(NetworkMode.FORWARD);
    private final PluginRegistry<StoragePoolType> poolTypes = new PluginRegistry<>(StoragePoolType.TYPE);
    private final PluginRegistry<SecurityModule> securityModules = new PluginRegistry<>(SecurityModule.MODEL);

    public PluginRegistry<HypervisorDriver> drivers() {
        return drivers;
    }

    public PluginRegistry<NetworkMode> networkModes() {
        return networkModes;
    }

    public PluginRegistry<StoragePoolType> storagePoolTypes() {
        return poolTypes;
    }

    public PluginRegistry<SecurityModule> securityModules() {
        return securityModules;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDriver(HypervisorDriver driver, Map<String, Object> props) {
        added(drivers, driver, props);
    }

    void unbindDriver(HypervisorDriver driver) {
        drivers.remove(driver);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindNetworkMode(NetworkMode mode, Map<String, Object> props) {
        added(networkModes, mode, props);
    }

    void unbindNetworkMode(NetworkMode mode) {
        networkModes.remove(mode);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStoragePoolType(StoragePoolType type, Map<String, Object> props) {
        added(poolTypes, type, props);
    }

    void unbindStoragePoolType(StoragePoolType type) {
        poolTypes.remove(type);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSecurityModule(SecurityModule module, Map<String, Object> props) {
        added(securityModules, module, props);
    }

    void unbindSecurityModule(SecurityModule module) {
        securityModules.remove(module);
    }

    private static <T> void added(PluginRegistry<T> registry, T service, Map<String, Object> props) {
        if (registry.add(service, props).isEmpty()) {
            LOG.warn("Ignoring {} without service property {}", service.getClass().getName(), registry.keyProperty());
        } else {
            LOG.info("{} '{}' available", registry.keyProperty(), props.get(registry.keyProperty()));
        }
    }
}
