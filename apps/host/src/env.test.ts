import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HOST_ENV_NAMES } from "./env";

const example = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", ".env.example"), "utf8");

describe(".env.example", () => {
  it("documents every variable the host reads", () => {
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));
    expect(HOST_ENV_NAMES.filter((name) => !documented.has(name))).toEqual([]);
  });
});
