export * from "./session";
export * from "./password";
export * from "./cookies";
export * from "./roles";
export * from "./origin";
export * from "./users";
export * from "./session-store";
export * from "./sign-in-attempts";
