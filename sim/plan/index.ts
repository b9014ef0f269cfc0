export { plan } from './planner';
export { PlanError } from './plan-error';
export { loadPlan, planAt, type LoadedPlan, type LoadOptions } from './load-plan';
export { checkHostOverlap, type HostPrefix } from './host-overlap';
export type { Plan, PlannedNetwork, PlannedNode, PlannedInterface, PlannedRoute, Role, NetworkKind, SmapRole, PrrRole } from './plan-types';
export { loadScenario, type LoadedScenario } from './load-scenario';
export { smapMtus, type SmapMtus } from './smap-mtus';
export { mtuBugWarnings, formatMtuBugWarning, type MtuBugWarning } from './mtu-bug';
export { smapPaths, type PathHop, type SmapPaths } from './smap-paths';
