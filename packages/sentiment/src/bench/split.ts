/**
 * Which half of a benchmark set a text belongs to, decided by an FNV-1a hash of its id so the split
 * is stable across runs and machines. Tuning may look only at the "tuning" half.
 */
export type Half = "tuning" | "held-out";

export function halfOf(setKey: string, id: string): Half {
  let hash = 0x811c9dc5;
  const key = `${setKey}:${id}`;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 2 === 0 ? "tuning" : "held-out";
}
