export * from "./auth";
export * from "./plan";
export { z } from "zod";
