package io.intinode.p2p.yamux;

import io.intinode.p2p.core.StreamMuxer;
import io.intinode.p2p.core.StreamMuxerConformance;

class YamuxMuxerTest extends StreamMuxerConformance {
  @Override
  protected StreamMuxer muxer() {
    return new YamuxMuxer();
  }
}
