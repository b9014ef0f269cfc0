// "Did you mean": the known name closest to what was typed, when it is close
// enough to be a slip of the keyboard (a letter changed, added, dropped or
// two swapped), and nothing otherwise.

/** Letters changed, added, dropped or swapped (adjacent) to turn a into b: the optimal string alignment distance. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Case, dashes and underscores do not count: `tunnel_mtu` is `tunnelMtu` misspelt. */
const normal = (s: string) => s.toLowerCase().replace(/[-_]/g, '');

/** How many slips a word of this length may carry and still be recognised: 1 up to 4 letters, 2 up to 8, then 3. */
const allowed = (length: number) => (length <= 4 ? 1 : length <= 8 ? 2 : 3);

/**
 * The candidate closest to word, when within the slips allowed for its
 * length; the earlier candidate wins a tie, so callers list the likelier
 * ones first (a required key that is missing before an optional one).
 */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  const w = normal(word);
  let best: { name: string; distance: number } | undefined;
  for (const c of candidates) {
    const distance = editDistance(w, normal(c));
    if (distance <= allowed(w.length) && (best === undefined || distance < best.distance)) best = { name: c, distance };
  }
  return best?.name;
}
