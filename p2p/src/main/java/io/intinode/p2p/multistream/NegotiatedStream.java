package io.intinode.p2p.multistream;

import io.intinode.p2p.core.MuxedSession;
import io.intinode.p2p.core.MuxedStream;
import io.intinode.p2p.core.MuxerException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A muxed stream on which multistream-select runs first. It stays the underlying stream's listener: it
 * negotiates, then holds any bytes that followed the negotiation until the protocol sets its own
 * listener, and from then on passes everything through.
 */
public final class NegotiatedStream implements MuxedStream, MuxedStream.Listener {
    private static final Logger log = LoggerFactory.getLogger(NegotiatedStream.class);

    private final MuxedStream stream;
    private final Negotiation negotiation;
    private final CompletableFuture<NegotiatedStream> negotiated = new CompletableFuture<>();
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private ByteBuf pending;
    private Listener listener;
    private boolean remoteClosed;
    private MuxerException resetCause;
    private volatile String protocol;

    private NegotiatedStream(MuxedStream stream, Negotiation negotiation) {
        this.stream = stream;
        this.negotiation = negotiation;
    }

    /** Starts negotiating on {@code stream}; the future fails (and the stream is reset) on failure or timeout. */
    public static CompletableFuture<NegotiatedStream> negotiate(MuxedStream stream, Negotiation negotiation,
            Duration timeout) {
        NegotiatedStream s = new NegotiatedStream(stream, negotiation);
        stream.executor().execute(s::start);
        var timer = stream.executor().schedule(() -> s.fail(new MultistreamException(
                "multistream-select timed out after " + timeout.toMillis() + " ms")), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        s.negotiated.whenComplete((r, e) -> timer.cancel(false));
        return s.negotiated;
    }

    /** The selected protocol id. */
    public String protocol() {
        return protocol;
    }

    private void start() {
        stream.setListener(this);
        send(negotiation.start());
    }

    private void send(List<String> messages) {
        for (String m : messages) {
            stream.write(MultistreamCodec.encode(ByteBufAllocator.DEFAULT, m));
        }
    }

    private void fail(Throwable cause) {
        if (negotiated.completeExceptionally(cause)) {
            log.debug("multistream-select on stream {} failed: {}", stream.id(), cause.getMessage());
            release();
            stream.reset();
        }
    }

    private void release() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        held.forEach(ByteBuf::release);
        held.clear();
    }

    @Override
    public void onData(MuxedStream s, ByteBuf data) {
        if (protocol != null) {
            deliver(data);
            return;
        }
        if (negotiated.isDone()) {
            data.release();
            return;
        }
        pending = pending == null ? data : append(pending, data);
        try {
            String message;
            while ((message = MultistreamCodec.decode(pending)) != null) {
                Negotiation.Step step = negotiation.onMessage(message);
                send(step.send());
                if (step.selected().isPresent()) {
                    protocol = step.selected().get();
                    ByteBuf rest = pending;
                    pending = null;
                    if (rest.isReadable()) {
                        held.add(rest);
                    } else {
                        rest.release();
                    }
                    negotiated.complete(this);
                    return;
                }
            }
        } catch (MultistreamException e) {
            fail(e);
        }
    }

    private static ByteBuf append(ByteBuf a, ByteBuf b) {
        CompositeByteBuf c = a instanceof CompositeByteBuf cb ? cb : a.alloc().compositeBuffer().addComponent(true, a);
        return c.addComponent(true, b);
    }

    private void deliver(ByteBuf data) {
        if (listener != null) {
            listener.onData(this, data);
        } else {
            held.add(data);
        }
    }

    @Override
    public void onRemoteClose(MuxedStream s) {
        if (protocol == null) {
            fail(new MultistreamException("stream closed during multistream-select"));
        } else if (listener != null) {
            listener.onRemoteClose(this);
        } else {
            remoteClosed = true;
        }
    }

    @Override
    public void onReset(MuxedStream s, MuxerException cause) {
        if (protocol == null) {
            fail(cause);
        } else if (listener != null) {
            listener.onReset(this, cause);
        } else {
            release();
            resetCause = cause;
        }
    }

    @Override
    public void setListener(Listener newListener) {
        stream.executor().execute(() -> {
            listener = newListener;
            while (!held.isEmpty()) {
                listener.onData(this, held.poll());
            }
            if (resetCause != null) {
                listener.onReset(this, resetCause);
            } else if (remoteClosed) {
                listener.onRemoteClose(this);
            }
        });
    }

    @Override
    public long id() {
        return stream.id();
    }

    @Override
    public boolean isOutbound() {
        return stream.isOutbound();
    }

    @Override
    public MuxedSession session() {
        return stream.session();
    }

    @Override
    public EventExecutor executor() {
        return stream.executor();
    }

    @Override
    public void pauseReading() {
        stream.pauseReading();
    }

    @Override
    public void resumeReading() {
        stream.resumeReading();
    }

    @Override
    public CompletableFuture<Void> write(ByteBuf data) {
        return stream.write(data);
    }

    @Override
    public CompletableFuture<Void> closeWrite() {
        return stream.closeWrite();
    }

    @Override
    public void reset() {
        stream.reset();
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return stream.closeFuture();
    }
}
