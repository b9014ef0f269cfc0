// The traffic generator of a client container (docs/traffic.md):
//   node generator.mjs --profile FILE.json --client NAME --smap NAME --dns IP --out FILE.jsonl [--seed N]
// Exit 0 when the run is over (failed flows are data, not errors), 2 for
// bad flags or profile, 3 when the run itself cannot go on (e.g. cannot
// write its output).
import { GeneratorInputError, parseGeneratorArgs } from './generator-args';
import { runGenerator } from './run-generator';

async function main(): Promise<number> {
  let opts;
  try {
    opts = parseGeneratorArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`generator: ${(e as Error).message}\n`);
    return e instanceof GeneratorInputError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 3;
  }
  try {
    const s = await runGenerator(opts);
    process.stdout.write(`generator: ${s.profile}: ${s.flows} flows, ${s.ok} ok, ${s.failed} failed${s.failed ? ` ${JSON.stringify(s.byReason)}` : ''}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`generator: ${(e as Error).message}\n`);
    return 3;
  }
}

void main().then((code) => process.exit(code));
