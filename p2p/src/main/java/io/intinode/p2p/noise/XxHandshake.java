package io.intinode.p2p.noise;

import java.util.Arrays;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * The Noise XX pattern as a pure state machine over whole messages (no framing, no I/O):
 * {@code -> e}, {@code <- e, ee, s, es}, {@code -> s, se}. Keys are passed in, so tests can fix them.
 */
final class XxHandshake {
    static final int DH_BYTES = 32;
    private static final int ENCRYPTED_KEY_BYTES = DH_BYTES + CipherState.TAG_BYTES;

    private final boolean initiator;
    private final X25519PrivateKeyParameters s;
    private final X25519PrivateKeyParameters e;
    private final SymmetricState state;
    private byte[] rs;
    private byte[] re;
    private int message;

    /** libp2p uses an empty prologue; the Noise test vectors use others. */
    XxHandshake(boolean initiator, X25519PrivateKeyParameters staticKey, X25519PrivateKeyParameters ephemeral,
            byte[] prologue) {
        this.initiator = initiator;
        this.state = new SymmetricState(prologue);
        this.s = staticKey;
        this.e = ephemeral;
    }

    /** True when it is this side's turn to write. */
    boolean isMyTurn() {
        return (message % 2 == 0) == initiator;
    }

    boolean isComplete() {
        return message == 3;
    }

    /** The index of the next message, 0 to 2. */
    int messageIndex() {
        return message;
    }

    byte[] remoteStatic() {
        return rs.clone();
    }

    byte[] handshakeHash() {
        return state.handshakeHash();
    }

    byte[] writeMessage(byte[] payload) {
        if (!isMyTurn() || isComplete()) {
            throw new IllegalStateException("not our turn to write message " + message);
        }
        byte[] out = switch (message) {
            case 0 -> concat(writeE(), state.encryptAndHash(payload));
            case 1 -> {
                byte[] ePub = writeE();
                state.mixKey(dh(e, re));
                byte[] sEnc = state.encryptAndHash(publicKey(s));
                state.mixKey(dh(s, re));
                yield concat(ePub, sEnc, state.encryptAndHash(payload));
            }
            default -> {
                byte[] sEnc = state.encryptAndHash(publicKey(s));
                state.mixKey(dh(s, re));
                yield concat(sEnc, state.encryptAndHash(payload));
            }
        };
        message++;
        return out;
    }

    /** Reads one message and returns its decrypted payload; any tampering is a {@link NoiseException}. */
    byte[] readMessage(byte[] in) {
        if (isMyTurn() || isComplete()) {
            throw new IllegalStateException("not our turn to read message " + message);
        }
        byte[] payload = switch (message) {
            case 0 -> {
                int pos = readE(in);
                yield state.decryptAndHash(Arrays.copyOfRange(in, pos, in.length));
            }
            case 1 -> {
                int pos = readE(in);
                state.mixKey(dh(e, re));
                pos = readS(in, pos);
                state.mixKey(dh(e, rs));
                yield state.decryptAndHash(Arrays.copyOfRange(in, pos, in.length));
            }
            default -> {
                int pos = readS(in, 0);
                state.mixKey(dh(e, rs));
                yield state.decryptAndHash(Arrays.copyOfRange(in, pos, in.length));
            }
        };
        message++;
        return payload;
    }

    /** Transport ciphers ordered {send, receive} for this side. */
    CipherState[] split() {
        if (!isComplete()) {
            throw new IllegalStateException("handshake not complete");
        }
        CipherState[] c = state.split();
        return initiator ? c : new CipherState[] {c[1], c[0]};
    }

    private byte[] writeE() {
        byte[] pub = publicKey(e);
        state.mixHash(pub);
        return pub;
    }

    private int readE(byte[] in) {
        if (in.length < DH_BYTES) {
            throw new NoiseException("handshake message " + message + " too short for an ephemeral key");
        }
        re = Arrays.copyOf(in, DH_BYTES);
        state.mixHash(re);
        return DH_BYTES;
    }

    private int readS(byte[] in, int pos) {
        if (in.length - pos < ENCRYPTED_KEY_BYTES) {
            throw new NoiseException("handshake message " + message + " too short for a static key");
        }
        rs = state.decryptAndHash(Arrays.copyOfRange(in, pos, pos + ENCRYPTED_KEY_BYTES));
        return pos + ENCRYPTED_KEY_BYTES;
    }

    static byte[] publicKey(X25519PrivateKeyParameters key) {
        return key.generatePublicKey().getEncoded();
    }

    private static byte[] dh(X25519PrivateKeyParameters priv, byte[] pub) {
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(priv);
        byte[] out = new byte[agreement.getAgreementSize()];
        try {
            agreement.calculateAgreement(new X25519PublicKeyParameters(pub, 0), out, 0);
        } catch (IllegalStateException ex) { // BouncyCastle refuses low-order points (all-zero result)
            throw new NoiseException("invalid remote X25519 key");
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }
}
