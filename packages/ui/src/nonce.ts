import { createContext, useContext, type Context } from "react";

const KEY = Symbol.for("planpulse.cspNonceContext");
const registry = globalThis as typeof globalThis & { [KEY]?: Context<string> };

/**
 * This response's Content-Security-Policy nonce, provided by the document renderer. In the browser
 * it is the empty string: browsers hide nonce attributes from the DOM, so hydration sees "" on both sides.
 *
 * One context per process, whichever copy of this module is loaded: the renderer
 * (`@planpulse/ui/server`) and the app's root may be loaded through different module graphs (Node
 * for the app build, a test runner's for the host), and two contexts would leave the root's
 * scripts with an empty nonce that the CSP refuses.
 */
export const NonceContext: Context<string> = (registry[KEY] ??= createContext(""));

export function useNonce(): string {
  return useContext(NonceContext);
}
