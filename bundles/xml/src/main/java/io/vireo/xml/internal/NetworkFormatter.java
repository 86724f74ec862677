package io.vireo.xml.internal;

import io.vireo.xml.network.DhcpHostDef;
import io.vireo.xml.network.DhcpRangeDef;
import io.vireo.xml.network.IpDef;
import io.vireo.xml.network.NetworkDef;
import java.util.List;

/** {@link NetworkDef} → {@code <network>} in libvirt's element order and layout. */
public final class NetworkFormatter {
    static final List<String> ORDER = List.of("name", "uuid", "metadata", "forward", "bridge", "mtu", "mac",
            "domain", "dns", "vlan", "bandwidth", "port", "ip", "route", "virtualport", "portgroup",
            "dnsmasq:options");

    private NetworkFormatter() {
    }

    public static String format(NetworkDef n) {
        XmlOut x = XmlOut.element("network").attr("connections", n.getConnections()).yesNo("ipv6", n.getIpv6());
        Ordering extras = new Ordering(ORDER, n.getExtraXml());
        x.leaf("name", n.getName());
        x.leaf("uuid", n.getUuid());
        if (n.getMetadataXml() != null) {
            x.add(XmlOut.element("metadata").raw(n.getMetadataXml()));
        }
        if (n.getForwardMode() != null) {
            XmlOut f = XmlOut.element("forward").attr("dev", n.getForwardDev()).attr("mode", n.getForwardMode())
                    .yesNo("managed", n.getForwardManaged());
            f.raw(n.getForwardNatXml());
            n.getForwardInterfaces().forEach(dev -> f.add(XmlOut.element("interface").attr("dev", dev)));
            n.getForwardExtraXml().forEach(f::raw);
            x.add(f);
        }
        if (n.getBridgeName() != null || n.getBridgeStp() != null || n.getBridgeDelay() != null
                || n.getBridgeZone() != null) {
            x.add(XmlOut.element("bridge").attr("name", n.getBridgeName()).attr("zone", n.getBridgeZone())
                    .onOff("stp", n.getBridgeStp()).attr("delay", n.getBridgeDelay()));
        }
        if (n.getMtu() != null) {
            x.add(XmlOut.element("mtu").attr("size", n.getMtu()));
        }
        if (n.getMac() != null) {
            x.add(XmlOut.element("mac").attr("address", n.getMac()));
        }
        if (n.getDomainName() != null) {
            x.add(XmlOut.element("domain").attr("name", n.getDomainName()).yesNo("localOnly", n.getDomainLocalOnly()));
        }
        extras.before(x, "ip");
        for (IpDef ip : n.getIps()) {
            x.add(ip(ip));
        }
        extras.rest(x);
        return x.toXml();
    }

    private static XmlOut ip(IpDef ip) {
        XmlOut x = XmlOut.element("ip").attr("family", ip.getFamily()).attr("address", ip.getAddress())
                .attr("netmask", ip.getNetmask()).attr("prefix", ip.getPrefix()).attr("localPtr", ip.getLocalPtr())
                .keepOpen(); // libvirt writes <ip ...>\n</ip> even with nothing inside
        if (ip.getTftpRoot() != null) {
            x.add(XmlOut.element("tftp").attr("root", ip.getTftpRoot()));
        }
        if (ip.isDhcp() || !ip.getDhcpRanges().isEmpty() || !ip.getDhcpHosts().isEmpty()) {
            XmlOut dhcp = XmlOut.element("dhcp");
            for (DhcpRangeDef r : ip.getDhcpRanges()) {
                dhcp.add(XmlOut.element("range").attr("start", r.getStart()).attr("end", r.getEnd()));
            }
            for (DhcpHostDef h : ip.getDhcpHosts()) {
                dhcp.add(XmlOut.element("host").attr("mac", h.getMac()).attr("id", h.getId())
                        .attr("name", h.getName()).attr("ip", h.getIp()));
            }
            if (ip.getBootpFile() != null) {
                dhcp.add(XmlOut.element("bootp").attr("file", ip.getBootpFile()).attr("server", ip.getBootpServer()));
            }
            x.add(dhcp);
        }
        return x;
    }
}
