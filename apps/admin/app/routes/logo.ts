// The organisation logo (one loader for both apps, in @planpulse/remix).
export { logoLoader as loader } from "@planpulse/remix";
