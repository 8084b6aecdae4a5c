/** ROC AUC by the Mann–Whitney U statistic (ties count half): the chance a random positive outscores a random negative. */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number {
  const items = scores.map((s, i) => ({ s, y: labels[i]! })).sort((a, b) => a.s - b.s);
  let pos = 0;
  let neg = 0;
  let rankSum = 0;
  for (let i = 0; i < items.length;) {
    let j = i;
    while (j < items.length && items[j]!.s === items[i]!.s) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (items[k]!.y) rankSum += avgRank;
    i = j;
  }
  for (const it of items) {
    if (it.y) pos++;
    else neg++;
  }
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function sd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}
