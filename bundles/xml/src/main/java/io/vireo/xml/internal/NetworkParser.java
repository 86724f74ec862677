package io.vireo.xml.internal;

import io.vireo.xml.network.DhcpHostDef;
import io.vireo.xml.network.DhcpRangeDef;
import io.vireo.xml.network.IpDef;
import io.vireo.xml.network.NetworkDef;
import java.util.Set;
import java.util.UUID;

/** {@code <network>} → {@link NetworkDef}, with libvirt's checks on forward mode, bridge and addresses. */
public final class NetworkParser {
    static final Set<String> FORWARD_MODES = Set.of("nat", "route", "open", "bridge", "private", "vepa",
            "passthrough", "hostdev");
    static final Set<String> MODELLED = Set.of("name", "uuid", "metadata", "forward", "bridge", "mtu", "mac",
            "domain", "ip");

    private static final Values V = Values.NETWORK;

    private NetworkParser() {
    }

    public static NetworkDef parse(String xml) {
        XmlNode root = SafeXmlReader.parse(xml);
        V.expectRoot(root, "network");
        NetworkDef n = new NetworkDef();
        n.setName(V.name(root));
        XmlNode uuid = root.child("uuid");
        n.setUuid(uuid == null ? UUID.randomUUID() : V.uuid(uuid));
        n.setConnections(V.intAttr(root, "connections"));
        n.setIpv6(V.yesNo(root, "ipv6"));
        XmlNode metadata = root.child("metadata");
        n.setMetadataXml(metadata == null ? null : metadata.innerRaw());
        readForward(root, n);
        XmlNode bridge = root.child("bridge");
        if (bridge != null) {
            n.setBridgeName(bridge.attr("name"));
            n.setBridgeStp(V.yesNo(bridge, "stp"));
            n.setBridgeDelay(V.intAttr(bridge, "delay"));
            n.setBridgeZone(bridge.attr("zone"));
        }
        XmlNode mtu = root.child("mtu");
        n.setMtu(mtu == null ? null : V.intAttr(mtu, "size"));
        XmlNode mac = root.child("mac");
        n.setMac(mac == null ? null : V.mac(mac, "address"));
        XmlNode domain = root.child("domain");
        if (domain != null) {
            n.setDomainName(V.requireAttr(domain, "name"));
            n.setDomainLocalOnly(V.yesNo(domain, "localOnly"));
        }
        for (XmlNode ip : root.children("ip")) {
            n.getIps().add(readIp(ip, n.getName()));
        }
        for (XmlNode c : root.children()) {
            if (!MODELLED.contains(c.name())) {
                n.getExtraXml().add(c.raw());
            }
        }
        validate(n);
        return n;
    }

    private static void readForward(XmlNode root, NetworkDef n) {
        XmlNode fwd = root.child("forward");
        if (fwd == null) {
            return;
        }
        String mode = fwd.attr("mode");
        if (mode != null && !FORWARD_MODES.contains(mode)) {
            throw V.error("unknown forwarding type '%s'", mode);
        }
        n.setForwardMode(mode == null ? "nat" : mode);
        n.setForwardDev(fwd.attr("dev"));
        n.setForwardManaged(V.yesNo(fwd, "managed"));
        for (XmlNode c : fwd.children()) {
            switch (c.name()) {
                case "interface" -> n.getForwardInterfaces().add(V.requireAttr(c, "dev"));
                case "nat" -> n.setForwardNatXml(c.raw());
                default -> n.getForwardExtraXml().add(c.raw());
            }
        }
        // libvirt names the first forward interface as the forward dev when none is given
        if (n.getForwardDev() == null && !n.getForwardInterfaces().isEmpty()) {
            n.setForwardDev(n.getForwardInterfaces().get(0));
        }
    }

    private static IpDef readIp(XmlNode ip, String network) {
        IpDef d = new IpDef();
        d.setFamily(V.enumAttr(ip, "family", Set.of("ipv4", "ipv6")));
        d.setAddress(ip.attr("address"));
        if (d.getAddress() != null && !validFor(d.getFamily(), d.getAddress())) {
            throw V.error("Invalid address '%s' in network '%s'", d.getAddress(), network);
        }
        d.setNetmask(ip.attr("netmask"));
        if (d.getNetmask() != null && !isNetmask(d.getNetmask())) {
            throw V.error("Invalid netmask '%s' in network '%s'", d.getNetmask(), network);
        }
        d.setPrefix(V.intAttr(ip, "prefix"));
        boolean v6 = "ipv6".equals(d.getFamily()) || (d.getAddress() != null && Addresses.isIpv6(d.getAddress()));
        if (d.getPrefix() != null && (d.getPrefix() < 0 || d.getPrefix() > (v6 ? 128 : 32))) {
            throw V.error("Invalid prefix '%d' in network '%s'", d.getPrefix(), network);
        }
        if (d.getNetmask() != null && d.getPrefix() != null) {
            throw V.error("Network '%s' IP address cannot have both a prefix and a netmask", network);
        }
        d.setLocalPtr(ip.attr("localPtr"));
        XmlNode tftp = ip.child("tftp");
        d.setTftpRoot(tftp == null ? null : tftp.attr("root"));
        XmlNode dhcp = ip.child("dhcp");
        if (dhcp != null) {
            d.setDhcp(true);
            for (XmlNode r : dhcp.children("range")) {
                String start = V.requireAttr(r, "start");
                String end = V.requireAttr(r, "end");
                if (!Addresses.isIp(start) || !Addresses.isIp(end)) {
                    throw V.error("Invalid dhcp range '%s' to '%s' in network '%s'", start, end, network);
                }
                d.getDhcpRanges().add(new DhcpRangeDef(start, end));
            }
            for (XmlNode h : dhcp.children("host")) {
                DhcpHostDef host = new DhcpHostDef();
                host.setMac(h.attr("mac") == null ? null : V.mac(h, "mac"));
                host.setId(h.attr("id"));
                host.setName(h.attr("name"));
                host.setIp(h.attr("ip"));
                if (host.getIp() != null && !Addresses.isIp(host.getIp())) {
                    throw V.error("Invalid IP address in static host definition for network '%s'", network);
                }
                if (host.getMac() == null && host.getName() == null && host.getId() == null) {
                    throw V.error("Static host definition in network '%s' must have mac or name attribute",
                            network);
                }
                d.getDhcpHosts().add(host);
            }
            XmlNode bootp = dhcp.child("bootp");
            if (bootp != null) {
                d.setBootpFile(V.requireAttr(bootp, "file"));
                d.setBootpServer(bootp.attr("server"));
            }
        }
        return d;
    }

    private static boolean validFor(String family, String address) {
        if ("ipv6".equals(family)) {
            return Addresses.isIpv6(address);
        }
        if ("ipv4".equals(family)) {
            return Addresses.isIpv4(address);
        }
        return Addresses.isIp(address);
    }

    private static boolean isNetmask(String mask) {
        if (!Addresses.isIpv4(mask)) {
            return false;
        }
        long bits = 0;
        for (String octet : mask.split("\\.")) {
            bits = bits << 8 | Integer.parseInt(octet);
        }
        long inverted = ~bits & 0xffffffffL;
        return (inverted & (inverted + 1)) == 0; // ones then zeros
    }

    private static void validate(NetworkDef n) {
        String mode = n.getForwardMode();
        if ("bridge".equals(mode) && n.getBridgeName() == null && n.getForwardDev() == null
                && n.getForwardInterfaces().isEmpty()) {
            throw V.error("Network '%s' in forward mode 'bridge' needs a <bridge name='...'/> or forward interfaces",
                    n.getName());
        }
        if (mode != null && Set.of("bridge", "private", "vepa", "passthrough", "hostdev").contains(mode)
                && !n.getIps().isEmpty()) {
            throw V.error("Unsupported <ip> element in network %s with forward mode='%s'", n.getName(), mode);
        }
    }
}
