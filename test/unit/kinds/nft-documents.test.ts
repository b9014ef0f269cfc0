// Every nftables document a kind loads, for every shipped topology, is
// checked by the real nft (`nft -j -c`: parsed and evaluated, nothing
// committed). Where nft is missing or cannot talk to the kernel, skipped
// saying so; scripts/test-in-image.sh runs it in the base image, whose nft
// is the one the nodes use.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import test from 'ava';
import { loadPlan } from '../../../sim/plan/index';
import { nodeSteps, ptbDocument } from '../../../sim/kinds/index';
import { invalidTable, mssClampTable } from '../../../sim/kinds/smap';
import { prrFragmentTable } from '../../../sim/kinds/prr';
import { nftArgv, type NftDocument } from '../../../sim/node-setup/nft-document';

const NFT = ['/usr/sbin/nft', '/sbin/nft'].find((p) => existsSync(p));
const check = (doc: NftDocument) => spawnSync(NFT!, nftArgv(doc, { check: true }).slice(1), { encoding: 'utf8' });
const usable = NFT !== undefined && check({ nftables: [{ add: { table: { family: 'ip', name: 'aplus_probe' } } }] }).status === 0;

/** A node's documents as one transaction: its router's switch flushes a chain its first document makes. */
const nodeDocument = (steps: ReturnType<typeof nodeSteps>): NftDocument => ({ nftables: steps.flatMap((s) => ('nft' in s ? s.nft.nftables : [])) });

if (!usable) {
  test.skip(`nftables JSON checked by nft: skipped, ${NFT ? 'nft cannot reach the kernel (not root?)' : 'no nft here'}`, () => {});
} else {
  test(`nft ${execFileSync(NFT!, ['--version'], { encoding: 'utf8' }).trim()} accepts every node's documents in every topology`, (t) => {
    for (const file of readdirSync('topologies').filter((f) => f.endsWith('.yaml'))) {
      const { plan } = loadPlan(`topologies/${file}`);
      for (const node of plan.nodes) {
        const doc = nodeDocument(nodeSteps(node, plan));
        if (doc.nftables.length === 0) continue;
        const r = check(doc);
        t.is(r.status, 0, `${file} ${node.name}: ${r.stderr}`);
      }
    }
  });

  test('and the variants no shipped topology uses: MSS to the route MTU, fragments reassembled, invalid packets dropped, the black hole switched back', (t) => {
    for (const doc of [mssClampTable('pmtu'), prrFragmentTable('2001:db8::1', 'reassemble'), prrFragmentTable('2001:db8::1', 'drop'), invalidTable()]) {
      const r = check(doc);
      t.is(r.status, 0, r.stderr);
    }
    const router = nodeDocument(nodeSteps(loadPlan('topologies/mtu-rooms.yaml').plan.nodes.find((n) => n.role === 'router')!, loadPlan('topologies/mtu-rooms.yaml').plan));
    const r = check({ nftables: [...router.nftables, ...ptbDocument('drop').nftables, ...ptbDocument('send').nftables] });
    t.is(r.status, 0, r.stderr);
  });

  test('a mistake is refused, so that a pass means something', (t) => {
    t.not(check({ nftables: [{ add: { rule: { family: 'ip', table: 'aplus_none', chain: 'x', expr: [{ match: { op: '==', left: { meta: { key: 'no-such-key' } }, right: 1 } }] } } }] }).status, 0);
  });
}
