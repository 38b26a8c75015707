import { Form, useNavigation } from "@remix-run/react";
import { FormErrorSummary, StanceChip, useValidatedForm } from "@planpulse/ui";
import { CommentBodySchema, COMMENT_BODY_MAX, MAX_MENTIONS_PER_COMMENT, STANCE_WORDS, STANCES, z, type StanceValue } from "@planpulse/validators";
import { useEffect, useId, useRef, type ReactNode } from "react";
import type { DiscussionActionData, DiscussionIntent } from "./discussion-action.server";
import { useMentionAutocomplete } from "./mention-autocomplete";

// The stance radios and the "make it my stance" box are plain inputs: a comment never needs a
// stance, so the browser checks only the text; the server checks the stance's value.
const BodyFormSchema = z.object({ body: CommentBodySchema });

type Props = {
  intent: Extract<DiscussionIntent, "create" | "reply" | "edit">;
  /** The parent for a reply, the comment for an edit. */
  targetId?: number;
  label: string;
  submitLabel: string;
  defaultBody?: string;
  /** Top-level comments may carry a stance (optional); `current` is the member's declared stance. */
  stance?: { current: StanceValue | null };
  result?: DiscussionActionData | null;
  children?: ReactNode;
};

/** The one comment text form (new comment, reply, edit); posts to the discussion action, works without JavaScript. */
export function CommentBodyForm({ intent, targetId, label, submitLabel, defaultBody, stance, result, children }: Props) {
  const mine = result && result.intent === intent && (result.targetId ?? undefined) === targetId ? result : null;
  const { form, onSubmit, errorFor } = useValidatedForm(BodyFormSchema, { serverErrors: mine?.fieldErrors });
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const submittedHere = useRef(false);
  const id = useId();
  const bodyId = `${id}-body`;
  const bodyError = errorFor("body");
  const stanceError = errorFor("stance");
  const bodyField = form.register("body");
  const textareaRef = useRef<HTMLTextAreaElement | null>(null);
  const mention = useMentionAutocomplete(textareaRef, `${bodyId}-mentions`, (value) => form.setValue("body", value, { shouldDirty: true }));
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

  // Never prefilled from the declared stance: a comment says what its writer picks for it, or nothing.
  const stanceDefault = mine?.values.stance ?? "";
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
          *emphasis*, **strong**, lists, [links](https://…) and &gt; quotes work; @handle mentions a member (at most {MAX_MENTIONS_PER_COMMENT}). At most{" "}
          {COMMENT_BODY_MAX.toLocaleString("en-US")} characters.
        </p>
        <div className="mention-anchor">
          <textarea
            id={bodyId}
            className="field__input comment-form__body"
            rows={intent === "create" ? 5 : 3}
            defaultValue={mine?.values.body ?? defaultBody ?? ""}
            aria-invalid={bodyError ? true : undefined}
            aria-describedby={`${bodyId}-hint${bodyError ? ` ${bodyId}-error` : ""}`}
            {...bodyField}
            {...mention.comboboxProps}
            ref={(element) => {
              bodyField.ref(element);
              textareaRef.current = element;
            }}
            onChange={(event) => {
              void bodyField.onChange(event);
              mention.update();
            }}
            onBlur={(event) => {
              void bodyField.onBlur(event);
              mention.onBlur();
            }}
          />
          {mention.listbox}
        </div>
        {bodyError ? (
          <p id={`${bodyId}-error`} className="field__error">
            <span aria-hidden="true">⚠ </span>
            {bodyError}
          </p>
        ) : null}
      </div>
      {stance ? (
        <>
          <fieldset
            className={`stance-picker${stanceError ? " field--invalid" : ""}`}
            aria-describedby={`${id}-stance-hint${stanceError ? ` ${id}-stance-error` : ""}`}
          >
            <legend className="field__label">
              Stance in this comment <span className="field__optional">(optional)</span>
            </legend>
            <p id={`${id}-stance-hint`} className="field__hint">
              Shown on your comment. Leave it out if your comment is a question or a thought.
            </p>
            <div className="stance-picker__options">
              <label className="stance-picker__option">
                <input type="radio" name="stance" value="" defaultChecked={stanceDefault === ""} />
                <span className="stance-picker__none">No stance</span>
              </label>
              {STANCES.map((value) => (
                <label key={value} className="stance-picker__option">
                  <input type="radio" name="stance" value={value} defaultChecked={stanceDefault === value} />
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
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" name="updateStance" defaultChecked={mine?.values.updateStance === "on"} aria-describedby={`${id}-update-hint`} />
              <span>Also make the stance above my stance on this objective</span>
            </label>
            <p id={`${id}-update-hint`} className="field__hint">
              {stance.current
                ? `Your stance on this objective is ${STANCE_WORDS[stance.current]}; it stays so unless you tick this box.`
                : "You have not said your stance on this objective; posting a comment does not say it for you."}
            </p>
          </div>
        </>
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
