import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field, FormErrorSummary, Notice, StanceChip, useFormatDate, useValidatedForm } from "@planpulse/ui";
import { toHttpProblem } from "@planpulse/api";
import { getCaller, query } from "@planpulse/remix";
import { DELETE_CONFIRMATION_WORD, DeleteAccountSchema, HANDLE_MAX, PRIORITY_POINTS_BUDGET } from "@planpulse/validators";
import { pageTitle } from "../page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "My account") }];

export async function loader(args: LoaderFunctionArgs) {
  const [me, activity, profile] = await query(args, (caller) => Promise.all([caller.me.get(), caller.account.activity(), caller.account.profile()]));
  return { me: me!, activity, profile };
}

type ActionData = { intent: "profile" | "delete" | "email" | "handle"; formError: string | null; fieldErrors: Record<string, string[]> | null };

/** The answers the form carried: every question it rendered editable is listed in "questions". */
function answersFrom(form: FormData): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {};
  for (const key of form.getAll("questions").map(String).slice(0, 50)) {
    answers[key] = form
      .getAll(`answer.${key}`)
      .map(String)
      .filter((value) => value !== "");
  }
  return answers;
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const requested = form.get("intent");
  const intent = requested === "delete" || requested === "email" || requested === "handle" ? requested : "profile";
  const caller = await getCaller(args);
  try {
    if (intent === "delete") {
      await caller.account.delete({ password: String(form.get("password") ?? ""), confirmation: String(form.get("confirmation") ?? "") });
      return redirect("/?accountDeleted=1");
    }
    if (intent === "handle") {
      await caller.account.changeHandle({ handle: String(form.get("handle") ?? "") });
      return redirect("/me?handleSaved=1#handle");
    }
    if (intent === "email") {
      await caller.account.changeEmail({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") });
      return redirect("/me?emailChanged=1#email");
    }
    await caller.account.updateProfile(answersFrom(form));
  } catch (error) {
    const problem = toHttpProblem(error);
    if (problem.status === 401) return redirect("/login?redirectTo=%2Fme");
    return data<ActionData>({ intent, formError: problem.message, fieldErrors: problem.fieldErrors }, { status: problem.status });
  }
  return redirect("/me?profileSaved=1#profile");
}

type ProfileQuestion = Awaited<ReturnType<typeof loader>>["profile"]["questions"][number];

function optionLabel(option: { label: string; retired: boolean }) {
  return option.retired ? `${option.label} (no longer offered)` : option.label;
}

function ProfileQuestionField({ question, error }: { question: ProfileQuestion; error?: string }) {
  const id = `profile-${question.key}`;
  const hintId = question.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  if (question.verified) {
    return (
      <div className="field">
        <p className="field__label">{question.label}</p>
        <p>
          {question.answer.join(", ")} <span className="muted">(from your membership record; ask the association to change it)</span>
        </p>
      </div>
    );
  }
  if (question.kind === "single") {
    return (
      <div className={`field${error ? " field--invalid" : ""}`}>
        <input type="hidden" name="questions" value={question.key} />
        <label htmlFor={id} className="field__label">
          {question.label}
        </label>
        {question.hint ? (
          <p className="field__hint" id={hintId}>
            {question.hint}
          </p>
        ) : null}
        <select
          id={id}
          name={`answer.${question.key}`}
          defaultValue={question.answer[0] ?? ""}
          className="field__input field__input--select"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        >
          <option value="">Prefer not to say</option>
          {question.options.map((option) => (
            <option key={option.label} value={option.label}>
              {optionLabel(option)}
            </option>
          ))}
        </select>
        {error ? (
          <p className="field__error" id={errorId}>
            {error}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <fieldset className="checkbox-group" aria-describedby={describedBy}>
      <input type="hidden" name="questions" value={question.key} />
      <legend className="field__label">{question.label}</legend>
      <p className="field__hint" id={hintId}>
        {question.hint || "Choose any that apply."}
      </p>
      <div className="checkbox-group__options">
        {question.options.map((option) => (
          <label key={option.label} className="checkbox">
            <input type="checkbox" name={`answer.${question.key}`} value={option.label} defaultChecked={question.answer.includes(option.label)} />{" "}
            {optionLabel(option)}
          </label>
        ))}
      </div>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function commentState(comment: { status: string; hiddenReason: string | null; deletedAt: string | null }): string | null {
  if (comment.deletedAt) return "Removed by you";
  if (comment.status === "held") return "Awaiting review";
  if (comment.status === "hidden") return `Hidden by moderators${comment.hiddenReason ? `: ${comment.hiddenReason}` : ""}`;
  return null;
}

export default function MyAccount() {
  const { me, activity, profile } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const profileErrors = result?.intent === "profile" ? result.fieldErrors : null;
  const deleteResult = result?.intent === "delete" ? result : null;
  const { form: deleteForm, onSubmit: onDelete, errorFor } = useValidatedForm(DeleteAccountSchema, { serverErrors: deleteResult?.fieldErrors });
  const formatDate = useFormatDate();
  const spent = activity.priorities.reduce((sum, p) => sum + p.points, 0);
  const dataSection = (
    <section className="card section" aria-labelledby="data">
      <h2 id="data">My data</h2>
      <p>
        Everything Plan Pulse holds about you — account, profile, support, points, stances and their history, comments and their earlier versions, flags you
        raised — in one JSON file.
      </p>
      <p>
        <a href="/me/export" className="button button--secondary" download>
          Download my data
        </a>
      </p>

      <h3 id="delete-heading">Delete my account</h3>
      <p>
        Your name, email, password and profile are removed and you are signed out everywhere. What you wrote stays in the discussion, shown as written by
        “Former member”, and your support, points and stances still count. This cannot be undone.
      </p>
      {deleteResult ? <FormErrorSummary message={deleteResult.formError} /> : null}
      <Form method="post" onSubmit={onDelete} noValidate aria-labelledby="delete-heading" className="delete-form">
        <input type="hidden" name="intent" value="delete" />
        {me.hasPassword ? (
          <Field
            label="Your password, to confirm"
            type="password"
            autoComplete="current-password"
            error={errorFor("password")}
            {...deleteForm.register("password")}
          />
        ) : (
          <Field
            label={`Type the word ${DELETE_CONFIRMATION_WORD} to confirm`}
            hint="Your account has no password (you sign in through your association or were imported), so typing the word confirms it is you."
            autoComplete="off"
            error={errorFor("confirmation")}
            {...deleteForm.register("confirmation")}
          />
        )}
        <button type="submit" className="button button--danger">
          Delete my account
        </button>
      </Form>
    </section>
  );

  if (me.suspended) {
    // A suspended account may only take its data away or delete itself.
    return (
      <>
        <h1>My account</h1>
        <Notice tone="error">
          <strong>Your account is suspended.</strong> It cannot take part in the plan. You can still download your data or delete your account.
        </Notice>
        {dataSection}
      </>
    );
  }

  return (
    <>
      <h1>My account</h1>
      <p className="lede">
        Signed in as <strong>{me.displayName}</strong> ({me.email}).
      </p>

      <nav aria-label="On this page" className="page-toc">
        <a href="#supports">My support</a> · <a href="#priorities">My priority points</a> · <a href="#stances">My stances</a> ·{" "}
        <a href="#comments">My comments</a> · <a href="#handle">Handle</a> · <a href="#profile">Profile</a> · <a href="#email">Email address</a> ·{" "}
        <a href="#data">My data</a>
      </nav>

      <section className="card section" aria-labelledby="supports">
        <h2 id="supports">My support ({activity.votes.length})</h2>
        {activity.votes.length === 0 ? (
          <p className="muted">You have not supported any objective yet. Press Support on an objective you back.</p>
        ) : (
          <ul className="plain-list">
            {activity.votes.map((vote) => (
              <li key={vote.objective.id}>
                <span aria-hidden="true">✓ </span>
                <Link to={`/objectives/${vote.objective.slug}`}>{vote.objective.text}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card section" aria-labelledby="priorities">
        <h2 id="priorities">My priority points</h2>
        <p>
          {spent} of {PRIORITY_POINTS_BUDGET} points placed, {activity.pointsLeft} left. <Link to="/priorities">Change my points</Link>
        </p>
        {activity.priorities.length > 0 ? (
          <ul className="plain-list">
            {activity.priorities.map((p) => (
              <li key={p.objective.id}>
                <strong className="points-pill">
                  {p.points} {p.points === 1 ? "point" : "points"}
                </strong>{" "}
                <Link to={`/objectives/${p.objective.slug}`}>{p.objective.text}</Link>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section className="card section" aria-labelledby="stances">
        <h2 id="stances">My stances ({activity.stances.length})</h2>
        {activity.stances.length === 0 ? (
          <p className="muted">You have not taken a stance yet. Each objective page has a “My stance” choice.</p>
        ) : (
          <ul className="plain-list">
            {activity.stances.map((s) => (
              <li key={s.objective.id}>
                <StanceChip stance={s.stance} /> <Link to={`/objectives/${s.objective.slug}`}>{s.objective.text}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card section" aria-labelledby="comments">
        <h2 id="comments">My comments ({activity.comments.length})</h2>
        {activity.comments.length === 0 ? (
          <p className="muted">You have not commented yet.</p>
        ) : (
          <ul className="plain-list my-comments">
            {activity.comments.map((comment) => {
              const state = commentState(comment);
              return (
                <li key={comment.id}>
                  <p className="my-comments__meta">
                    On <Link to={`/objectives/${comment.objectiveSlug}`}>{comment.objectiveText}</Link> ·{" "}
                    <time dateTime={comment.createdAt}>{formatDate(comment.createdAt)}</time>
                    {state ? <strong> · {state}</strong> : null}
                  </p>
                  <p className="my-comments__body">{comment.body}</p>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="card section" aria-labelledby="handle">
        <h2 id="handle">Handle</h2>
        <p>
          Other members mention you in a comment by writing <strong>@{me.handle}</strong>; you are told when they do. Letters a–z, digits, _ and -, 3 to{" "}
          {HANDLE_MAX} characters.
        </p>
        {params.get("handleSaved") && !result ? <Notice tone="success">Your handle is saved.</Notice> : null}
        {result?.intent === "handle" ? <FormErrorSummary message={result.formError} /> : null}
        <Form method="post">
          <input type="hidden" name="intent" value="handle" />
          <Field
            label="Your handle"
            name="handle"
            defaultValue={me.handle ?? ""}
            autoComplete="off"
            spellCheck={false}
            error={result?.intent === "handle" ? result.fieldErrors?.handle?.[0] : undefined}
          />
          <button type="submit" className="button">
            Save handle
          </button>
        </Form>
      </section>

      <section className="card section" aria-labelledby="profile">
        <h2 id="profile">Profile</h2>
        <p>
          These answers are optional. They are <strong>used only in aggregates of five or more members</strong> — never shown next to your name or comments — so
          the association can see whether different groups of members see the plan differently.
        </p>
        {profile.questions.length === 0 ? <p className="muted">The association has not asked any profile questions yet.</p> : null}
        {params.get("profileSaved") && !result ? <Notice tone="success">Your profile is saved.</Notice> : null}
        {result?.intent === "profile" ? <FormErrorSummary message={result.formError} /> : null}
        <Form method="post" className="profile-form">
          <input type="hidden" name="intent" value="profile" />
          <div className="profile-form__grid">
            {profile.questions
              .filter((q) => q.kind === "single")
              .map((question) => (
                <ProfileQuestionField key={question.key} question={question} error={profileErrors?.[question.key]?.[0]} />
              ))}
          </div>
          {profile.questions
            .filter((q) => q.kind === "multiple")
            .map((question) => (
              <ProfileQuestionField key={question.key} question={question} error={profileErrors?.[question.key]?.[0]} />
            ))}
          <button type="submit" className="button">
            Save profile
          </button>
        </Form>
      </section>

      <section className="card section" aria-labelledby="email">
        <h2 id="email">Email address</h2>
        <p>
          {me.email} · {me.emailVerified ? "confirmed" : "not confirmed yet: use the link we sent, or ask for a new one from the banner above"}
        </p>
        {params.get("emailChanged") && !result ? (
          <Notice tone="success">Your address is changed. We sent a confirmation link to the new one and told the old one.</Notice>
        ) : null}
        {result?.intent === "email" ? <FormErrorSummary message={result.formError} /> : null}
        <Form method="post">
          <input type="hidden" name="intent" value="email" />
          <Field
            label="New email address"
            name="email"
            type="email"
            autoComplete="email"
            hint="You will need to confirm the new address before you can take part again."
            error={result?.intent === "email" ? result.fieldErrors?.email?.[0] : undefined}
          />
          <Field
            label="Current password"
            name="password"
            type="password"
            autoComplete="current-password"
            error={result?.intent === "email" ? result.fieldErrors?.password?.[0] : undefined}
          />
          <button type="submit" className="button button--secondary">
            Change email address
          </button>
        </Form>
      </section>

      {dataSection}
    </>
  );
}
