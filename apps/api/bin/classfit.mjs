#!/usr/bin/env node
// Entry point of the `classfit` CLI: registers the TypeScript loader, then runs src/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
