import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { query } from "@planpulse/remix";
import { FormErrorSummary, Notice } from "@planpulse/ui";
import { PROFILE_QUESTION_KIND_LABELS, PROFILE_QUESTION_KINDS } from "@planpulse/validators";
import { pageTitle } from "../page-title";
import { SettingsNav } from "../settings-nav";
import { badIntent, runFormAction, type FormResult } from "../workspace-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Profile questions · Settings", " staff workspace") }];

export async function loader(args: LoaderFunctionArgs) {
  return { questions: await query(args, (caller) => caller.profileQuestion.list()) };
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const value = (name: string) => String(form.get(name) ?? "");
  const id = (name: string) => Number(value(name));
  const questionInput = () => ({
    key: value("key"),
    label: value("label"),
    hint: value("hint"),
    kind: value("kind") as "single" | "multiple",
    breakdown: form.get("breakdown") === "on",
  });
  switch (intent) {
    case "add-question":
      return runFormAction(args, form, async (c) => (await c.profileQuestion.save(questionInput()), "Question added. Add its options below it."));
    case "save-question":
      return runFormAction(args, form, async (c) =>
        (await c.profileQuestion.save({ questionId: id("questionId"), ...questionInput() })).changed ? "Question saved." : "Nothing changed.",
      );
    case "move-up":
    case "move-down":
      return runFormAction(args, form, async (c) =>
        (await c.profileQuestion.move({ questionId: id("questionId"), direction: intent === "move-up" ? "up" : "down" })).changed ? "Moved." : "Already there.",
      );
    case "retire-question":
    case "restore-question":
      return runFormAction(args, form, async (c) => {
        await c.profileQuestion.setRetired({ questionId: id("questionId"), retired: intent === "retire-question" });
        return intent === "retire-question" ? "Question retired: members are no longer asked it; their answers are kept." : "Question restored.";
      });
    case "add-option":
      return runFormAction(
        args,
        form,
        async (c) => (await c.profileQuestion.saveOption({ questionId: id("questionId"), label: value("label") }), "Option added."),
      );
    case "rename-option":
      return runFormAction(args, form, async (c) =>
        (await c.profileQuestion.saveOption({ questionId: id("questionId"), optionId: id("optionId"), label: value("label") })).changed
          ? "Option renamed; members who chose it keep their answer."
          : "Nothing changed.",
      );
    case "retire-option":
    case "restore-option":
      return runFormAction(args, form, async (c) => {
        await c.profileQuestion.setOptionRetired({ optionId: id("optionId"), retired: intent === "retire-option" });
        return intent === "retire-option" ? "Option retired: no longer offered; members who chose it keep it." : "Option restored.";
      });
    case "delete-option":
      return runFormAction(args, form, async (c) => (await c.profileQuestion.deleteOption({ optionId: id("optionId") }), "Option deleted."));
    default:
      return badIntent(intent);
  }
}

function QuestionFields({
  prefix,
  question,
  err,
}: {
  prefix: string;
  question?: { key: string; label: string; hint: string; kind: string; breakdown: boolean };
  err: (field: string) => string | undefined;
}) {
  const field = (name: string) => `${prefix}-${name}`;
  return (
    <>
      <div className={`field${err("label") ? " field--invalid" : ""}`}>
        <label className="field__label" htmlFor={field("label")}>
          Question
        </label>
        <input
          id={field("label")}
          name="label"
          className="field__input"
          defaultValue={question?.label}
          aria-invalid={err("label") ? true : undefined}
          aria-describedby={err("label") ? field("label-error") : undefined}
        />
        {err("label") ? (
          <p className="field__error" id={field("label-error")}>
            ⚠ {err("label")}
          </p>
        ) : null}
      </div>
      {question ? (
        <input type="hidden" name="key" value={question.key} />
      ) : (
        <div className={`field${err("key") ? " field--invalid" : ""}`}>
          <label className="field__label" htmlFor={field("key")}>
            Key
          </label>
          <p className="field__hint" id={field("key-hint")}>
            Used in addresses, downloads and imports; lower-case letters, digits and underscores (for example <code>region</code>). It cannot change later.
          </p>
          <input
            id={field("key")}
            name="key"
            className="field__input"
            aria-invalid={err("key") ? true : undefined}
            aria-describedby={`${field("key-hint")}${err("key") ? ` ${field("key-error")}` : ""}`}
          />
          {err("key") ? (
            <p className="field__error" id={field("key-error")}>
              ⚠ {err("key")}
            </p>
          ) : null}
        </div>
      )}
      <div className={`field${err("hint") ? " field--invalid" : ""}`}>
        <label className="field__label" htmlFor={field("hint")}>
          Hint (optional)
        </label>
        <input id={field("hint")} name="hint" className="field__input" defaultValue={question?.hint} />
        {err("hint") ? <p className="field__error">⚠ {err("hint")}</p> : null}
      </div>
      <div className={`field${err("kind") ? " field--invalid" : ""}`}>
        <label className="field__label" htmlFor={field("kind")}>
          Answers
        </label>
        <select
          id={field("kind")}
          name="kind"
          className="field__input field__input--select"
          defaultValue={question?.kind ?? "single"}
          aria-describedby={err("kind") ? field("kind-error") : undefined}
        >
          {PROFILE_QUESTION_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {PROFILE_QUESTION_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
        {err("kind") ? (
          <p className="field__error" id={field("kind-error")}>
            ⚠ {err("kind")}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="breakdown" defaultChecked={question?.breakdown ?? false} /> Leadership may break dashboard figures down by this question
        </label>
      </div>
    </>
  );
}

export default function ProfileQuestions() {
  const { questions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  const busy = useNavigation().state === "submitting";
  const err = (intents: string[], field: string, target?: string) =>
    result && !result.ok && intents.includes(result.intent) && (!target || result.target === target) ? result.fieldErrors?.[field]?.[0] : undefined;
  const banner = (intents: string[], target?: string) =>
    result && intents.includes(result.intent) && (!target || result.target === target) ? (
      result.ok ? (
        <Notice tone="success">{result.message}</Notice>
      ) : (
        <FormErrorSummary message={result.message} />
      )
    ) : null;
  const active = questions.filter((q) => !q.retired);

  return (
    <>
      <h1>Profile questions</h1>
      <SettingsNav />
      <p className="ws-lead">
        What members are asked on their profile page (every answer is optional), and which questions leadership may break dashboard figures down by. Groups of
        fewer than 5 members never show figures. Renaming an option keeps members&rsquo; answers; retiring an option or a question stops offering it and keeps
        what members said. An option nobody chose can be deleted.
      </p>

      {questions.map((question) => {
        const target = `question-${question.id}`;
        const activeIndex = active.findIndex((q) => q.id === question.id);
        return (
          <section className="ws-section" key={question.id} id={target} aria-labelledby={`${target}-title`}>
            <h2 id={`${target}-title`}>
              {question.label} {question.retired ? <span className="retired-badge">Retired</span> : null}
            </h2>
            <p className="ws-small">
              Key <code>{question.key}</code> · {PROFILE_QUESTION_KIND_LABELS[question.kind]}
              {question.breakdown ? " · leadership may break figures down by it" : ""}
            </p>
            {banner(["save-question", "move-up", "move-down", "retire-question", "restore-question", "add-option"], target)}
            <details>
              <summary>Edit the question</summary>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="save-question" />
                <input type="hidden" name="target" value={target} />
                <input type="hidden" name="questionId" value={question.id} />
                <QuestionFields prefix={target} question={question} err={(field) => err(["save-question"], field, target)} />
                <div className="ws-actions">
                  <button type="submit" className="button button--secondary" disabled={busy}>
                    Save question
                  </button>
                </div>
              </Form>
            </details>
            <Form method="post" className="ws-actions">
              <input type="hidden" name="questionId" value={question.id} />
              <input type="hidden" name="target" value={target} />
              {question.retired ? (
                <button type="submit" name="intent" value="restore-question" className="button button--secondary ws-button-small">
                  Restore question
                </button>
              ) : (
                <>
                  <button
                    type="submit"
                    name="intent"
                    value="move-up"
                    className="button button--secondary ws-button-small"
                    disabled={activeIndex <= 0}
                    aria-label={`Move “${question.label}” up`}
                  >
                    Move up
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="move-down"
                    className="button button--secondary ws-button-small"
                    disabled={activeIndex === active.length - 1}
                    aria-label={`Move “${question.label}” down`}
                  >
                    Move down
                  </button>
                  <button type="submit" name="intent" value="retire-question" className="button button--secondary ws-button-small">
                    Retire question
                  </button>
                </>
              )}
            </Form>

            <h3>Options</h3>
            {question.options.length === 0 ? <p className="muted">No options yet: members see nothing to choose.</p> : null}
            <ul className="plain-list option-list">
              {question.options.map((option) => {
                const optionTarget = `option-${option.id}`;
                const renameError = err(["rename-option"], "label", optionTarget);
                const deleteError = err(["delete-option"], "optionId", optionTarget);
                return (
                  <li key={option.id} id={optionTarget}>
                    {banner(["rename-option", "retire-option", "restore-option", "delete-option"], optionTarget)}
                    <Form method="post" noValidate className="ws-actions">
                      <input type="hidden" name="intent" value="rename-option" />
                      <input type="hidden" name="target" value={optionTarget} />
                      <input type="hidden" name="questionId" value={question.id} />
                      <input type="hidden" name="optionId" value={option.id} />
                      <label className="visually-hidden" htmlFor={`${optionTarget}-label`}>
                        Option of “{question.label}”
                      </label>
                      <input
                        id={`${optionTarget}-label`}
                        name="label"
                        className="field__input"
                        defaultValue={option.label}
                        aria-invalid={renameError ? true : undefined}
                        aria-describedby={renameError ? `${optionTarget}-error` : undefined}
                      />
                      <button type="submit" className="button button--secondary ws-button-small" aria-label={`Rename “${option.label}”`}>
                        Rename
                      </button>
                      <span className="ws-small">
                        {option.members === 1 ? "1 member" : `${option.members.toLocaleString("en-US")} members`}
                        {option.retired ? " · retired" : ""}
                      </span>
                    </Form>
                    {renameError ? (
                      <p className="field__error" id={`${optionTarget}-error`}>
                        ⚠ {renameError}
                      </p>
                    ) : null}
                    <Form method="post" className="ws-actions">
                      <input type="hidden" name="target" value={optionTarget} />
                      <input type="hidden" name="optionId" value={option.id} />
                      <button
                        type="submit"
                        name="intent"
                        value={option.retired ? "restore-option" : "retire-option"}
                        className="button button--secondary ws-button-small"
                        aria-label={`${option.retired ? "Restore" : "Retire"} “${option.label}”`}
                      >
                        {option.retired ? "Restore" : "Retire"}
                      </button>
                      {option.members === 0 ? (
                        <button
                          type="submit"
                          name="intent"
                          value="delete-option"
                          className="button button--danger ws-button-small"
                          aria-label={`Delete “${option.label}”`}
                        >
                          Delete
                        </button>
                      ) : null}
                    </Form>
                    {deleteError ? <p className="field__error">⚠ {deleteError}</p> : null}
                  </li>
                );
              })}
            </ul>
            {question.retired ? null : (
              <Form method="post" noValidate className="ws-actions">
                <input type="hidden" name="intent" value="add-option" />
                <input type="hidden" name="target" value={target} />
                <input type="hidden" name="questionId" value={question.id} />
                <div className={`field${err(["add-option"], "label", target) ? " field--invalid" : ""}`}>
                  <label className="field__label" htmlFor={`${target}-new-option`}>
                    New option for “{question.label}”
                  </label>
                  <input
                    id={`${target}-new-option`}
                    name="label"
                    className="field__input"
                    aria-invalid={err(["add-option"], "label", target) ? true : undefined}
                    aria-describedby={err(["add-option"], "label", target) ? `${target}-new-option-error` : undefined}
                  />
                  {err(["add-option"], "label", target) ? (
                    <p className="field__error" id={`${target}-new-option-error`}>
                      ⚠ {err(["add-option"], "label", target)}
                    </p>
                  ) : null}
                </div>
                <button type="submit" className="button button--secondary">
                  Add option
                </button>
              </Form>
            )}
          </section>
        );
      })}

      <section className="ws-section" aria-labelledby="add-question-title">
        <h2 id="add-question-title">Add a question</h2>
        {banner(["add-question"])}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="add-question" />
          <QuestionFields prefix="new-question" err={(field) => err(["add-question"], field)} />
          <div className="ws-actions">
            <button type="submit" className="button" disabled={busy}>
              Add question
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
