// The `encuentro` command's entry point: the process's own arguments and streams.
import { processTerminal } from './output.ts';
import { main } from './run.ts';

// Set the status rather than exit, so pending output is flushed before the process ends.
process.exitCode = await main(process.argv.slice(2), processTerminal());
