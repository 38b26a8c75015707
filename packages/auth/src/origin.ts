const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for every state-changing request: the browser's Origin (or, failing that,
 * Sec-Fetch-Site) must say the request came from this very site.
 */
export function isCrossSiteMutation(request: { method: string; headers: Headers }, expectedOrigin: string): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const origin = request.headers.get("origin");
  if (origin !== null) return origin !== expectedOrigin;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null) return fetchSite !== "same-origin" && fetchSite !== "none";
  // Neither header: not a browser (curl, server-to-server). There is no ambient cookie risk to defend.
  return false;
}
