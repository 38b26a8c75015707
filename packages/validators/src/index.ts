export * from "./domain";
export * from "./auth";
export * from "./plan";
export * from "./comments";
export * from "./engagement";
export * from "./workspace";
export * from "./moderation";
export * from "./insight";
export { z } from "zod";
