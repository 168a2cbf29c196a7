package io.intinode.dht.routing;

import io.intinode.p2p.multiaddr.Component;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multiaddr.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Limits how many contacts of one bucket share an IPv4 /24 or IPv6 /48, so one operator cannot fill the buckets
 * around a key (eclipse). LAN peers and private, loopback and link-local addresses are exempt: on a LAN every
 * peer shares a subnet by design.
 */
final class SubnetDiversityPolicy {
    private SubnetDiversityPolicy() {}

    /** The subnet a non-LAN peer counts against, taken from its first public IP address. */
    static Optional<String> group(List<Multiaddr> addrs, boolean lan) {
        if (lan) {
            return Optional.empty();
        }
        for (Multiaddr a : addrs) {
            for (Component c : a.components()) {
                if (c.protocol() == Protocol.IP4 || c.protocol() == Protocol.IP6) {
                    byte[] ip = c.value();
                    if (isPublic(ip)) {
                        int prefixBytes = ip.length == 4 ? 3 : 6;
                        return Optional.of(HexFormat.of().formatHex(ip, 0, prefixBytes));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isPublic(byte[] ip) {
        InetAddress a;
        try {
            a = InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            return false;
        }
        boolean uniqueLocal = ip.length == 16 && (ip[0] & 0xFE) == 0xFC;
        return !(a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress() || uniqueLocal);
    }
}
