// Traffic profiles: the data (profiles/*.yaml), its schema, loading, time
// scaling, and the ports a profile needs at once (docs/profiles.md).
export {
  profileSchema,
  phaseSchema,
  activitySchema,
  profileDuration,
  type Profile,
  type Phase,
  type Activity,
  type DnsActivity,
  type TcpActivity,
  type UdpActivity,
  type PeersActivity,
} from './profile-schema';
export { loadProfile, loadProfileFile, loadProfileText, listProfiles, PROFILES_DIR, type LoadedProfile, type ProfileLookup } from './load-profile';
export { scaleProfile, timeScaleOf, type ScaleOptions, type ScaledProfile } from './scale-profile';
export { classOfPort, PORT_CLASSES, ZERO_COUNTS, type PortClass, type ClassCounts } from './port-class';
export { portDemand, demandAt, peakBetween, type PortDemand, type DemandPoint } from './port-demand';
export { CONNTRACK_TIMEOUTS, conntrackSysctls, scaledTimeouts, type ConntrackTimeouts } from './conntrack-timeouts';
