package io.intinode.p2p.core;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Blocking reads from a {@link MuxedStream}, for protocol code on virtual threads. Installs itself
 * as the stream's listener. Holds at most about {@code maxBufferedBytes} plus one window: above
 * that it pauses the stream, so the remote's sending stalls on flow control rather than on memory.
 */
public final class MuxedStreamInputStream extends InputStream implements MuxedStream.Listener {
  private final MuxedStream stream;
  private final long maxBufferedBytes;
  private final long readTimeoutNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
  private long buffered;
  private boolean paused;
  private boolean remoteClosed;
  private boolean closed;
  private MuxerException failure;

  /**
   * @param readTimeout the longest one read waits for data; {@link Duration#ZERO} waits forever
   */
  public MuxedStreamInputStream(MuxedStream stream, long maxBufferedBytes, Duration readTimeout) {
    this.stream = stream;
    this.maxBufferedBytes = maxBufferedBytes;
    this.readTimeoutNanos = readTimeout.toNanos();
    stream.setListener(this);
  }

  public MuxedStreamInputStream(MuxedStream stream) {
    this(stream, 1 << 20, Duration.ZERO);
  }

  @Override
  public void onData(MuxedStream s, ByteBuf data) {
    lock.lock();
    try {
      if (closed) {
        data.release();
        return;
      }
      queue.add(data);
      buffered += data.readableBytes();
      if (buffered > maxBufferedBytes && !paused) {
        paused = true;
        stream.pauseReading();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onRemoteClose(MuxedStream s) {
    lock.lock();
    try {
      remoteClosed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onReset(MuxedStream s, MuxerException cause) {
    lock.lock();
    try {
      failure = cause;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    lock.lock();
    try {
      ByteBuf head = awaitData();
      if (head == null) {
        return -1;
      }
      int n = Math.min(len, head.readableBytes());
      head.readBytes(b, off, n);
      consumed(head, n);
      return n;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int available() {
    lock.lock();
    try {
      return (int) Math.min(Integer.MAX_VALUE, buffered);
    } finally {
      lock.unlock();
    }
  }

  /** Stops reading: buffered and later data is discarded. The stream itself stays open. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      queue.forEach(ByteBuf::release);
      queue.clear();
      buffered = 0;
      resumeIfPaused();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Called with the lock held; returns null at end of stream. */
  private ByteBuf awaitData() throws IOException {
    if (queue.isEmpty() && failure == null && !remoteClosed && stream.executor().inEventLoop()) {
      // Only the event loop can deliver data: waiting here would hang the connection.
      throw new IllegalStateException("blocking read of stream " + stream.id() + " on its event loop");
    }
    long deadline = System.nanoTime() + readTimeoutNanos;
    while (true) {
      if (closed) {
        throw new IOException("input stream closed");
      }
      if (!queue.isEmpty()) {
        return queue.peek();
      }
      if (failure != null) {
        throw new IOException("stream " + stream.id() + " reset", failure);
      }
      if (remoteClosed) {
        return null;
      }
      try {
        if (readTimeoutNanos == 0) {
          changed.await();
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new SocketTimeoutException("no data on stream " + stream.id() + " in time");
          }
          changed.await(left, TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted reading stream " + stream.id());
      }
    }
  }

  private void consumed(ByteBuf head, int n) {
    buffered -= n;
    if (!head.isReadable()) {
      queue.poll().release();
    }
    if (buffered <= maxBufferedBytes / 2) {
      resumeIfPaused();
    }
  }

  private void resumeIfPaused() {
    if (paused) {
      paused = false;
      stream.resumeReading();
    }
  }
}
