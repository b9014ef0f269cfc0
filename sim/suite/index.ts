// Scenarios as a regression suite (aplus test): find, load and select them,
// run them (several at once with --parallel), and report for CI.
export { findScenarioFiles, isScenarioFile, DEFAULT_SUITE_PATH } from './discover';
export { loadEntries, selectByTags } from './load-entries';
export { runSuite, type ScenarioRunner, type SuiteOptions } from './run-suite';
export { suiteExitCode, verdictOf, entryName, type SuiteEntry, type GoodEntry, type BadEntry, type ScenarioOutcome, type SuiteReport, type ErrorReason, type Verdict } from './outcome';
export { formatSuiteEvent, suiteSink, runEventSink, type SuiteEvent, type SuiteSink } from './suite-events';
export { renderSummary, suiteTotals } from './summary';
export { htmlIndex, htmlPagePath, htmlPagesDir, writeHtmlIndex } from './html-report';
export { junitXml, writeJunit, failureMessage } from './junit-report';
export { suiteJson, writeSuiteJson, type SuiteJson } from './json-report';
export { renderList } from './render-list';
