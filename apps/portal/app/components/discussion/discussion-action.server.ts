import { data, redirect } from "@remix-run/node";
import { toHttpProblem, type PlanPulseLoadContext } from "@planpulse/api";
import { getCaller } from "@planpulse/remix";

export type DiscussionIntent = "create" | "reply" | "edit" | "delete" | "flag";

export type DiscussionActionData = {
  intent: DiscussionIntent;
  /** The comment the form belonged to (the parent for a reply); null for a new top-level comment. */
  targetId: number | null;
  formError: string;
  fieldErrors: Record<string, string[]> | null;
  values: Record<string, string>;
};

const INTENTS: readonly DiscussionIntent[] = ["create", "reply", "edit", "delete", "flag"];

function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

/** Every discussion form posts here; each intent makes one caller call, so the same checks apply as for /api/trpc. */
export async function discussionAction(args: { request: Request; context: PlanPulseLoadContext; params: { slug?: string } }) {
  const slug = args.params.slug ?? "";
  const form = await args.request.formData();
  const intentValue = text(form, "intent") ?? "";
  const intent = (INTENTS as readonly string[]).includes(intentValue) ? (intentValue as DiscussionIntent) : null;
  const url = new URL(args.request.url);
  const back = new URLSearchParams();
  const sort = url.searchParams.get("sort");
  if (sort) back.set("sort", sort);
  const query = back.size ? `?${back}` : "";
  if (!intent)
    return data(
      { intent: "create", targetId: null, formError: "That form is not one we know.", fieldErrors: null, values: {} } satisfies DiscussionActionData,
      { status: 400 },
    );

  const body = text(form, "body") ?? "";
  const commentId = text(form, "commentId");
  const parentId = text(form, "parentId");
  const targetValue = intent === "reply" ? parentId : commentId;
  const targetId = targetValue && /^\d{1,10}$/.test(targetValue) ? Number(targetValue) : null;
  const caller = await getCaller(args);
  try {
    let anchor: number | null = null;
    if (intent === "create" || intent === "reply") {
      const stance = text(form, "stance");
      const created = await caller.comment.create({
        objectiveSlug: slug,
        body,
        parentId: intent === "reply" ? parentId : undefined,
        stance: intent === "create" && stance ? (stance as "support") : undefined,
        updateStance: intent === "create" && text(form, "updateStance") === "on" ? true : undefined,
      });
      anchor = created.id;
    } else if (intent === "edit") {
      anchor = (await caller.comment.update({ commentId: commentId, body })).id;
    } else if (intent === "delete") {
      anchor = (await caller.comment.delete({ commentId: commentId })).id;
    } else {
      const note = text(form, "note");
      await caller.comment.flag({ commentId: commentId, reason: (text(form, "reason") ?? "") as "spam", note: note || undefined });
      anchor = targetId;
      back.set("flagged", String(targetId ?? ""));
    }
    const search = back.size ? `?${back}` : "";
    return redirect(`/objectives/${slug}${search}${anchor ? `#comment-${anchor}` : ""}`);
  } catch (error) {
    const problem = toHttpProblem(error);
    if (problem.status === 401) return redirect(`/login?redirectTo=${encodeURIComponent(`/objectives/${slug}${query}`)}`);
    const values: Record<string, string> = {};
    for (const name of ["body", "stance", "updateStance", "reason", "note"]) {
      const value = text(form, name);
      if (value !== undefined) values[name] = value;
    }
    return data<DiscussionActionData>({ intent, targetId, formError: problem.message, fieldErrors: problem.fieldErrors, values }, { status: problem.status });
  }
}
