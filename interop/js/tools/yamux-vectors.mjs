// Prints yamux frame headers encoded by js-libp2p's yamux, as test vectors for the Java codec:
// one line per frame, "name hex-header", payload (for data frames) described by the name.
// Not an exported subpath, so imported by file.
import { encodeHeader } from '../node_modules/@chainsafe/libp2p-yamux/dist/src/encode.js'

const frames = [
  ['data-syn-stream1-len5', { type: 0, flag: 1, streamID: 1, length: 5 }],
  ['data-stream2-len0-fin', { type: 0, flag: 4, streamID: 2, length: 0 }],
  ['window-update-syn-stream1-delta-16515072', { type: 1, flag: 1, streamID: 1, length: 16515072 }],
  ['window-update-ack-stream2-delta0', { type: 1, flag: 2, streamID: 2, length: 0 }],
  ['window-update-rst-stream-max', { type: 1, flag: 8, streamID: 0xffffffff, length: 0 }],
  ['window-update-stream3-delta-max', { type: 1, flag: 0, streamID: 3, length: 0xffffffff }],
  ['ping-syn-opaque-7', { type: 2, flag: 1, streamID: 0, length: 7 }],
  ['ping-ack-opaque-max', { type: 2, flag: 2, streamID: 0, length: 0xffffffff }],
  ['go-away-normal', { type: 3, flag: 0, streamID: 0, length: 0 }],
  ['go-away-protocol-error', { type: 3, flag: 0, streamID: 0, length: 1 }]
]
for (const [name, header] of frames) {
  console.log(name, Buffer.from(encodeHeader(header)).toString('hex'))
}
