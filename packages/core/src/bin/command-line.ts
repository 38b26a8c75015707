import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * The command's arguments without the leading "--" separators that `pnpm <script> -- --flag`
 * passes through (pnpm 12 hands its own separator on, and a script may add one).
 */
export function cliArgs(argv: readonly string[] = process.argv.slice(2)): string[] {
  let start = 0;
  while (argv[start] === "--") start += 1;
  return argv.slice(start);
}

/**
 * Parses a command's options (strict: an unknown one stops it with the usage). `--help` prints the
 * usage and exits before anything is opened or changed, so every documented command can be checked.
 */
export function commandLine<O extends NonNullable<ParseArgsConfig["options"]>>(usage: string, options: O, argv?: readonly string[]) {
  const args = cliArgs(argv);
  if (args.includes("--help")) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
}
