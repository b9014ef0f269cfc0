// Measurements: conntrack samples and the paper's port tables (II-A), and
// pcap captures.
export * from './conntrack';
export * from './pcap';
export {
  portCountRow,
  portStatistics,
  statisticsFromAverages,
  renderTableI,
  renderTableII,
  formatAverage,
  formatShare,
  type PortCountRow,
  type PortAverage,
  type PortStatistics,
  type RenderOptions,
} from './port-tables';
