// Builders of the nftables JSON the kinds load (man libnftables-json): each
// mirrors what `nft -j list ruleset` prints for the rule's text form.
import type { Json, NftChain, NftCommand, NftDocument, NftFamily } from '../node-setup/nft-document';

export const nftDocument = (...commands: NftCommand[]): NftDocument => ({ nftables: commands });
export const addTable = (family: NftFamily, name: string): NftCommand => ({ add: { table: { family, name } } });
export const addChain = (chain: NftChain): NftCommand => ({ add: { chain } });
export const addCounter = (family: NftFamily, table: string, name: string): NftCommand => ({ add: { counter: { family, table, name } } });
export const addRule = (family: NftFamily, table: string, chain: string, expr: readonly Json[]): NftCommand => ({ add: { rule: { family, table, chain, expr } } });
export const flushChain = (family: NftFamily, table: string, name: string): NftCommand => ({ flush: { chain: { family, table, name } } });

/** Chain priorities by name (nft's srcnat and mangle). */
export const PRIORITY = { filter: 0, srcnat: 100, mangle: -150 } as const;

export const match = (left: Json, right: Json, op: '==' | '>' | 'in' = '=='): Json => ({ match: { op, left, right } });
export const meta = (key: 'oifname' | 'iifname' | 'l4proto'): Json => ({ meta: { key } });
export const payload = (protocol: string, field: string): Json => ({ payload: { protocol, field } });
export const prefix = (cidr: string): Json => {
  const [addr, len] = cidr.split('/');
  return { prefix: { addr: addr!, len: Number(len) } };
};
/** A named counter of the table. */
export const countTo = (name: string): Json => ({ counter: name });
export const DROP: Json = { drop: null };

/** `tcp flags syn`: a SYN, whatever else is set. */
export const TCP_SYN = match(payload('tcp', 'flags'), 'syn', 'in');
export const TCP_MSS: Json = { 'tcp option': { name: 'maxseg', field: 'size' } };
