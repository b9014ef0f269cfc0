// Parse results: packet bytes come from the network, so a parser never throws
// on them; it says why it refused, with a short machine-usable code.

/** Why a header was refused. `detail` in the failure says more, for humans. */
export type ParseReason =
  | 'truncated' // fewer bytes than the header or its length field needs
  | 'bad-version' // IP version nibble is not the expected one
  | 'bad-ihl' // IPv4 IHL < 5 (RFC 791)
  | 'bad-total-length' // IPv4 total length smaller than its header
  | 'bad-payload-length' // IPv6 jumbogram (payload length 0 with bytes), RFC 8200
  | 'bad-data-offset' // TCP data offset < 5 (RFC 793)
  | 'bad-length' // UDP length field < 8 (RFC 768)
  | 'bad-checksum'
  | 'bad-extension' // IPv6 extension header chain that runs past the packet
  | 'no-ports'; // not TCP/UDP, or a fragment without the transport header

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: ParseReason; readonly detail: string };

export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function fail<T>(reason: ParseReason, detail: string): Parsed<T> {
  return { ok: false, reason, detail };
}

/** Byte-wise equality, for addresses (4 or 16 bytes) and whole packets. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
