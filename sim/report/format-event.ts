// One formatter per event kind: colour on a terminal, plain lines in CI and
// pipes, one JSON object a line with --json.
import { Chalk } from 'chalk';
import type { AplusEvent, EventSink } from './events';
import { plural } from './plural';

export type OutputMode = 'tty' | 'plain' | 'json';

interface Writable {
  write(s: string): unknown;
  isTTY?: boolean;
}

export function outputMode(stream: Writable, json: boolean, env: NodeJS.ProcessEnv = process.env): OutputMode {
  if (json) return 'json';
  return stream.isTTY && !env.CI ? 'tty' : 'plain';
}

export function formatEvent(e: AplusEvent, color: boolean): string | undefined {
  const c = new Chalk({ level: color ? 1 : 0 });
  switch (e.kind) {
    case 'image-build':
      return `${c.cyan('image')} ${e.image}: ${e.step}`;
    case 'image-built':
      return `${c.green('image')} ${e.image} built in ${e.seconds.toFixed(1)} s`;
    case 'image-cached':
      return `${c.dim('image')} ${e.image} is up to date`;
    case 'images-removed':
      return `${c.dim('image')} removed ${plural(e.count, 'image')} built from earlier inputs`;
    case 'network-created':
      return `${c.dim('network')} ${e.network} ${e.subnet}`;
    case 'node-started':
      return `${c.dim('node')} ${e.node} (${e.role}) [${e.done}/${e.total}]`;
    case 'up-done':
      return `${c.green('up')} ${e.run}: ${plural(e.nodes, 'node')}, ${plural(e.networks, 'network')} in ${e.seconds.toFixed(1)} s`;
    case 'aborting':
      return `${c.yellow('aborting')} ${e.run}: ${e.reason}; removing what was made`;
    case 'down-done':
      return `${c.green('down')} ${e.run}: removed ${plural(e.containers, 'container')}, ${plural(e.networks, 'network')} in ${e.seconds.toFixed(1)} s`;
    case 'traffic-started':
      return `${c.cyan('traffic')} ${e.run}: ${plural(e.generators, 'generator')} for ${e.seconds.toFixed(1)} s` +
        (e.probes ? `, ${plural(e.probes, 'probe')}` : '') + (e.events ? `, ${plural(e.events, 'event')}` : '') +
        (e.readyS === undefined ? '' : `, ready in ${e.readyS.toFixed(1)} s`);
    case 'traffic-progress':
      return `${c.cyan('traffic')} ${e.run}: ${e.done}/${e.total} generators done, ${Math.round(e.elapsed)} s of ${Math.round(e.planned)} s`;
    case 'probe-started':
      return `${c.cyan('probe')} ${e.run}: ${e.probe} (${e.probeKind}) on ${e.client}`;
    case 'scenario-event':
      return `${e.ok ? c.cyan('event') : c.yellow('event failed')} ${e.run} at ${e.at} s: ${e.what}`;
    case 'warning':
      return `${c.yellow('warning')} ${e.message}`;
    case 'interrupted':
      // Once traffic could have begun, say why no verdict follows.
      return `${c.yellow('interrupted')} by ${e.signal} during ${e.phase}` +
        (e.run ? ` of ${e.run}: everything it made was removed` : ': nothing had been made') + (e.phase === 'up' ? '' : '; the assertions were not evaluated');
  }
}

/** A sink writing to stream in the given mode; tty mode also shows per-node lines only every tenth node. */
export function streamSink(stream: Writable, mode: OutputMode): EventSink {
  return (e) => {
    if (mode === 'json') {
      stream.write(JSON.stringify(e) + '\n');
      return;
    }
    if (e.kind === 'node-started' && e.total > 20 && e.done % 10 !== 0 && e.done !== e.total) return;
    // Progress is a live line on a terminal, and nothing in CI logs.
    if (e.kind === 'traffic-progress') {
      if (mode === 'tty') stream.write(`\r\x1b[K${formatEvent(e, true)}${e.done === e.total ? '\n' : ''}`);
      return;
    }
    const line = formatEvent(e, mode === 'tty');
    if (line) stream.write(line + '\n');
  };
}
