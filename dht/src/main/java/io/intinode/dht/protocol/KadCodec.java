package io.intinode.dht.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.intinode.dht.core.DhtException;
import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.dht.protocol.pb.KadProto.Message;
import io.intinode.dht.protocol.pb.KadProto.Message.MessageType;
import io.intinode.p2p.identity.IdentityException;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multiaddr.MultiaddrException;
import io.intinode.p2p.multiformats.MultiformatException;
import io.intinode.p2p.multiformats.Varint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kad-dht framing and messages: an unsigned-varint length, then one protobuf {@code Message}. Decoding checks
 * the size cap before reading the body, the message type, and the key: provider keys must be sha2-256
 * multihashes. Peers with an unreadable id and addresses we cannot parse are dropped from lists; a list over
 * its cap rejects the whole message.
 */
public final class KadCodec {
    private static final Logger log = LoggerFactory.getLogger(KadCodec.class);
    private final KadLimits limits;

    public KadCodec(KadLimits limits) {
        this.limits = limits;
    }

    public KadLimits limits() {
        return limits;
    }

    /** The framed message; fails if our own message would break the size cap. */
    public ByteBuf encode(ByteBufAllocator alloc, KadMessage message) {
        byte[] body = toProtobuf(message).toByteArray();
        if (body.length > limits.maxMessageBytes()) {
            throw new KadProtocolException("outgoing " + typeName(message) + " of " + body.length
                    + " bytes exceeds the " + limits.maxMessageBytes() + "-byte cap");
        }
        byte[] prefix = Varint.encode(body.length);
        return alloc.buffer(prefix.length + body.length).writeBytes(prefix).writeBytes(body);
    }

    /**
     * Reads one framed message from {@code in}, or returns null and consumes nothing if it is not complete yet.
     * Throws {@link KadProtocolException} for anything malformed or too large; {@code in} is then unusable.
     */
    public KadMessage decode(ByteBuf in) {
        int start = in.readerIndex();
        Integer length = readLength(in);
        if (length == null) {
            return null;
        }
        if (in.readableBytes() < length) {
            in.readerIndex(start);
            return null;
        }
        Message pb;
        try {
            pb = Message.parseFrom(in.nioBuffer(in.readerIndex(), length));
        } catch (InvalidProtocolBufferException e) {
            throw new KadProtocolException("malformed kad message: " + e.getMessage(), e);
        } finally {
            in.skipBytes(length);
        }
        return fromProtobuf(pb);
    }

    /**
     * Reads one framed message from a blocking stream; null at a clean end of stream before the first byte.
     * The size cap is checked before the body is read.
     */
    public KadMessage read(InputStream in) throws IOException {
        byte[] prefix = new byte[Varint.MAX_BYTES];
        int n = 0;
        while (n < Varint.MAX_BYTES) {
            int b = in.read();
            if (b < 0) {
                if (n == 0) {
                    return null;
                }
                throw new KadProtocolException("stream ended inside a kad length prefix");
            }
            prefix[n++] = (byte) b;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        ByteBuf head = Unpooled.wrappedBuffer(prefix, 0, n);
        int length = readLength(head);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new KadProtocolException("stream ended after " + body.length + " of " + length + " kad message bytes");
        }
        return decode(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(prefix, 0, n), Unpooled.wrappedBuffer(body)));
    }

    /** Writes one framed message to a blocking stream and flushes it. */
    public void write(OutputStream out, KadMessage message) throws IOException {
        ByteBuf frame = encode(UnpooledByteBufAllocator.DEFAULT, message);
        try {
            frame.readBytes(out, frame.readableBytes());
            out.flush();
        } finally {
            frame.release();
        }
    }

    private Integer readLength(ByteBuf in) {
        int available = Math.min(in.readableBytes(), Varint.MAX_BYTES);
        byte[] head = new byte[available];
        in.getBytes(in.readerIndex(), head);
        boolean terminated = false;
        for (byte b : head) {
            if ((b & 0x80) == 0) {
                terminated = true;
                break;
            }
        }
        if (!terminated && available < Varint.MAX_BYTES) {
            return null;
        }
        Varint.Decoded d;
        try {
            d = Varint.decode(head, 0);
        } catch (MultiformatException e) {
            throw new KadProtocolException("bad kad length prefix: " + e.getMessage(), e);
        }
        if (d.value() > limits.maxMessageBytes()) {
            throw new KadProtocolException("kad message of " + d.value() + " bytes exceeds the "
                    + limits.maxMessageBytes() + "-byte cap");
        }
        in.skipBytes(d.length());
        return (int) d.value();
    }

    private KadMessage fromProtobuf(Message pb) {
        return switch (pb.getTypeValue()) {
            case MessageType.FIND_NODE_VALUE -> new KadMessage.FindNode(anyKey(pb, "FIND_NODE"),
                    peers(pb.getCloserPeersList(), "closerPeers"));
            case MessageType.GET_PROVIDERS_VALUE -> new KadMessage.GetProviders(blobKey(pb, "GET_PROVIDERS"),
                    peers(pb.getProviderPeersList(), "providerPeers"), peers(pb.getCloserPeersList(), "closerPeers"));
            case MessageType.ADD_PROVIDER_VALUE -> new KadMessage.AddProvider(blobKey(pb, "ADD_PROVIDER"),
                    peers(pb.getProviderPeersList(), "providerPeers"));
            case MessageType.PING_VALUE -> new KadMessage.Ping();
            case MessageType.GET_VALUE_VALUE -> new KadMessage.GetValue(anyKey(pb, "GET_VALUE"),
                    peers(pb.getCloserPeersList(), "closerPeers"));
            case MessageType.PUT_VALUE_VALUE -> new KadMessage.PutValue(anyKey(pb, "PUT_VALUE"));
            default -> throw new KadProtocolException("unknown kad message type " + pb.getTypeValue());
        };
    }

    private static Key anyKey(Message pb, String type) {
        try {
            return Key.of(pb.getKey().toByteArray());
        } catch (DhtException e) {
            throw new KadProtocolException(type + " with a bad key: " + e.getMessage(), e);
        }
    }

    private static Key blobKey(Message pb, String type) {
        Key key = anyKey(pb, type);
        if (!key.isBlobKey()) {
            throw new KadProtocolException(type + " key is not a sha2-256 multihash (" + key.length() + " bytes)");
        }
        return key;
    }

    private List<PeerInfo> peers(List<Message.Peer> list, String field) {
        if (list.size() > limits.maxPeersPerList()) {
            throw new KadProtocolException(field + " lists " + list.size() + " peers, more than the cap of "
                    + limits.maxPeersPerList());
        }
        List<PeerInfo> out = new ArrayList<>(list.size());
        for (Message.Peer p : list) {
            PeerId id;
            try {
                id = PeerId.fromBytes(p.getId().toByteArray());
            } catch (IdentityException e) {
                log.debug("dropping {} entry with a bad peer id: {}", field, e.getMessage());
                continue;
            }
            List<Multiaddr> addrs = new ArrayList<>();
            for (ByteString a : p.getAddrsList()) {
                if (addrs.size() == limits.maxAddrsPerPeer()) {
                    break;
                }
                try {
                    addrs.add(Multiaddr.fromBytes(a.toByteArray()));
                } catch (MultiaddrException e) {
                    log.debug("dropping an address of {}: {}", id, e.getMessage());
                }
            }
            out.add(new PeerInfo(id, addrs));
        }
        return out;
    }

    private static Message toProtobuf(KadMessage message) {
        Message.Builder b = Message.newBuilder();
        switch (message) {
            case KadMessage.FindNode m -> b.setType(MessageType.FIND_NODE).setKey(key(m.key()))
                    .addAllCloserPeers(toPeers(m.closerPeers()));
            case KadMessage.GetProviders m -> b.setType(MessageType.GET_PROVIDERS).setKey(key(m.key()))
                    .addAllProviderPeers(toPeers(m.providers())).addAllCloserPeers(toPeers(m.closerPeers()));
            case KadMessage.AddProvider m -> b.setType(MessageType.ADD_PROVIDER).setKey(key(m.key()))
                    .addAllProviderPeers(toPeers(m.providers()));
            case KadMessage.Ping m -> b.setType(MessageType.PING);
            case KadMessage.GetValue m -> b.setType(MessageType.GET_VALUE).setKey(key(m.key()))
                    .addAllCloserPeers(toPeers(m.closerPeers()));
            case KadMessage.PutValue m -> b.setType(MessageType.PUT_VALUE).setKey(key(m.key()));
        }
        return b.build();
    }

    private static ByteString key(Key key) {
        return ByteString.copyFrom(key.bytes());
    }

    private static List<Message.Peer> toPeers(List<PeerInfo> peers) {
        List<Message.Peer> out = new ArrayList<>(peers.size());
        for (PeerInfo p : peers) {
            Message.Peer.Builder b = Message.Peer.newBuilder().setId(ByteString.copyFrom(p.id().toBytes()));
            p.addrs().forEach(a -> b.addAddrs(ByteString.copyFrom(a.toBytes())));
            out.add(b.build());
        }
        return out;
    }

    private static String typeName(KadMessage m) {
        return m.getClass().getSimpleName();
    }
}
