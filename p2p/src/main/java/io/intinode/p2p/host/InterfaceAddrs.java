package io.intinode.p2p.host;

import io.intinode.p2p.multiaddr.Component;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multiaddr.Protocol;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Expands a wildcard listen address into the addresses of the local interfaces (no network traffic). */
final class InterfaceAddrs {
    private InterfaceAddrs() {}

    static List<Multiaddr> expand(Multiaddr bound) {
        Component host = bound.components().getFirst();
        boolean v4 = host.protocol() == Protocol.IP4;
        byte[] ip = host.value();
        boolean wildcard = true;
        for (byte b : ip) {
            wildcard &= b == 0;
        }
        if (!wildcard) {
            return List.of(bound);
        }
        List<Multiaddr> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if ((a instanceof Inet4Address) == v4 && !a.isLinkLocalAddress()) {
                        List<Component> c = new ArrayList<>(bound.components());
                        c.set(0, new Component(host.protocol(), a.getAddress()));
                        out.add(new Multiaddr(c));
                    }
                }
            }
        } catch (SocketException e) {
            return List.of(bound);
        }
        out.sort((x, y) -> x.toString().compareTo(y.toString()));
        return out.isEmpty() ? List.of(bound) : out;
    }
}
