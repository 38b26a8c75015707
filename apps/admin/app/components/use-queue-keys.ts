import { useEffect } from "react";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * Keyboard shortcuts for a queue of items marked `data-queue-item` (progressive enhancement: every
 * action is also a plain button). j / k move between items; other keys click the element marked
 * `data-key="<key>"` inside the current item, or focus it when it is a text field.
 */
export function useQueueKeys(keys: readonly string[]) {
  useEffect(() => {
    function items(): HTMLElement[] {
      return Array.from(document.querySelectorAll<HTMLElement>("[data-queue-item]"));
    }
    function current(list: HTMLElement[]): number {
      const active = document.activeElement;
      return list.findIndex((item) => item === active || item.contains(active));
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const list = items();
      if (list.length === 0) return;
      const index = current(list);
      if (event.key === "j" || event.key === "k") {
        event.preventDefault();
        const next = index === -1 ? 0 : Math.max(0, Math.min(list.length - 1, index + (event.key === "j" ? 1 : -1)));
        list[next]!.focus();
        list[next]!.scrollIntoView({ block: "nearest" });
        return;
      }
      if (!keys.includes(event.key) || index === -1) return;
      const control = list[index]!.querySelector<HTMLElement>(`[data-key="${event.key}"]`);
      if (!control) return;
      event.preventDefault();
      if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) control.focus();
      else control.click();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [keys]);
}
