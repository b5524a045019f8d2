#!/usr/bin/env node
// The `encuentro` command. The tool is written in TypeScript and runs without
// a build step: tsx is registered as the loader before the first .ts import.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../cli/main.ts', import.meta.url).href);
