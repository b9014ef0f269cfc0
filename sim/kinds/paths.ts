// Every path aplus uses inside a node, defined once: the node kinds write
// them, the daemons default to them, scenarios and tests read them. Pure
// constants, so that the programs bundled into images can import them too.

/** State a node's programs keep while it runs: pids, leases, counters, samples. */
export const RUN_DIR = '/run/aplus';
/** Logs and records, what a scenario's evidence keeps of each node. */
export const LOG_DIR = '/var/log/aplus';
/** Configuration files the kinds write before starting their daemons. */
export const ETC_DIR = '/etc/aplus';
/** The programs and addons bundled into each image (sim/kinds/image-context.ts). */
export const OPT_DIR = '/opt/aplus';

export const programPath = (file: string) => `${OPT_DIR}/${file}`;
export const runPath = (file: string) => `${RUN_DIR}/${file}`;
export const logPath = (file: string) => `${LOG_DIR}/${file}`;

export const PROGRAMS = {
  prr: programPath('prr.mjs'),
  smap: programPath('smap.mjs'),
  inject: programPath('inject.mjs'),
  ports: programPath('ports.mjs'),
  httpEcho: programPath('http-echo.mjs'),
  internet: programPath('internet.mjs'),
  generator: programPath('generator.mjs'),
  probe: programPath('probe.mjs'),
} as const;
export const ADDONS = { tunio: programPath('tunio.node'), probeio: programPath('probeio.node') } as const;

/** Where a daemon (PRR, SMAP) keeps its counters; everything that reads them reads this path. */
export const COUNTERS_FILE = runPath('counters.json');

export const PRR_FILES = { config: `${ETC_DIR}/prr.conf`, log: logPath('prr.log') } as const;
export const SMAP_FILES = {
  log: logPath('smap.log'),
  dnsmasqLeases: runPath('dnsmasq.leases'),
  dnsmasqLog: logPath('dnsmasq.log'),
} as const;
export const CLIENT_FILES = {
  dhclientPid: runPath('dhclient.pid'),
  dhclientLeases: runPath('dhclient.leases'),
  dhclientLog: logPath('dhclient.log'),
} as const;
export const SERVER_FILES = {
  internetConfig: `${ETC_DIR}/internet.json`,
  /** The emulated Internet's log: one JSON line per flow it served (sim/traffic/internet/json-log.ts). */
  internetLog: logPath('internet.jsonl'),
  internetOut: logPath('internet.log'),
  /** The HTTP echo server's log: one JSON line per request. */
  httpLog: logPath('http.jsonl'),
  httpOut: logPath('http.log'),
  iperfLog: logPath('iperf3.log'),
  iperfPid: runPath('iperf3.pid'),
} as const;

/** What a scenario runs in nodes, by item number. */
export const SCENARIO_FILES = {
  flows: (i: number) => logPath(`flows-${i}.jsonl`),
  generatorLog: (i: number) => logPath(`generator-${i}.log`),
  profile: (i: number) => runPath(`profile-${i}.json`),
  probeOut: (i: number) => logPath(`probe-${i}.jsonl`),
  probeRoute: (i: number) => logPath(`probe-${i}.route`),
  probeLog: (i: number) => logPath(`probe-${i}.log`),
  portsOut: runPath('ports.jsonl'),
  portsPid: runPath('ports.pid'),
  portsLog: logPath('ports.log'),
  icmpPcap: logPath('icmp.pcap'),
  icmpPid: runPath('icmp-tcpdump.pid'),
  icmpLog: logPath('icmp-tcpdump.log'),
} as const;
