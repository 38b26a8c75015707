export * from "./session";
export * from "./password";
export * from "./cookies";
export * from "./roles";
export * from "./origin";
