// The role → capability policy has one home, @planpulse/validators/domain (browser-safe: the admin
// navigation reads it too). The procedure builders in api check roles through `can()`.
export { can, CAPABILITY_ROLES, type Capability } from "@planpulse/validators/domain";
