// The socket errors a flow can end with, as the failure reasons of the
// flow records. On a client behind a NAT, running out of NAT ports shows
// as timeouts (the SMAP drops what it cannot map); `ports-exhausted` here
// is the local kernel refusing a port, as the paper's clients saw when the
// SMAP itself opened connections (its ports come from its range).
import type { FailureReason } from './flow-record';

const BY_CODE: Readonly<Record<string, FailureReason>> = {
  EADDRNOTAVAIL: 'ports-exhausted', // connect(): no ephemeral port for this destination
  EAGAIN: 'ports-exhausted', // the same on some kernels and for UDP autobind
  EADDRINUSE: 'ports-exhausted', // bind(0): the whole local range is taken
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ETIMEDOUT: 'timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EMFILE: 'fd-exhausted',
  ENFILE: 'fd-exhausted',
};

export function reasonOf(err: unknown): { reason: FailureReason; error: string } {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return { reason: BY_CODE[code] ?? 'error', error: code };
  return { reason: 'error', error: err instanceof Error ? err.message : String(err) };
}
