// The four classes the paper counts ports in (section II-A, Tables I and
// II): DNS, HTTP, HTTPS and everything else ("Other v4"). A port's class is
// the service it talks to, i.e. the destination port of the connection.

export const PORT_CLASSES = ['dns', 'http', 'https', 'other'] as const;
export type PortClass = (typeof PORT_CLASSES)[number];

/** Ports in use per class, and all of them together. */
export interface ClassCounts {
  readonly dns: number;
  readonly http: number;
  readonly https: number;
  readonly other: number;
  readonly total: number;
}

export const ZERO_COUNTS: ClassCounts = { dns: 0, http: 0, https: 0, other: 0, total: 0 };

/** The class of a connection to destination port `port` (53, 80, 443 or other). */
export function classOfPort(port: number | undefined): PortClass {
  switch (port) {
    case 53:
      return 'dns';
    case 80:
      return 'http';
    case 443:
      return 'https';
    default:
      return 'other';
  }
}
