// nftables' JSON (man libnftables-json): what `nft -j` reads. Typed as
// far as aplus writes it; expressions are plain JSON, checked by nft itself
// (test/unit/kinds/nft-documents.test.ts has `nft -j -c` check every document).
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

export type NftFamily = 'ip' | 'ip6' | 'inet';

export interface NftTable { readonly family: NftFamily; readonly name: string }
export interface NftChain {
  readonly family: NftFamily;
  readonly table: string;
  readonly name: string;
  readonly type?: 'filter' | 'nat';
  readonly hook?: 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';
  readonly prio?: number;
  readonly policy?: 'accept' | 'drop';
}
export interface NftCounter { readonly family: NftFamily; readonly table: string; readonly name: string }
export interface NftRule { readonly family: NftFamily; readonly table: string; readonly chain: string; readonly expr: readonly Json[] }

export type NftObject =
  | { readonly table: NftTable }
  | { readonly chain: NftChain }
  | { readonly counter: NftCounter }
  | { readonly rule: NftRule };

/** One command of a document; the document is one transaction. */
export type NftCommand = { readonly add: NftObject } | { readonly flush: NftObject };

export interface NftDocument { readonly nftables: readonly NftCommand[] }

/**
 * The argv that loads a document: nft reads JSON from its command line as
 * from a file. Not `-f -`: nft opens /dev/stdin, which fails (ENXIO) when
 * stdin is the socket Node gives a child.
 */
export const nftArgv = (doc: NftDocument, opts: { readonly check?: boolean } = {}): string[] => ['nft', '-j', ...(opts.check ? ['-c'] : []), JSON.stringify(doc)];
