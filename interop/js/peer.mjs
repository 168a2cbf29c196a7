// A js-libp2p peer for intinode's interop tests. Loopback only: it listens on 127.0.0.1 and
// dials nothing but 127.0.0.1; no bootstrap, mDNS, relay or UPnP.
//
//   node peer.mjs                     listen, print a "ready" line, then run commands from stdin
//   node peer.mjs --dial MULTIADDR [--streams N] [--bytes M]
//                                     listen, dial, ping, identify, echo, print results, exit
//
// Every stdout line is one JSON object. Commands (stdin, one JSON object a line; "id" is echoed):
//   {"id":1,"cmd":"dial","addr":MA}                      -> {"id":1,"ok":true,"peerId":...}
//   {"id":2,"cmd":"identify","peer":PEER_ID}             -> {..., "protocols":[...],"listenAddrs":[...]}
//   {"id":3,"cmd":"ping","addr":MA}                      -> {..., "rttMillis":n}
//   {"id":4,"cmd":"echo","addr":MA,"streams":N,"bytes":M} -> {..., "millis":n,"mibPerSecond":x}
//   {"id":5,"cmd":"abort","addr":MA,"protocol":P,"bytes":M} -> opens P, sends M bytes, resets it
//   {"id":6,"cmd":"exit"}
// Failures answer {"id":..,"ok":false,"error":"..."}. Events: {"event":"ready"|"identify",...}.
import './polyfill.mjs'
import { createHash } from 'node:crypto'
import { createInterface } from 'node:readline'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { multiaddr } from '@multiformats/multiaddr'

export const ECHO = '/intinode/echo/1.0.0'
const CHUNK = 64 * 1024
const IDENTIFY_WAIT_MS = 10_000
const STREAM_LIMIT = 512

const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const loopback = (ma) => ma.toString().startsWith('/ip4/127.0.0.1/')

const node = await createLibp2p({
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  peerDiscovery: [],
  connectionGater: { denyDialMultiaddr: async (ma) => !loopback(ma) },
  services: { identify: identify(), ping: ping() }
})

const identified = new Map()
const identifyWaiters = new Map()
node.addEventListener('peer:identify', (evt) => {
  const r = evt.detail
  const result = {
    peerId: r.peerId.toString(),
    protocols: r.protocols,
    listenAddrs: r.listenAddrs.map(String),
    observedAddr: r.observedAddr?.toString(),
    agentVersion: r.agentVersion
  }
  identified.set(result.peerId, result)
  out({ event: 'identify', ...result })
  for (const resolve of identifyWaiters.get(result.peerId) ?? []) resolve(result)
  identifyWaiters.delete(result.peerId)
})

await node.handle(ECHO, async (stream) => {
  try {
    for await (const chunk of stream) {
      if (!stream.send(chunk)) await stream.onDrain()
    }
    await stream.close()
  } catch (err) {
    stream.abort(err)
  }
}, { maxInboundStreams: STREAM_LIMIT, maxOutboundStreams: STREAM_LIMIT })

function payload (bytes, seed) {
  const data = new Uint8Array(bytes)
  let x = (seed * 2654435761 + 1) >>> 0
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    data[i] = x >>> 24
  }
  return data
}

async function echoOne (target, data) {
  const stream = await node.dialProtocol(target, ECHO, { signal: AbortSignal.timeout(60_000) })
  const sending = (async () => {
    for (let off = 0; off < data.length; off += CHUNK) {
      if (!stream.send(data.subarray(off, off + CHUNK))) await stream.onDrain()
    }
    await stream.close()
  })()
  const hash = createHash('sha256')
  let received = 0
  for await (const chunk of stream) {
    const bytes = chunk.subarray()
    hash.update(bytes)
    received += bytes.length
  }
  await sending
  if (received !== data.length) throw new Error(`echo returned ${received} of ${data.length} bytes`)
  if (hash.digest('hex') !== createHash('sha256').update(data).digest('hex')) {
    throw new Error('echo returned different bytes')
  }
}

function waitForIdentify (peer) {
  if (identified.has(peer)) return Promise.resolve(identified.get(peer))
  return new Promise((resolve, reject) => {
    const list = identifyWaiters.get(peer) ?? []
    list.push(resolve)
    identifyWaiters.set(peer, list)
    setTimeout(() => reject(new Error(`no identify from ${peer} in ${IDENTIFY_WAIT_MS} ms`)), IDENTIFY_WAIT_MS)
  })
}

function target (addr) {
  const ma = multiaddr(addr)
  if (!loopback(ma)) throw new Error(`only 127.0.0.1 may be dialled, not ${addr}`)
  return ma
}

const commands = {
  async dial ({ addr }) {
    const conn = await node.dial(target(addr), { signal: AbortSignal.timeout(10_000) })
    return { peerId: conn.remotePeer.toString(), remoteAddr: conn.remoteAddr.toString() }
  },
  async identify ({ peer }) {
    return await waitForIdentify(peer)
  },
  async ping ({ addr }) {
    return { rttMillis: await node.services.ping.ping(target(addr), { signal: AbortSignal.timeout(10_000) }) }
  },
  async echo ({ addr, streams = 1, bytes = 1024 }) {
    if (streams > STREAM_LIMIT) throw new Error(`at most ${STREAM_LIMIT} streams`)
    const ma = target(addr)
    const data = payload(bytes, streams)
    const start = process.hrtime.bigint()
    await Promise.all(Array.from({ length: streams }, () => echoOne(ma, data)))
    const millis = Number(process.hrtime.bigint() - start) / 1e6
    // Bytes moved both ways, by all streams.
    const mib = (2 * bytes * streams) / (1 << 20)
    return { streams, bytes, millis, mibPerSecond: mib / (millis / 1000) }
  },
  async abort ({ addr, protocol, bytes = 0 }) {
    const stream = await node.dialProtocol(target(addr), protocol, { signal: AbortSignal.timeout(10_000) })
    if (bytes > 0 && !stream.send(payload(bytes, 1))) await stream.onDrain()
    stream.abort(new Error('aborted on command'))
    return { protocol, bytes }
  },
  async exit () {
    setImmediate(async () => {
      await node.stop()
      process.exit(0)
    })
    return {}
  }
}

async function run (request) {
  const { id, cmd } = request
  try {
    if (!Object.hasOwn(commands, cmd)) throw new Error(`unknown command ${cmd}`)
    out({ id, cmd, ok: true, ...(await commands[cmd](request)) })
  } catch (err) {
    out({ id, cmd, ok: false, error: err.message ?? String(err) })
  }
}

out({
  event: 'ready',
  peerId: node.peerId.toString(),
  addrs: node.getMultiaddrs().map(String),
  protocols: node.getProtocols()
})

const args = process.argv.slice(2)
const arg = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : fallback
}
if (arg('--dial') != null) {
  const addr = arg('--dial')
  const dialed = { id: 'dial', cmd: 'dial', addr }
  await run(dialed)
  await run({ id: 'ping', cmd: 'ping', addr })
  const peer = multiaddr(addr).getComponents().find(c => c.name === 'p2p')?.value
  if (peer != null) await run({ id: 'identify', cmd: 'identify', peer })
  await run({ id: 'echo', cmd: 'echo', addr, streams: Number(arg('--streams', '1')), bytes: Number(arg('--bytes', '1048576')) })
  await run({ id: 'exit', cmd: 'exit' })
} else {
  const lines = createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    if (line.trim() === '') return
    let request
    try {
      request = JSON.parse(line)
    } catch {
      out({ ok: false, error: `not JSON: ${line}` })
      return
    }
    run(request)
  })
  // The test that started us is gone: stop too.
  lines.on('close', () => run({ id: 'stdin-closed', cmd: 'exit' }))
}
