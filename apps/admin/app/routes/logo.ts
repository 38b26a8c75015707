// The organisation logo (one loader for both apps, in @planpulse/api).
export { logoLoader as loader } from "@planpulse/api";
