/** Closest candidate to a misspelt name, for "did you mean" fixes; undefined when nothing is close. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** How far a name may be from a candidate to count as a misspelling of it: a third of its length, 1 to 3 edits. */
const allowedDistance = (name: string): number => Math.max(1, Math.min(3, Math.floor(name.length / 3)));

/** The shortest start of a name that counts as an abbreviation of it ("grad" for "gradient"). */
const MIN_ABBREVIATION = 3;

/** The candidates closest to the name within the allowed distance, all of them when tied, in the given order. */
function misspellingsOf(name: string, candidates: readonly string[]): string[] {
  const lower = name.toLowerCase();
  let best: string[] = [];
  let bestDistance = allowedDistance(name) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = [candidate];
      bestDistance = distance;
    } else if (distance === bestDistance) best.push(candidate);
  }
  return best;
}

/** The closest candidate (the first when tied), or undefined when nothing is close. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  return misspellingsOf(name, candidates)[0];
}

/**
 * Every candidate the name plausibly meant: the closest misspellings (all of them when tied), else the candidates
 * it abbreviates, ends or extends ("grad" → "gradient", "shape" → "outputShape", "adjointness" → "adjoint").
 * Empty when nothing is close.
 */
export function closestNames(name: string, candidates: readonly string[]): string[] {
  const misspelt = misspellingsOf(name, candidates);
  const lower = name.toLowerCase();
  if (misspelt.length > 0 || lower.length < MIN_ABBREVIATION) return misspelt;
  return candidates.filter((c) => {
    const candidate = c.toLowerCase();
    return (
      candidate.startsWith(lower) ||
      (lower.length > MIN_ABBREVIATION && candidate.endsWith(lower)) ||
      (candidate.length >= MIN_ABBREVIATION && lower.startsWith(candidate))
    );
  });
}
