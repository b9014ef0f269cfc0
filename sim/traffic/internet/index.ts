// The emulated Internet (docs/traffic.md): DNS, TCP servers of the
// generator's protocol, a peers listener and a UDP echo, in one process.
// internet-main.ts is its entry point in the server container.
export { startInternet, type RunningInternet } from './start-internet';
export { parseInternetConfig, addressFor, namePattern, InternetConfigError, type InternetConfig } from './internet-config';
export { openJsonLog, type JsonLog } from './json-log';
