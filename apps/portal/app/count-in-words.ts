const NUMBER_WORDS = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"];

/** "Five domains", "One domain", "14 domains": headings count what the plan holds. */
export function countInWords(count: number, noun: string): string {
  return `${NUMBER_WORDS[count] ?? count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}
