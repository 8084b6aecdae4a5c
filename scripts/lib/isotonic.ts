/**
 * Isotonic regression by pooling adjacent violators: the non-decreasing step function of x nearest to y in weighted
 * squared error. Read linearly between the steps' weighted centres and flat beyond the first and last.
 */
export function fitIsotonic(
  x: readonly number[],
  y: readonly number[],
  w: readonly number[] = x.map(() => 1),
): (v: number) => number {
  const order = x.map((_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const blocks: { w: number; wy: number; wx: number }[] = [];
  for (const i of order) {
    blocks.push({ w: w[i]!, wy: w[i]! * y[i]!, wx: w[i]! * x[i]! });
    for (;;) {
      const b = blocks[blocks.length - 1]!;
      const a = blocks[blocks.length - 2];
      if (!a || a.wy / a.w < b.wy / b.w) break;
      blocks.pop();
      a.w += b.w;
      a.wy += b.wy;
      a.wx += b.wx;
    }
  }
  const cx = blocks.map((b) => b.wx / b.w);
  const cy = blocks.map((b) => b.wy / b.w);
  const last = blocks.length - 1;
  return (v) => {
    if (v <= cx[0]!) return cy[0]!;
    if (v >= cx[last]!) return cy[last]!;
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (cx[mid]! <= v) lo = mid;
      else hi = mid;
    }
    const span = cx[hi]! - cx[lo]!;
    return span > 0 ? cy[lo]! + ((cy[hi]! - cy[lo]!) * (v - cx[lo]!)) / span : cy[hi]!;
  };
}
