// Which queueing disciplines this kernel offers, read from its own build
// configuration (/proc/config.gz), never assumed: kernels differ between
// machines. Without the file the answer is unknown, and tc itself will say
// when it runs (the error names the qdisc).
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const OPTION: Readonly<Record<string, string>> = { sch_netem: 'CONFIG_NET_SCH_NETEM', sch_tbf: 'CONFIG_NET_SCH_TBF', sch_htb: 'CONFIG_NET_SCH_HTB' };

/** Of the modules asked for, those the configuration says the kernel was built without (pure). */
export function missingFromConfig(config: string, modules: readonly string[]): string[] {
  return modules.filter((m) => {
    const option = OPTION[m];
    return option !== undefined && !new RegExp(`^${option}=[ym]$`, 'm').test(config);
  });
}

/** The modules this kernel lacks, or undefined when it does not publish its configuration. */
export function missingQdiscs(modules: readonly string[], file = '/proc/config.gz'): string[] | undefined {
  if (modules.length === 0) return [];
  if (!existsSync(file)) return undefined;
  return missingFromConfig(gunzipSync(readFileSync(file)).toString('utf8'), modules);
}
