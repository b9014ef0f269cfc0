// Reads every server's log at the end of a run and joins it with the
// generators' delivered TCP flows (sim/measure/server-cross-check.ts).
import type { FlowRecord } from '../assert/measured-data';
import { crossCheckServer, parseServerLog, type ServerCrossCheck, type SmapSpace } from '../measure/server-cross-check';
import type { Plan } from '../plan/plan-types';
import { SERVER_FILES } from '../kinds/index';
import type { RunningTopology } from '../runtime/index';
import { flowTag } from '../traffic/generator/wire-protocol';
import { eachNode } from './each-node';

/** A server logs a connection when it closes, just after the client's FIN: one more read after this long. */
const LATE_CLOSE_MS = 1500;

export async function checkAgainstServerLogs(run: RunningTopology, plan: Plan, flows: readonly FlowRecord[]): Promise<ServerCrossCheck | undefined> {
  const tagged = flows.flatMap((f) =>
    f.ok && (f.kind === 'tcp' || f.kind === 'peers') && f.phase !== undefined && f.activity !== undefined && f.item !== undefined
      ? [{ tag: flowTag({ client: f.client, phase: f.phase, activity: f.activity, item: f.item }), smap: f.smap }]
      : []);
  if (tagged.length === 0) return undefined;
  const spaces: Record<string, SmapSpace> = {};
  for (const n of plan.nodes) if (n.smapRole) spaces[n.name] = { ...n.smapRole.ports, shared: n.smapRole.shared };
  const servers = plan.nodes.filter((n) => n.role === 'server').map((n) => n.name);
  const read = async () => {
    const texts = await eachNode(servers, (s) => run.readFile(s, SERVER_FILES.internetLog).then((b) => b.toString(), () => ''));
    return crossCheckServer(tagged, texts.flatMap(parseServerLog), spaces);
  };
  const first = await read();
  if (first.missingCount === 0) return first;
  await new Promise((r) => setTimeout(r, LATE_CLOSE_MS));
  return read();
}
