/**
 * pnpm bench:profile <file.cpuprofile> [--top N] [--focus name,name]
 *
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. from `pnpm bench:path --profile DIR`): the
 * share of samples by where the code lives (a package, the app's build, node internals, GC) and the
 * functions with the most self time, then the inclusive share of named functions (`--focus`). Shares,
 * not milliseconds: they hold on a busy machine where wall-clock time does not.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { table } from "./harness";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const USAGE = [
  "Usage: pnpm bench:profile <file.cpuprofile> [--top N] [--focus name,name] [--inclusive]",
  "Shares of CPU samples by package and by function (self), and inclusive shares of the --focus functions.",
].join("\n");
const argv = process.argv.slice(2).filter((arg) => arg !== "--");
if (argv.includes("--help")) {
  console.log(USAGE);
  process.exit(0);
}
const { values: args, positionals } = parseArgs({
  args: argv,
  options: { top: { type: "string" }, focus: { type: "string" }, inclusive: { type: "boolean", default: false } },
  allowPositionals: true,
  strict: true,
});
const file = positionals[0];
if (!file) {
  console.error(USAGE);
  process.exit(2);
}

/** Where a frame's code lives: a package name, the app build, node internals, or V8's own entries. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:"))
    return url
      .replace(/^node:(internal\/)?/, "node:")
      .split("/")
      .slice(0, 2)
      .join("/");
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url) ?? /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pnpm) return pnpm[1]!;
  const workspace = /\/(apps|packages)\/([^/]+)\//.exec(url);
  if (workspace) return `@planpulse/${workspace[2]}`;
  return url.split("/").slice(-2).join("/");
}

const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const self = new Map<number, number>();
profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === "(idle)").reduce((sum, [, t]) => sum + t, 0);
const total = [...self.values()].reduce((sum, t) => sum + t, 0) - idle;
const pct = (t: number) => `${((100 * t) / total).toFixed(1)} %`;

const areas = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, time] of self) {
  const frame = byId.get(id)!.callFrame;
  if (frame.functionName === "(idle)") continue;
  const area = areaOf(frame.url, frame.functionName);
  areas.set(area, (areas.get(area) ?? 0) + time);
  const name = `${frame.functionName || "(anonymous)"} ${area}:${frame.lineNumber + 1}`;
  functions.set(name, (functions.get(name) ?? 0) + time);
}
const top = Number(args.top ?? 25);
const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
console.log(`${file}: ${(total / 1e6).toFixed(1)} s of CPU samples (idle excluded)\n`);
console.log(table([["area (self time)", "share"], ...sorted(areas).map(([name, t]) => [name, pct(t)])]));
console.log();
console.log(table([["function (self time)", "share"], ...sorted(functions).map(([name, t]) => [name, pct(t)])]));

if (args.inclusive) {
  // Every function's inclusive share (a sample counts once per function however deep the recursion).
  const inclusive = new Map<string, number>();
  for (const [id, time] of self) {
    if (byId.get(id)!.callFrame.functionName === "(idle)") continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      const name = `${frame.functionName || "(anonymous)"} ${areaOf(frame.url, frame.functionName)}:${frame.lineNumber + 1}`;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + time);
    }
  }
  console.log();
  console.log(table([["function (inclusive)", "share"], ...sorted(inclusive).map(([name, t]) => [name, pct(t)])]));
}

if (args.focus) {
  // Inclusive: a sample counts once for a name however deep the recursion.
  const names = args.focus.split(",");
  const inclusive = new Map<string, number>(names.map((name) => [name, 0]));
  for (const [id, time] of self) {
    if (byId.get(id)!.callFrame.functionName === "(idle)") continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      for (const name of names) {
        if (seen.has(name)) continue;
        if (frame.functionName === name || areaOf(frame.url, frame.functionName) === name) {
          seen.add(name);
          inclusive.set(name, inclusive.get(name)! + time);
        }
      }
    }
  }
  console.log();
  console.log(table([["focus (inclusive)", "share"], ...[...inclusive].map(([name, t]) => [name, pct(t)])]));
}
