export * from "./badges";
export * from "./objective-row";
export * from "./form";
export * from "./layout";
export * from "./auth-forms";
