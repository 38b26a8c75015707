import { redirect } from "@remix-run/node";
import { callerFor, SUSPENDED_MESSAGE, toHttpProblem, type Caller, type PlanPulseLoadContext } from "@planpulse/api";

/** The per-request caller for a Remix loader or action. */
export function getCaller(args: { request: Request; context: PlanPulseLoadContext }): Promise<Caller> {
  return callerFor(args.context, args.context.planPulse, args.request);
}

/** /healthz: 200 when the database answers, 503 when it does not. */
export async function healthResponse(context: PlanPulseLoadContext): Promise<Response> {
  const ok = await context.planPulse.database.ping(2_000);
  return Response.json(
    { status: ok ? "ok" : "unavailable", database: ok ? "reachable" : "unreachable", driver: context.planPulse.database.driver },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store", ...(ok ? {} : { "Retry-After": "5" }) } },
  );
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  429: "Too Many Requests",
  503: "Service Unavailable",
};

type Args = { request: Request; context: PlanPulseLoadContext };

export function signInPath(request: Request, loginPath = "/login"): string {
  const url = new URL(request.url);
  return `${loginPath}?redirectTo=${encodeURIComponent(url.pathname + url.search)}`;
}

/**
 * Runs caller work for a loader; errors a person can act on become the right HTTP answer
 * (a 404 or 403 page, a sign-in redirect) instead of a crash. Bad input is a 404 by default (a
 * malformed slug is a page that does not exist); with `badInput: "explain"` it is a 400 that says
 * what was wrong (a filter or segment on a page that does exist).
 */
export async function query<T>(args: Args, run: (caller: Caller) => Promise<T>, options: { badInput?: "not-found" | "explain" } = {}): Promise<T> {
  const caller = await getCaller(args);
  try {
    return await run(caller);
  } catch (error) {
    const problem = toHttpProblem(error);
    if (problem.status === 401) throw redirect(signInPath(args.request));
    if (problem.status === 400 && options.badInput === "explain") {
      const details = Object.values(problem.fieldErrors ?? {}).flat();
      throw new Response(details.length ? details.join(" ") : problem.message, { status: 400, statusText: "Bad Request" });
    }
    if (problem.status === 400) throw new Response("There is no page at this address.", { status: 404, statusText: "Not Found" });
    // statusText must be plain Latin-1; the human message (any Unicode) travels in the body.
    throw new Response(problem.message, { status: problem.status, statusText: STATUS_TEXT[problem.status] ?? "Error" });
  }
}

/**
 * Declares that the page shows member activity of these objectives only, besides site-wide content
 * (the root layout included): the visitors' cache then keeps it across writes to other objectives
 * (decision 026). A page whose loaders declare nothing is evicted by every write.
 */
export function pageShowsObjectives(args: Args, objectiveIds: Iterable<number>): void {
  const scope = args.context.pageScope;
  if (!scope) return;
  scope.objectiveIds ??= new Set();
  for (const id of objectiveIds) scope.objectiveIds.add(id);
}

export async function requireUser(args: Args) {
  const user = await (await getCaller(args)).me.get();
  if (!user) throw redirect(signInPath(args.request));
  return user;
}

/**
 * A suspended account sees the suspended page (403) everywhere except the paths listed (its own
 * data, signing out). Call from the root loader with `me.get()`'s answer.
 */
export function refuseSuspendedAccount(request: Request, me: { suspended: boolean } | null, allowedPaths: string[]): void {
  if (!me?.suspended) return;
  const path = new URL(request.url).pathname.replace(/\/+$/, "") || "/";
  if (allowedPaths.includes(path)) return;
  throw new Response(SUSPENDED_MESSAGE, { status: 403, statusText: "Forbidden" });
}

export async function requireAnonymous(args: Args) {
  const user = await (await getCaller(args)).me.get();
  if (user) throw redirect("/");
}

/** The organisation's logo, as uploaded (type checked by content when stored); 404 when there is none. Both apps serve it at /logo. */
export async function logoLoader(args: Args): Promise<Response> {
  const logo = await query(args, (caller) => caller.organisation.logo());
  if (!logo) return new Response("No logo", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const body = Buffer.from(logo.dataBase64, "base64");
  return new Response(body, {
    headers: {
      "content-type": logo.type,
      "content-length": String(body.length),
      "x-content-type-options": "nosniff",
      // The page links /logo?v=<upload time>, so a new upload is a new address.
      "cache-control": "public, max-age=86400",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
