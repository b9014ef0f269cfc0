// Docker's isolation of internal networks drops bridged frames whose source
// or destination is outside the subnet (br_netfilter sends bridged frames
// through iptables): a DHCP DISCOVER from 0.0.0.0 never reaches the SMAP.
// Frames that stay on one bridge are the network's own business, so each run
// accepts exactly those, in DOCKER-USER (the chain Docker keeps for its
// users), tagged with the run's label so that down, or down --all after a
// crash, removes them. Nothing crosses from one bridge to another.
import { $ } from 'zx';
import { EnvironmentError } from '../model/errors';
import { LABEL_RUN } from './labels';

const CHAIN = 'DOCKER-USER';

export const bridgeName = (networkId: string) => `br-${networkId.slice(0, 12)}`;

async function iptables(args: string[]): Promise<string> {
  try {
    return (await $({ quiet: true })`iptables -w ${args}`).stdout;
  } catch (e) {
    throw new EnvironmentError(`iptables ${args.join(' ')} failed: ${(e as Error).message.split('\n')[0]}`, {
      hint: 'aplus needs root (and iptables) to let DHCP and on-link traffic through Docker internal networks',
      cause: e,
    });
  }
}

export async function acceptWithinBridges(runId: string, networkIds: readonly string[]): Promise<void> {
  for (const id of networkIds) {
    const br = bridgeName(id);
    await iptables(['-I', CHAIN, '-i', br, '-o', br, '-m', 'comment', '--comment', `${LABEL_RUN}=${runId}`, '-j', 'ACCEPT']);
  }
}

/** Removes the rules of one run, or of every run. */
export async function removeRunRules(runId?: string): Promise<number> {
  let listing: string;
  try {
    listing = (await $({ quiet: true })`iptables -w -S ${CHAIN}`).stdout;
  } catch {
    return 0; // no iptables or no chain: nothing of ours can be there
  }
  const mine = listing
    .split('\n')
    .filter((l) => l.startsWith(`-A ${CHAIN} `) && (runId ? l.includes(`"${LABEL_RUN}=${runId}"`) || l.includes(` ${LABEL_RUN}=${runId} `) : l.includes(`${LABEL_RUN}=`)));
  for (const rule of mine) {
    // -S prints the rule as it was added: the same words with -D delete it.
    const words = rule.replace(/^-A /, '').match(/"[^"]*"|\S+/g)!.map((w) => w.replace(/^"|"$/g, ''));
    await $({ quiet: true, nothrow: true })`iptables -w -D ${words}`;
  }
  return mine.length;
}
