/** The best of many scores without sorting them all. */

/** The k-th largest value (1-based) by quickselect on a copy: linear on average. */
export function kthLargest(values: Float64Array, k: number): number {
  const a = Float64Array.from(values);
  let lo = 0;
  let hi = a.length - 1;
  const target = a.length - k;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target]!;
}

/** Indexes of the `k` highest scores, highest first (ties by index). Linear plus a sort of about `k`. */
export function topIndices(scores: Float64Array, k: number): number[] {
  if (scores.length === 0 || k <= 0) return [];
  const threshold = kthLargest(scores, Math.min(k, scores.length));
  const top: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= threshold) top.push(i);
  return top.sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, k);
}
