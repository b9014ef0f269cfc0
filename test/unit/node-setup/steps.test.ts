// The steps' pure parts: one-line descriptions, the listening check (grep -E
// on a sample of /proc/net/tcp6, as the node's bash runs it).
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { listenPattern } from '../../../sim/node-setup/render-shell';
import { describeStep, type Step } from '../../../sim/node-setup/steps';

const steps: Step[] = [
  { waitInterfaces: ['wan', 'lan'], seconds: 60 },
  { run: ['ip', '-batch', '-'], input: 'addr add 198.18.0.1/32 dev inet\n' },
  { nft: { nftables: [{ add: { table: { family: 'ip6', name: 'aplus_tun' } } }] } },
  { write: '/etc/aplus/prr.conf', text: 'PRR_ADDR_V4=192.0.2.1\n' },
  { daemon: 'prr', argv: ['node', '/opt/aplus/prr.mjs'], log: '/var/log/aplus/prr.log', ready: 'aplus: daemon ready', seconds: 20, supervise: true },
  { waitListening: 5201, seconds: 10, log: '/var/log/aplus/iperf3.log' },
];

test('each step says what it is in one line', (t) => {
  t.deepEqual(steps.map(describeStep), [
    'wait for interfaces wan lan',
    'ip -batch -',
    'nft -j (table aplus_tun)',
    'write /etc/aplus/prr.conf',
    'daemon prr: node /opt/aplus/prr.mjs',
    'wait for a listener on TCP port 5201',
  ]);
});

// As /proc/net/tcp6 prints them: iperf3 on [::]:5201 listening, a connection to 5201 established.
const tcp6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:1451 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
   1: 0000000000000000FFFF00000100007F:D2F0 0000000000000000FFFF00000100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0 20 4 30 10 -1`;

const listens = (text: string, port: number) => {
  try {
    execFileSync('grep', ['-qE', listenPattern(port)], { input: text });
    return true;
  } catch {
    return false;
  }
};

test('a port listens when a socket in state 0A has it as its local port', (t) => {
  t.true(listens(tcp6, 5201));
  t.false(listens(tcp6, 8080), 'only as a remote port, of an established socket');
  t.false(listens('', 5201));
});
