#!/usr/bin/env node
// Runs the TypeScript sources through tsx: no build step between an edit and a run.
import { register } from 'tsx/esm/api';

register();
const { main, abortOnSignals } = await import('../sim/cli.ts');
const code = await main(process.argv.slice(2), undefined, abortOnSignals());
process.exit(code);
