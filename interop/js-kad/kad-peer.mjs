// A js-libp2p kad-dht peer for intinode's DHT interop tests. Loopback only: it listens on
// 127.0.0.1 and dials nothing else; no bootstrap list, mDNS, relay or UPnP.
//
//   node kad-peer.mjs [--protocol /intinode/kad/1.0.0]
//
// Prints {"event":"ready","peerId":...,"addrs":[...]}, then runs commands from stdin, one JSON object a
// line ("id" is echoed in the answer):
//   {"id":1,"cmd":"dial","addr":MA}                         -> {"id":1,"ok":true}
//   {"id":2,"cmd":"tableSize"}                               -> {"id":2,"ok":true,"size":n}
//   {"id":3,"cmd":"provide","cid":CID}                       -> {"id":3,"ok":true}
//   {"id":4,"cmd":"findProviders","cid":CID,"timeoutMs":n}   -> {"id":4,"ok":true,"providers":[{"peerId","addrs"}]}
//   {"id":5,"cmd":"exit"}
// Failures answer {"id":..,"ok":false,"error":"..."}.
import '../js/polyfill.mjs'
import { createInterface } from 'node:readline'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht'
import { multiaddr } from '@multiformats/multiaddr'
import { CID } from 'multiformats/cid'

const args = process.argv.slice(2)
const protocol = args.includes('--protocol') ? args[args.indexOf('--protocol') + 1] : '/intinode/kad/1.0.0'
const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const loopback = (ma) => ma.toString().startsWith('/ip4/127.0.0.1/')

const node = await createLibp2p({
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  peerDiscovery: [],
  connectionGater: { denyDialMultiaddr: async (ma) => !loopback(ma) },
  services: {
    identify: identify(),
    ping: ping(),
    // on loopback: serve (not client mode) and keep 127.0.0.1 addresses, which kad-dht drops by default
    dht: kadDHT({ protocol, clientMode: false, peerInfoMapper: passthroughMapper })
  }
})

const commands = {
  async dial ({ addr }) {
    await node.dial(multiaddr(addr))
    return {}
  },
  async tableSize () {
    return { size: node.services.dht.routingTable.size }
  },
  async provide ({ cid }) {
    await node.contentRouting.provide(CID.parse(cid), { signal: AbortSignal.timeout(20_000) })
    return {}
  },
  async findProviders ({ cid, timeoutMs }) {
    const providers = []
    for await (const p of node.contentRouting.findProviders(CID.parse(cid),
      { signal: AbortSignal.timeout(timeoutMs ?? 10_000) })) {
      providers.push({ peerId: p.id.toString(), addrs: p.multiaddrs.map(String) })
      break
    }
    return { providers }
  },
  async exit () {
    setTimeout(async () => { await node.stop(); process.exit(0) }, 0)
    return {}
  }
}

out({ event: 'ready', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(String) })
for await (const line of createInterface({ input: process.stdin })) {
  let req
  try {
    req = JSON.parse(line)
    const result = await commands[req.cmd](req)
    out({ id: req.id, ok: true, ...result })
  } catch (err) {
    out({ id: req?.id, ok: false, error: String(err?.message ?? err) })
  }
}
await node.stop()
