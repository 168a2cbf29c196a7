package io.intinode.p2p.identify;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.intinode.p2p.identify.pb.IdentifyProto.Identify;
import io.intinode.p2p.identity.IdentityException;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.identity.PublicKey;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multiaddr.MultiaddrException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Identify messages ⇄ {@link IdentifyInfo}, length-delimited with a uvarint as on the wire. */
public final class IdentifyCodec {
    private static final Logger log = LoggerFactory.getLogger(IdentifyCodec.class);
    /** js-libp2p's limit for identify messages. */
    public static final int MAX_MESSAGE_BYTES = 8192;
    static final String PROTOCOL_VERSION = "ipfs/0.1.0";

    private IdentifyCodec() {}

    static byte[] encode(PublicKey key, String agent, List<Multiaddr> listenAddrs, List<String> protocols,
            Optional<Multiaddr> observed) {
        Identify.Builder b = Identify.newBuilder()
                .setProtocolVersion(PROTOCOL_VERSION)
                .setAgentVersion(agent)
                .setPublicKey(ByteString.copyFrom(key.toProtobuf()))
                .addAllProtocols(protocols);
        listenAddrs.forEach(a -> b.addListenAddrs(ByteString.copyFrom(a.toBytes())));
        observed.ifPresent(a -> b.setObservedAddr(ByteString.copyFrom(a.toBytes())));
        byte[] body = b.build().toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 2);
        io.intinode.p2p.multiformats.Varint.write(body.length, out);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Reads one length-delimited message, checked against the peer it came from. */
    static IdentifyInfo read(InputStream in, PeerId from) throws IOException {
        int length = readLength(in);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("identify message truncated");
        }
        return decode(body, from);
    }

    static IdentifyInfo decode(byte[] body, PeerId from) {
        Identify msg;
        try {
            msg = Identify.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new IdentifyException("malformed identify message: " + e.getMessage());
        }
        if (msg.hasPublicKey()) {
            try {
                PeerId claimed = PublicKey.fromProtobuf(msg.getPublicKey().toByteArray()).peerId();
                if (!claimed.equals(from)) {
                    throw new IdentifyException("identify public key is " + claimed + ", not the peer's " + from);
                }
            } catch (IdentityException e) {
                throw new IdentifyException("bad public key in identify: " + e.getMessage());
            }
        }
        List<Multiaddr> addrs = new ArrayList<>();
        for (ByteString a : msg.getListenAddrsList()) {
            parse(a).ifPresent(addrs::add);
        }
        Optional<Multiaddr> observed = msg.hasObservedAddr() ? parse(msg.getObservedAddr()) : Optional.empty();
        return new IdentifyInfo(from, msg.getProtocolVersion(), msg.getAgentVersion(), addrs,
                msg.getProtocolsList(), observed);
    }

    /** Addresses with protocols we do not speak (quic, circuit relay…) are skipped, not fatal. */
    private static Optional<Multiaddr> parse(ByteString bytes) {
        try {
            return Optional.of(Multiaddr.fromBytes(bytes.toByteArray()));
        } catch (MultiaddrException e) {
            log.debug("skipping identify address: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static int readLength(InputStream in) throws IOException {
        int length = 0;
        for (int i = 0; i < 3; i++) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("identify stream ended before a message");
            }
            length |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (length > MAX_MESSAGE_BYTES) {
                    throw new IdentifyException("identify message of " + length + " bytes exceeds "
                            + MAX_MESSAGE_BYTES);
                }
                return length;
            }
        }
        throw new IdentifyException("identify message length exceeds " + MAX_MESSAGE_BYTES);
    }
}
