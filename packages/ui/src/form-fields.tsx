import { forwardRef, useId, type InputHTMLAttributes, type ReactNode } from "react";

// Kept apart from useValidatedForm (./form.tsx): a page that only shows a field or an error summary
// must not load react-hook-form and the zod resolver with it.

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
};

export const Field = forwardRef<HTMLInputElement, FieldProps>(function Field({ label, name, error, hint, id, ...input }, ref) {
  const autoId = useId();
  const inputId = id ?? `${name}-${autoId}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={inputId} className="field__label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        ref={ref}
        id={inputId}
        name={name}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      {error ? (
        <p id={errorId} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
});

export function FormErrorSummary({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div className="notice notice--error" role="alert" tabIndex={-1}>
      {message}
    </div>
  );
}
