// The traffic generator of a client container (docs/traffic.md):
//   node generator.mjs --profile FILE.json --client NAME --smap NAME --dns IP --out FILE.jsonl [--seed N]
//                      [--start-at EPOCH_MS|stdin] [--offset S]
// Exit 0 when the run is over (failed flows are data, not errors), 2 for
// bad flags, profile or start line, 3 when the run itself cannot go on (e.g.
// cannot write its output), 4 when stdin closed before its start line came
// (--start-at stdin): the run is gone or gave up, so no traffic.
import { GeneratorInputError, parseGeneratorArgs, type GeneratorArgs } from './generator-args';
import { prepareGenerator, type PreparedGenerator } from './run-generator';
import { startTime } from './start-handshake';

const say = (stream: NodeJS.WriteStream, line: string) => stream.write(`generator: ${line}\n`);

async function main(): Promise<number> {
  let args: GeneratorArgs;
  try {
    args = parseGeneratorArgs(process.argv.slice(2));
  } catch (e) {
    say(process.stderr, (e as Error).message);
    return e instanceof GeneratorInputError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 3;
  }
  let generator: PreparedGenerator;
  try {
    generator = await prepareGenerator(args.options);
  } catch (e) {
    say(process.stderr, (e as Error).message);
    return 3;
  }
  const at = await startTime('generator', args.start);
  if (typeof at !== 'number') {
    await generator.close();
    return at.exit;
  }
  try {
    const s = await generator.play(at + args.offsetS * 1000);
    say(process.stdout, `${s.profile}: ${s.flows} flows, ${s.ok} ok, ${s.failed} failed${s.failed ? ` ${JSON.stringify(s.byReason)}` : ''}`);
    return 0;
  } catch (e) {
    say(process.stderr, (e as Error).message);
    return 3;
  }
}

// The run may have stopped reading stdout (given up on, taken down): the flows are in --out all the same.
process.stdout.on('error', () => {});
void main().then((code) => process.exit(code));
