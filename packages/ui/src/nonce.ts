import { createContext, useContext } from "react";

/**
 * This response's Content-Security-Policy nonce, provided by the document renderer. In the browser
 * it is the empty string: browsers hide nonce attributes from the DOM, so hydration sees "" on both sides.
 */
export const NonceContext = createContext("");

export function useNonce(): string {
  return useContext(NonceContext);
}
