// Scenario assertions: their schema, the measured data they read, verdicts.
export {
  assertionSchema,
  assertionsSchema,
  deliverySchema,
  portsSchema,
  withinRangeSchema,
  exhaustionSchema,
  dropsSchema,
  routerSchema,
  type Assertion,
  type AssertionInput,
  type CheckKind,
} from './assertion-schema';
export { PORTS_EXHAUSTED, type FlowRecord, type PortSampleRecord, type NodeCounters, type RouterCounters, type Measured } from './measured-data';
export { runCheck, describeBound, withinBound, type CheckResult, type Outcome, type SimulatorAgreement, type SmapAgreement } from './checks';
export { crossCheckVerdict, evaluate, evaluateAssertion, eventVerdict, titleOf, type Verdict } from './evaluate';
export { attributeFailures, describeCauses, dropsOnPath, likeliestCause, type FailureCause, type PathEvidence } from './failure-cause';
