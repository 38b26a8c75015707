import { Form, useNavigation } from "@remix-run/react";
import { FormErrorSummary, StanceChip, useValidatedForm } from "@planpulse/ui";
import { CommentBodySchema, CommentStanceSchema, COMMENT_BODY_MAX, STANCES, z, type StanceValue } from "@planpulse/validators";
import { useEffect, useId, useRef, type ReactNode } from "react";
import type { DiscussionActionData, DiscussionIntent } from "./discussion-action.server";

const BodyFormSchema = z.object({ body: CommentBodySchema });
const TopLevelFormSchema = z.object({ body: CommentBodySchema, stance: CommentStanceSchema });

type Props = {
  intent: Extract<DiscussionIntent, "create" | "reply" | "edit">;
  /** The parent for a reply, the comment for an edit. */
  targetId?: number;
  label: string;
  submitLabel: string;
  defaultBody?: string;
  /** Top-level comments ask for a stance, prefilled with the member's current one. */
  stance?: { current: StanceValue | null };
  result?: DiscussionActionData | null;
  children?: ReactNode;
};

/** The one comment text form (new comment, reply, edit); posts to the discussion action, works without JavaScript. */
export function CommentBodyForm({ intent, targetId, label, submitLabel, defaultBody, stance, result, children }: Props) {
  const mine = result && result.intent === intent && (result.targetId ?? undefined) === targetId ? result : null;
  const { form, onSubmit, errorFor } = useValidatedForm(stance ? TopLevelFormSchema : BodyFormSchema, { serverErrors: mine?.fieldErrors });
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const submittedHere = useRef(false);
  const id = useId();
  const bodyId = `${id}-body`;
  const bodyError = errorFor("body");
  const stanceError = errorFor("stance");
  const submitting =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === intent &&
    String(navigation.formData?.get(intent === "reply" ? "parentId" : "commentId") ?? "") === String(targetId ?? "");

  useEffect(() => {
    if (submitting) submittedHere.current = true;
    if (navigation.state === "idle" && submittedHere.current) {
      submittedHere.current = false;
      // Posted and the page reloaded without an error for this form: start from an empty box.
      if (!mine && intent !== "edit") {
        formRef.current?.reset();
        form.reset();
      }
    }
  }, [submitting, navigation.state, mine, intent, form]);

  const stanceDefault = mine?.values.stance ?? stance?.current ?? undefined;
  // The form's type is a union of both schemas; stance exists only on the top-level one.
  const registerStance = () => (form.register as unknown as (name: string) => ReturnType<typeof form.register>)("stance");
  return (
    <Form method="post" className="comment-form" onSubmit={onSubmit} ref={formRef} noValidate>
      <input type="hidden" name="intent" value={intent} />
      {intent === "reply" ? <input type="hidden" name="parentId" value={targetId} /> : null}
      {intent === "edit" ? <input type="hidden" name="commentId" value={targetId} /> : null}
      <FormErrorSummary message={mine && !mine.fieldErrors ? mine.formError : null} />
      <div className={`field${bodyError ? " field--invalid" : ""}`}>
        <label htmlFor={bodyId} className="field__label">
          {label}
        </label>
        <p id={`${bodyId}-hint`} className="field__hint">
          *emphasis*, **strong**, lists, [links](https://…) and &gt; quotes work. At most {COMMENT_BODY_MAX.toLocaleString("en-US")} characters.
        </p>
        <textarea
          id={bodyId}
          className="field__input comment-form__body"
          rows={intent === "create" ? 5 : 3}
          defaultValue={mine?.values.body ?? defaultBody ?? ""}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={`${bodyId}-hint${bodyError ? ` ${bodyId}-error` : ""}`}
          {...form.register("body")}
        />
        {bodyError ? (
          <p id={`${bodyId}-error`} className="field__error">
            <span aria-hidden="true">⚠ </span>
            {bodyError}
          </p>
        ) : null}
      </div>
      {stance ? (
        <fieldset className={`stance-picker${stanceError ? " field--invalid" : ""}`} aria-describedby={stanceError ? `${id}-stance-error` : undefined}>
          <legend className="field__label">Your stance on this objective</legend>
          <div className="stance-picker__options">
            {STANCES.map((value) => (
              <label key={value} className="stance-picker__option">
                <input type="radio" value={value} defaultChecked={stanceDefault === value} {...registerStance()} />
                <StanceChip stance={value} />
              </label>
            ))}
          </div>
          {stanceError ? (
            <p id={`${id}-stance-error`} className="field__error">
              <span aria-hidden="true">⚠ </span>
              {stanceError}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <div className="comment-form__actions">
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? "Posting…" : submitLabel}
        </button>
        {children}
      </div>
    </Form>
  );
}
