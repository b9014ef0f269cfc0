// The Internet checksum (RFC 1071) and the pseudo-headers that TCP (RFC 793),
// UDP (RFC 768) and ICMPv6 (RFC 4443 2.3) add to it, for IPv4 and IPv6
// (RFC 8200 8.1).

/** Adds the first `n` bytes (all by default) as big-endian 16-bit words to `sum` (no folding yet). */
export function sumWords(bytes: Uint8Array, sum = 0, n = bytes.length): number {
  let i = 0;
  for (; i + 1 < n; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  // An odd trailing byte is padded with a zero byte on the right.
  if (i < n) sum += bytes[i]! << 8;
  // Fold early so a long packet cannot overflow 2^53.
  return sum > 0xffffffff ? fold(sum) : sum;
}

function fold(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return s;
}

/** Folds and complements a running sum into the 16-bit checksum field. */
export function finish(sum: number): number {
  return ~fold(sum) & 0xffff;
}

/** The checksum of `bytes` alone (IPv4 header, ICMPv4 message). */
export function internetChecksum(bytes: Uint8Array): number {
  return finish(sumWords(bytes));
}

/** Addresses of the pseudo-header: both 4 bytes (IPv4) or both 16 (IPv6). */
export interface PseudoHeader {
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
}

/**
 * Sum of the pseudo-header for an upper-layer message of `length` bytes.
 * IPv4 (RFC 793 3.1, RFC 768): src, dst, zero, protocol, 16-bit length.
 * IPv6 (RFC 8200 8.1): src, dst, 32-bit length, three zeros, next header.
 * Both reduce to the same word sum, as the zero bytes add nothing.
 */
export function pseudoHeaderSum(ph: PseudoHeader, protocol: number, length: number): number {
  let sum = sumWords(ph.src);
  sum = sumWords(ph.dst, sum);
  return sum + protocol + (length >>> 16) + (length & 0xffff);
}

/** Checksum of an upper-layer message (checksum field zeroed or included). */
export function upperLayerChecksum(ph: PseudoHeader, protocol: number, message: Uint8Array): number {
  return finish(sumWords(message, pseudoHeaderSum(ph, protocol, message.length)));
}

/** Is a pseudo-header's address pair usable (4+4 or 16+16 bytes)? */
export function pseudoHeaderFamily(ph: PseudoHeader): 4 | 6 | undefined {
  if (ph.src.length === 4 && ph.dst.length === 4) return 4;
  if (ph.src.length === 16 && ph.dst.length === 16) return 6;
  return undefined;
}
