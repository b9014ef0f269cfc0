// A run that asks for an impairment this kernel cannot make is refused
// before anything is made, with exit 3 and the module it lacks.
import { EnvironmentError } from '../model/errors';
import { describeImpairment, type Impairment } from '../model/impairment';
import { missingQdiscs } from './kernel-qdiscs';
import { qdiscModules } from './link-qdiscs';

export function requireQdiscs(wanted: ReadonlyArray<{ readonly network: string; readonly impair: Impairment }>): void {
  const modules = [...new Set(wanted.flatMap((w) => qdiscModules(w.impair)))];
  const missing = missingQdiscs(modules);
  if (!missing || missing.length === 0) return; // unknown: tc says what it lacks when it runs
  const who = wanted.filter((w) => qdiscModules(w.impair).some((m) => missing.includes(m)));
  throw new EnvironmentError(
    `this kernel has no ${missing.join(', ')}: ${who.map((w) => `${w.network} (${describeImpairment(w.impair)})`).join('; ')} cannot be made`,
    { hint: `load it (modprobe ${missing[0]}) or run on a kernel built with it; a rate alone needs only sch_tbf` },
  );
}
