#!/usr/bin/env node
/** The `fleetlab` executable. */
import './v8-inlining.js';
import { main } from './main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
