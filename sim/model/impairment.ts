// Link impairments a topology or a scenario event may put on a network
// (containerlab's most asked-for missing feature): a rate, a one-way delay,
// a loss rate. Written as people write them for tc ("10mbit", "20ms", "1%"),
// kept as numbers. Applied by the runtime on every port of the network's
// bridge, towards each node, so a packet crossing the link is impaired once.
import { z } from 'zod';

export interface Impairment {
  /** Kilobits per second, per direction of each port. */
  readonly rateKbit?: number;
  readonly delayMs?: number;
  /** Percent of packets lost, 0-100. */
  readonly lossPercent?: number;
}

const RATE_UNITS: Readonly<Record<string, number>> = { kbit: 1, mbit: 1000, gbit: 1_000_000 };

const rate = z.string().transform((s, ctx) => {
  const m = /^(\d+(?:\.\d+)?)\s*(kbit|mbit|gbit)$/i.exec(s.trim());
  const kbit = m ? Number(m[1]) * RATE_UNITS[m[2]!.toLowerCase()]! : NaN;
  if (!(kbit >= 8 && kbit <= 100_000_000)) {
    ctx.addIssue({ code: 'custom', message: `expected a rate from 8kbit to 100gbit written like 10mbit, got "${s}"` });
    return z.NEVER;
  }
  return Math.round(kbit);
});

const delay = z.string().transform((s, ctx) => {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s)$/.exec(s.trim());
  const ms = m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : NaN;
  if (!(ms >= 0 && ms <= 60_000)) {
    ctx.addIssue({ code: 'custom', message: `expected a delay up to 60s written like 20ms, got "${s}"` });
    return z.NEVER;
  }
  return ms;
});

const loss = z.string().transform((s, ctx) => {
  const m = /^(\d+(?:\.\d+)?)\s*%$/.exec(s.trim());
  const pct = m ? Number(m[1]) : NaN;
  if (!(pct >= 0 && pct <= 100)) {
    ctx.addIssue({ code: 'custom', message: `expected a loss from 0% to 100% written like 1%, got "${s}"` });
    return z.NEVER;
  }
  return pct;
});

export const impairmentSchema = z
  .strictObject({ rate: rate.optional(), delay: delay.optional(), loss: loss.optional() })
  .transform((v): Impairment => ({
    ...(v.rate === undefined ? {} : { rateKbit: v.rate }),
    ...(v.delay === undefined ? {} : { delayMs: v.delay }),
    ...(v.loss === undefined ? {} : { lossPercent: v.loss }),
  }));

export const isImpaired = (i: Impairment | undefined): i is Impairment =>
  i !== undefined && (i.rateKbit !== undefined || i.delayMs !== undefined || i.lossPercent !== undefined);

/** "rate 10000kbit, delay 20ms, loss 1%", or "none". */
export function describeImpairment(i: Impairment | undefined): string {
  if (!isImpaired(i)) return 'none';
  return [
    ...(i.rateKbit === undefined ? [] : [`rate ${i.rateKbit}kbit`]),
    ...(i.delayMs === undefined ? [] : [`delay ${i.delayMs}ms`]),
    ...(i.lossPercent === undefined ? [] : [`loss ${i.lossPercent}%`]),
  ].join(', ');
}
