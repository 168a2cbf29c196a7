package io.intinode.p2p.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocking writes to a {@link MuxedStream}, for protocol code on virtual threads. Writes are
 * copied into chunks of up to 128 KiB, each sent when full or on {@link #flush()}; the caller
 * blocks only while more than {@code maxPendingBytes} are not yet on the connection (the remote's
 * window is what usually holds them back).
 */
public final class MuxedStreamOutputStream extends OutputStream {
  // Large enough that small writes (e.g. InputStream.transferTo's 16 KiB) leave as few frames.
  private static final int CHUNK_BYTES = 128 * 1024;

  private record Pending(CompletableFuture<Void> done, int bytes) {}

  private final MuxedStream stream;
  private final ByteBufAllocator alloc;
  private final long maxPendingBytes;
  private final Duration writeTimeout;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private ByteBuf chunk;
  private long pendingBytes;
  private boolean closed;

  /**
   * @param writeTimeout the longest one write or close waits for the remote to take data
   */
  public MuxedStreamOutputStream(
      MuxedStream stream, ByteBufAllocator alloc, long maxPendingBytes, Duration writeTimeout) {
    this.stream = stream;
    this.alloc = alloc;
    this.maxPendingBytes = maxPendingBytes;
    this.writeTimeout = writeTimeout;
  }

  public MuxedStreamOutputStream(MuxedStream stream) {
    this(stream, ByteBufAllocator.DEFAULT, 1 << 20, Duration.ofMinutes(1));
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("output stream closed");
    }
    while (len > 0) {
      if (chunk == null) {
        chunk = alloc.buffer(CHUNK_BYTES, CHUNK_BYTES);
      }
      int n = Math.min(len, chunk.writableBytes());
      chunk.writeBytes(b, off, n);
      off += n;
      len -= n;
      if (!chunk.isWritable()) {
        send();
      }
    }
  }

  /**
   * Writes {@code length} bytes of {@code file} from {@code position}, read straight into the buffers that
   * go out (not copied through an array on the way).
   *
   * @throws EOFException when the file ends first
   */
  public synchronized void writeFrom(FileChannel file, long position, int length) throws IOException {
    if (closed) {
      throw new IOException("output stream closed");
    }
    while (length > 0) {
      if (chunk == null) {
        chunk = alloc.buffer(CHUNK_BYTES, CHUNK_BYTES);
      }
      int n = chunk.writeBytes(file, position, Math.min(length, chunk.writableBytes()));
      if (n < 0) {
        throw new EOFException("file ends at " + position + ", " + length + " bytes short");
      }
      position += n;
      length -= n;
      if (!chunk.isWritable()) {
        send();
      }
    }
  }

  /** Sends what is buffered and waits until every byte written so far is on the connection. */
  @Override
  public synchronized void flush() throws IOException {
    if (chunk != null) {
      send();
    }
    while (!pending.isEmpty()) {
      await(pending.poll().done());
    }
    pendingBytes = 0;
  }

  private void send() throws IOException {
    int n = chunk.readableBytes();
    pending.add(new Pending(stream.write(chunk), n));
    chunk = null;
    pendingBytes += n;
    while (pendingBytes > maxPendingBytes) {
      Pending oldest = pending.poll();
      await(oldest.done());
      pendingBytes -= oldest.bytes();
    }
  }

  /** Flushes and half-closes the stream; reading from it may go on. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    flush();
    await(stream.closeWrite());
  }

  private void await(CompletableFuture<Void> f) throws IOException {
    if (!f.isDone() && stream.executor().inEventLoop()) {
      // Only the event loop can complete f: waiting here would hang the connection.
      throw new IllegalStateException("blocking write to stream " + stream.id() + " on its event loop");
    }
    try {
      f.get(writeTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted writing stream " + stream.id());
    } catch (ExecutionException e) {
      throw new IOException("write to stream " + stream.id() + " failed", e.getCause());
    } catch (TimeoutException e) {
      stream.reset();
      throw new IOException("remote took no data on stream " + stream.id() + " for " + writeTimeout);
    }
  }
}
