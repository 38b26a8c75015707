// One browser-safe home (no zod, no Node) for the closed sets of values and their words. Zod enums,
// database column types, forms and labels all derive from these.
export * from "./stances";
export * from "./statuses";
export * from "./flags";
export * from "./live";
export * from "./notifications";
export * from "./handles";
export * from "./roles";
export * from "./limits";
