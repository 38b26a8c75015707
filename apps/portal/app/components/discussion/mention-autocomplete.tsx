import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import { HANDLE_MAX } from "@planpulse/validators";
import { loadApi } from "../../lib/api";

type Suggestion = { handle: string; displayName: string };

// The @word just before the caret, when it could become a mention (same "before" rule as splitMentions).
const TYPED_MENTION = new RegExp(`(?:^|[^\\p{L}\\p{N}_\\-.@/\\\\\`:+=&#%~])@([A-Za-z0-9_-]{1,${HANDLE_MAX}})$`, "u");

/**
 * Autocomplete for @mentions in a comment box, added once JavaScript runs (without it the box is a
 * plain textarea and `@handle` typed by hand works the same). The textarea becomes a combobox: the
 * list is announced through aria-activedescendant; ↓/↑ move, Enter or Tab picks, Escape closes.
 */
export function useMentionAutocomplete(textarea: RefObject<HTMLTextAreaElement | null>, listId: string, onChange: (value: string) => void) {
  const [items, setItems] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(0);
  const [hydrated, setHydrated] = useState(false);
  const request = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    setHydrated(true);
    return () => window.clearTimeout(timer.current);
  }, []);

  const close = useCallback(() => {
    request.current += 1;
    setItems([]);
    setActive(0);
  }, []);

  const typedPrefix = useCallback((): string | null => {
    const element = textarea.current;
    if (!element || element.selectionStart !== element.selectionEnd) return null;
    const match = TYPED_MENTION.exec(element.value.slice(0, element.selectionStart));
    return match ? match[1]! : null;
  }, [textarea]);

  /** Call on input and caret moves: looks up handles for the @word at the caret, shortly after typing stops. */
  const update = useCallback(() => {
    const prefix = typedPrefix();
    window.clearTimeout(timer.current);
    if (!prefix) {
      close();
      return;
    }
    const ticket = ++request.current;
    timer.current = window.setTimeout(() => {
      loadApi()
        .then((api) => api.queryClient.fetchQuery(api.trpc.comment.mentionSuggestions.queryOptions({ prefix })))
        .then((found) => {
          if (ticket !== request.current) return;
          setItems(found);
          setActive(0);
        })
        .catch(() => close());
    }, 150);
  }, [typedPrefix, close]);

  const choose = useCallback(
    (suggestion: Suggestion) => {
      const element = textarea.current;
      const prefix = typedPrefix();
      if (!element || prefix === null) return close();
      const caret = element.selectionStart;
      const start = caret - prefix.length;
      const after = element.value.slice(caret);
      const insert = `${suggestion.handle}${after.startsWith(" ") ? "" : " "}`;
      const value = element.value.slice(0, start) + insert + after;
      element.value = value;
      const position = start + insert.length;
      element.setSelectionRange(position, position);
      onChange(value);
      close();
    },
    [textarea, typedPrefix, onChange, close],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLTextAreaElement>) => {
      if (items.length === 0) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((index) => (index + step + items.length) % items.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        choose(items[active]!);
      } else if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        close();
      }
    },
    [items, active, choose, close],
  );

  const open = items.length > 0;
  const optionId = (index: number) => `${listId}-option-${index}`;
  const comboboxProps = hydrated
    ? {
        role: "combobox",
        "aria-autocomplete": "list" as const,
        "aria-expanded": open,
        "aria-controls": listId,
        "aria-activedescendant": open ? optionId(active) : undefined,
        onKeyDown,
        onKeyUp: (event: KeyboardEvent<HTMLTextAreaElement>) => {
          if (event.key === "ArrowLeft" || event.key === "ArrowRight" || event.key === "Home" || event.key === "End") update();
        },
        onClick: update,
      }
    : {};

  const listbox = hydrated ? (
    <ul id={listId} role="listbox" aria-label="Members to mention" className="mention-list" hidden={!open}>
      {items.map((item, index) => (
        <li
          key={item.handle}
          id={optionId(index)}
          role="option"
          aria-selected={index === active}
          className={`mention-list__option${index === active ? " mention-list__option--active" : ""}`}
          onMouseDown={(event) => {
            event.preventDefault(); // keep the caret in the textarea
            choose(item);
          }}
        >
          <span className="mention-list__handle">@{item.handle}</span> <span className="mention-list__name">{item.displayName}</span>
        </li>
      ))}
    </ul>
  ) : null;

  return { comboboxProps, listbox, update, onBlur: () => window.setTimeout(close, 150) };
}
