import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { useEffect, type FormEvent } from "react";
import { useForm, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";

export type ServerFieldErrors = Record<string, string[] | undefined> | null | undefined;

/**
 * react-hook-form over a Remix <Form>: with JavaScript the shared zod schema checks fields before
 * posting; without it the form posts as plain HTML and the action's field errors render on the server.
 * No defaultValues are given to react-hook-form: it reads the inputs' own values when it attaches,
 * so whatever the server rendered, or the person typed before hydration, is kept.
 */
export function useValidatedForm<TSchema extends z.ZodType<FieldValues, FieldValues>>(schema: TSchema, options: { serverErrors?: ServerFieldErrors } = {}) {
  const submit = useSubmit();
  const form = useForm<z.input<TSchema>>({
    resolver: zodResolver(schema as never) as never,
    mode: "onTouched",
  }) as UseFormReturn<z.input<TSchema>>;
  const { serverErrors } = options;
  const { setError } = form;

  useEffect(() => {
    for (const [name, messages] of Object.entries(serverErrors ?? {})) {
      if (messages?.[0]) setError(name as Path<z.input<TSchema>>, { type: "server", message: messages[0] });
    }
  }, [serverErrors, setError]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const formElement = event.currentTarget;
    void form.handleSubmit(() => submit(formElement, { method: (formElement.getAttribute("method") ?? "post") as "post" }))(event);
  };

  /** The message for a field: the browser's check first, then what the server said. */
  const errorFor = (name: string): string | undefined => {
    const clientError = (form.formState.errors as Record<string, { message?: string } | undefined>)[name]?.message;
    return clientError ?? serverErrors?.[name]?.[0];
  };

  return { form, onSubmit, errorFor };
}
