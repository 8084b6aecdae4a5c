/**
 * `npm run recs:tune`: chooses iALS hyper-parameters (factors, alpha, λ and its frequency exponent ν) on validation
 * users only, as Rendle et al. (2022) insist (see scripts/lib/tuning.ts), next to EASE tuned on the same users. The
 * grid can be narrowed with FACTORS, ALPHAS, LAMBDAS0 (ν = 0), LAMBDAS1 (ν = 1) and DATASET. Prints a table per
 * dataset and, last, one JSON line with the best setting per dataset.
 */
import { DEFAULT_IALS_PARAMS, type IalsParams } from '../../models/learning/ials';
import { load100k, loadSmall, universe, type Dataset } from '../lib/recs-data';
import { markdownTable, round } from '../lib/stats';
import { ialsValidationNdcg, tuneEase, tuningUsers } from '../lib/tuning';

const list = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').filter(Boolean).map(Number);
const FACTORS = list('FACTORS', String(DEFAULT_IALS_PARAMS.factors));
const ALPHAS = list('ALPHAS', '0.5,1,2');
const GRID: { regExponent: number; lambdas: number[] }[] = [
  { regExponent: 0, lambdas: list('LAMBDAS0', '5,10,15,25') },
  { regExponent: 1, lambdas: list('LAMBDAS1', '0.005,0.01,0.02') },
];

function tune(dataset: Dataset) {
  const u = universe(dataset);
  const ease = tuneEase(u);
  console.error(`${dataset.name}: EASE λ = ${ease.lambda}, validation NDCG@10 ${round(ease.ndcg, 4)}`);
  const rows: (string | number)[][] = [];
  let best = { params: DEFAULT_IALS_PARAMS, ndcg: -1 };
  for (const factors of FACTORS)
    for (const alpha of ALPHAS)
      for (const { regExponent, lambdas } of GRID)
        for (const regularization of lambdas) {
          const params: IalsParams = { ...DEFAULT_IALS_PARAMS, factors, alpha, regularization, regExponent };
          const t = performance.now();
          const ndcg = ialsValidationNdcg(u, params);
          rows.push([
            factors,
            alpha,
            regExponent,
            regularization,
            round(ndcg, 4),
            Math.round((performance.now() - t) / 1000),
          ]);
          console.error(`${dataset.name}: ${JSON.stringify(rows.at(-1))}`);
          if (ndcg > best.ndcg) best = { params, ndcg };
        }
  console.log(`\n### ${dataset.name}: ${tuningUsers(u)} tuning users, ${u.itemIds.length} items\n`);
  console.log(markdownTable(['factors', 'alpha', 'ν', 'λ', 'validation NDCG@10', 's'], rows));
  console.log(`\nEASE on the same users: λ = ${ease.lambda}, NDCG@10 ${round(ease.ndcg, 4)}`);
  return { ...best.params, ndcg10: round(best.ndcg, 4), easeNdcg10: round(ease.ndcg, 4) };
}

const only = process.env.DATASET;
const small = only === 'ml-100k' ? null : tune(loadSmall());
const ml100k = only === 'ml-latest-small' ? null : tune(load100k());
console.log(JSON.stringify({ tune: 'ials', 'ml-latest-small': small, 'ml-100k': ml100k }));
