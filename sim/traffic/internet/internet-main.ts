// The emulated Internet of the server container (docs/traffic.md):
//   node internet.mjs --config FILE.json
// Prints READY_MARK once every socket listens (the orchestrator waits for
// it); closes cleanly on SIGTERM/SIGINT. Exit 2 for a bad configuration,
// 3 when a port cannot be bound.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { READY_MARK } from '../../aplus/daemon/run-daemon';
import { InternetConfigError, parseInternetConfig, type InternetConfig } from './internet-config';
import { startInternet } from './start-internet';

function configFrom(argv: string[]): InternetConfig {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' } } });
  if (!values.config) throw new InternetConfigError('usage: node internet.mjs --config FILE.json');
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(values.config, 'utf8'));
  } catch (e) {
    throw new InternetConfigError(`${values.config}: cannot read: ${(e as Error).message}`);
  }
  return parseInternetConfig(value, values.config);
}

async function main(): Promise<void> {
  let config: InternetConfig;
  try {
    config = configFrom(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`internet: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const net = await startInternet(config).catch((e: Error) => {
    process.stderr.write(`internet: cannot start: ${e.message}\n`);
    process.exit(3);
  });
  const ports = `dns ${config.dnsPort}, tcp ${config.tcpPorts.join(',') || '-'}, peers ${config.peerPorts.join(',') || '-'}, udp ${config.udpPorts.join(',') || '-'}`;
  process.stdout.write(`internet: listening on ${config.bind}: ${ports}\n${READY_MARK}\n`);
  const stop = (sig: string) => {
    process.stdout.write(`internet: ${sig}, closing\n`);
    void net.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
