/** What every command shares (core's under src/bin, the bench tools under tooling/): `@planpulse/core/cli`. */
export { cliArgs, commandLine } from "./command-line";
export { openDatabaseFromEnv } from "./open-database";
export { createProgressBar } from "./progress-bar";
