import { writeHtmlReport } from '../report/html/index';
import type { ScenarioResult } from '../scenario/run-scenario';
import type { HostPrefix } from '../plan/host-overlap';
import { outputMode, streamSink } from '../report/format-event';
import { kindsRuntime } from '../kinds/index';
import { hostPrefixes } from '../runtime/index';
import { runScenario } from '../scenario/run-scenario';
import {
  DEFAULT_SUITE_PATH, findScenarioFiles, htmlPagePath, loadEntries, renderList, renderSummary, runEventSink, runSuite, selectByTags, suiteExitCode, suiteSink,
  writeHtmlIndex, writeJunit, writeSuiteJson, type ScenarioRunner,
} from '../suite/index';
import { countOption, helpText, parse, usageError, type CommandSpec } from './args';
import { htmlFileProblem, reportFileProblem } from './html-option';
import type { Context } from './context';
import type { EventSink } from '../report/events';

const spec = {
  usage: 'test [PATH...] [--tag T]... [--list] [--parallel N] [--bail] [--junit FILE] [--json FILE] [--html FILE] [--evidence DIR]',
  summary:
    'Runs every scenario file under the paths (files or folders, searched recursively; default scenarios/) as a regression suite, ' +
    'goes on after a failure (a bad file is its scenario\'s error; the others still run) and prints a summary; Ctrl-C takes the running scenarios down. Exit 0 when every scenario passed, 1 when one failed or could not be loaded or run, 3 without Docker or the images, 130 on Ctrl-C.',
  options: {
    tag: { type: 'string', multiple: true }, list: { type: 'boolean' }, parallel: { type: 'string' }, bail: { type: 'boolean' },
    'keep-going': { type: 'boolean' }, junit: { type: 'string' }, json: { type: 'string' }, html: { type: 'string' }, evidence: { type: 'string' },
  },
  details: [
    '  --tag T        only scenarios tagged T (repeat for any of several tags)',
    '  --list         print what would run; run nothing',
    '  --parallel N   up to N scenarios at once (default 1), never two heavy ones; each run has its own networks, so any two may share subnets',
    '  --bail         stop at the first failure (running scenarios finish, the rest are skipped)',
    '  --keep-going   go on after a failure (the default)',
    '  --junit FILE   write JUnit XML: a testsuite per scenario, a testcase per assertion',
    '  --json FILE    write every result in full, with the errors and skipped scenarios',
    '  --html FILE    write an HTML index of the suite to FILE (out/suite.html) and each run\'s report beside it (out/suite/SCENARIO-RUN.html)',
    '  --evidence DIR where failed runs keep their evidence (default aplus-evidence/)',
  ],
} as const satisfies CommandSpec;

export interface TestDeps {
  /** Runs one scenario: runScenario, or a fake in tests. */
  readonly runner: ScenarioRunner;
  /** Fails with an EnvironmentError (exit 3) before anything runs when the machine cannot run scenarios. */
  /** Checks Docker and the images, and removes the runs of processes that are gone. */
  readonly preflight: (emit: EventSink) => Promise<void>;
  readonly hostPrefixes: () => HostPrefix[];
}

export function makeTestCommand(deps: TestDeps) {
  return async function testCommand(argv: string[], ctx: Context): Promise<number> {
    const { values, positionals } = parse(spec, argv);
    if (values.help) return ctx.out.write(helpText(spec)), 0;
    if (values.bail && values['keep-going']) throw usageError(spec, '--bail and --keep-going contradict each other');
    const parallel = countOption(spec, 'parallel', values.parallel, 1);
    // Check where reports go before a long suite, not after it.
    for (const [flag, file] of [['--junit', values.junit], ['--json', values.json]] as const) {
      const problem = file === undefined ? undefined : reportFileProblem(flag, file);
      if (problem) throw usageError(spec, problem);
    }
    const htmlProblem = values.html === undefined ? undefined : htmlFileProblem(values.html);
    if (htmlProblem) throw usageError(spec, htmlProblem);

    const paths = positionals.length > 0 ? positionals : [DEFAULT_SUITE_PATH];
    const tags = values.tag ?? [];
    const entries = selectByTags(loadEntries(findScenarioFiles(paths), { host: deps.hostPrefixes() }), tags);
    if (entries.length === 0) {
      throw usageError(spec, `no scenario file under ${paths.join(', ')}${tags.length ? ` tagged ${tags.join(' or ')}` : ''}`);
    }
    if (values.list) {
      ctx.out.write(renderList(entries));
      return entries.some((e) => e.kind === 'bad') ? 2 : 0;
    }

    if (entries.some((e) => e.kind === 'scenario')) await deps.preflight(ctx.emit);
    // Progress to stderr, never as JSON here: --json names a file.
    const mode = outputMode(ctx.err, false);
    const report = await runSuite(entries, {
      runner: deps.runner,
      parallel,
      bail: values.bail === true,
      signal: ctx.signal,
      emit: suiteSink(ctx.err, mode),
      runEvents: runEventSink(streamSink(ctx.err, mode), mode),
      ...(values.evidence ? { evidenceDir: values.evidence } : {}),
      ...(values.html ? { onResult: (r: ScenarioResult) => writeHtmlReport(r, htmlPagePath(values.html!, r)) } : {}),
    });
    if (values.junit) writeJunit(values.junit, report);
    if (values.json) writeSuiteJson(values.json, report);
    if (values.html) writeHtmlIndex(values.html, report);
    ctx.out.write(renderSummary(report));
    return suiteExitCode(report);
  };
}


export const testCommand = makeTestCommand({
  runner: runScenario,
  preflight: async (emit) => {
    const runtime = await kindsRuntime();
    await runtime.requireImages();
    await runtime.reapOrphans(emit);
  },
  hostPrefixes,
});
