/**
 * `npm run look:eval`: is the look of a picture a signal worth using? On the one split of titles (scripts/lib/tone-tags
 * `partOf`, by movieId, seed 16): every choice was made on the tuning part; the table reports the reporting part
 * (`-- tuning` prints the tuning part instead).
 *
 * (a) Robustness: a screen capture of a poster (random crop, scaled up to a frame, brightness and colour shifts,
 *     letterboxed half the time, JPEG) finds its own film among the nearest 1 % of the catalogue's looks.
 * (b) Stability: a film's two different posters are nearer each other than two random films (AUC).
 * (c) Tone prediction: does the look add to what the catalogue already knows of a film's tones? Per tone, a logistic
 *     regression fitted on the tuning part's labelled titles (the film's calibrated tone, or its genres) with and
 *     without the look; ROC AUC on the reporting part.
 * (f) In the ranker: the 14 cold lists (emotion × match/lift, a new user, full catalogue) for pictures that are
 *     frames of films of the reported part (a capture of a poster), with and without the look term: how alike the top
 *     10 look to the picture, how many picks say so, and how much of the list the look changed.
 * (g) The mood still leads: over the part's labelled titles (issue 16's tone labels), the 14 cold lists for the same
 *     frames with the look term at several weights (the shipped one is RANK_WEIGHTS.look): tone precision@10, the
 *     mood's own measure, against how alike the top 10 look: what the look costs the mood where few titles compete.
 * (d) The example for the README: a dark, blue frame made from a face photo, its look and words, its five nearest films.
 * (e) Speed: the look of a 640×480 frame in Node (the same code as the offscreen document).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { capture } from '../lib/capture';
import { resizeRgba } from '../lib/image';
import { logit } from '../../models/probability';
import { TONES } from '../../models/catalogue/tones';
import { rng } from '../../models/learning/linalg';
import { lookOf, LOOK_SIZE } from '../../models/look/look';
import {
  lookWords,
  nearestLooks,
  standardize,
  typicalDistance2,
  unpackLooks,
  type LooksFile,
} from '../../models/look/look-index';
import { pictureLook, type PictureLook } from '../../models/look/picture';
import { EMOTIONS, zeroProbabilities } from '../../models/mood/emotions';
import { emptyUserModel } from '../../models/learning/user-model';
import { moodRanker, RANK_WEIGHTS } from '../../models/recommend/mood-ranker';
import { moodTarget, type MoodTarget } from '../../models/recommend/mood-target';
import type { Pick } from '../../models/recommend/ranker';
import type { Movie } from '../../models/catalogue/movie';
import { DEFAULT_FILTERS } from '../../models/recommend/filters';
import { readItemFactors } from '../lib/factors';
import { CATALOGUE_DIR, readPackedCatalogue } from '../lib/catalogue';
import { fitTone } from '../films/fit-tones';
import { mean, rocAuc } from '../lib/metrics';
import { posterFiles, readJpeg } from '../lib/posters';
import { markdownTable, quantile, round } from '../lib/stats';
import { fitsTarget, partOf, readToneLabels, type Part } from '../lib/tone-tags';
import { SHARED_DATA, FACES } from '../../tests/support/images';
import { displayTitle } from '../../models/catalogue/movie';
import { sigmoid } from '../../models/probability';

const REPORT: Part = process.argv.includes('tuning') ? 'tuning' : 'reporting';
const SEED = 21;
const index = unpackLooks(JSON.parse(readFileSync(join(CATALOGUE_DIR, 'looks.json'), 'utf8')) as LooksFile);
const { movies } = readPackedCatalogue();
const byId = new Map(movies.map((m) => [m.movieId, m]));
const files = posterFiles();
/** Films with a look. */
const FILMS = [...index.rows.keys()];
const N = FILMS.length;

/** How many other films are nearer the look than the film `own`. */
function rankOf(z: Float32Array, own: number): number {
  const ds = nearestLooks(z, index);
  const d = ds.get(own)!.d2;
  let rank = 0;
  for (const [id, other] of ds) if (id !== own && other.d2 < d) rank++;
  return rank;
}

/** Films captured for (a): a fixed sample of the part (each capture costs a JPEG round trip of a frame). */
const CAPTURES = 800;

interface Robustness {
  recall: number;
  medianRank: number;
  films: number;
  /** Recall for films with one poster, and with two (whose shipped look is the two averaged). */
  onePoster: number;
  twoPosters: number;
}

function robustness(): Robustness {
  const random = rng(SEED);
  const part = FILMS.filter((id) => partOf(id) === REPORT);
  const sample = part.filter((_, k) => k % Math.max(1, Math.floor(part.length / CAPTURES)) === 0).slice(0, CAPTURES);
  const top = Math.ceil(N * 0.01);
  const found: { hit: number; two: boolean; rank: number }[] = [];
  for (const id of sample) {
    const paths = files.get(id)!;
    const look = lookOf(capture(readJpeg(paths[Math.floor(random() * paths.length)]!), random));
    if (!look) continue;
    const rank = rankOf(standardize(look, index), id);
    found.push({ hit: rank < top ? 1 : 0, two: paths.length > 1, rank });
  }
  return {
    recall: mean(found.map((f) => f.hit)),
    medianRank: quantile(
      found.map((f) => f.rank),
      0.5,
    ),
    films: found.length,
    onePoster: mean(found.filter((f) => !f.two).map((f) => f.hit)),
    twoPosters: mean(found.filter((f) => f.two).map((f) => f.hit)),
  };
}

function stability(): { auc: number; pairs: number } {
  const random = rng(SEED + 1);
  const same: number[] = [];
  const looks: Float32Array[] = [];
  for (const [id, paths] of files) {
    if (paths.length < 2 || partOf(id) !== REPORT || !index.rows.has(id)) continue;
    const [a, b] = paths.map((p) => lookOf(readJpeg(p)));
    if (!a || !b) continue;
    const za = standardize(a, index);
    const zb = standardize(b, index);
    same.push(za.reduce((s, v, k) => s + (v - zb[k]!) ** 2, 0));
    looks.push(za, zb);
  }
  const other = same.map(() => {
    const a = looks[Math.floor(random() * looks.length)]!;
    let b = a;
    while (b === a) b = looks[Math.floor(random() * looks.length)]!;
    return a.reduce((s, v, k) => s + (v - b[k]!) ** 2, 0);
  });
  // AUC that a same-film pair is nearer than a random pair: score = −distance.
  const auc = rocAuc(
    [...same, ...other].map((d) => -d),
    [...same.map(() => true), ...other.map(() => false)],
  );
  return { auc, pairs: same.length };
}

const GENRES = [...new Set(movies.flatMap((m) => m.genres))].sort();
function tonePrediction(): { rows: (string | number)[][]; gainOverTones: number; gainOverGenres: number } {
  const labels = readToneLabels(SHARED_DATA, { has: (id) => index.rows.has(id) && byId.has(id) });
  const ids = [...labels.keys()].sort((a, b) => a - b);
  const tuning = ids.filter((id) => partOf(id) === 'tuning');
  const report = ids.filter((id) => partOf(id) === 'reporting');
  // A film's look for (c): the mean of its posters' (standardised) looks.
  const look = (id: number) => {
    const rows = index.rows.get(id)!;
    return Array.from({ length: LOOK_SIZE }, (_, k) => mean(rows.map((r) => index.vectors[r * LOOK_SIZE + k]!)));
  };
  const toneOf = (id: number, t: (typeof TONES)[number]) =>
    logit(Math.min(0.99, Math.max(0.01, byId.get(id)!.profile.tones[t])));
  const genres = (id: number) => GENRES.map((g) => (byId.get(id)!.genres.includes(g) ? 1 : 0));
  const sets: Record<string, (id: number, t: (typeof TONES)[number]) => number[]> = {
    tone: (id, t) => [1, toneOf(id, t)],
    'tone + look': (id, t) => [1, toneOf(id, t), ...look(id)],
    genres: (id) => [1, ...genres(id)],
    'genres + look': (id) => [1, ...genres(id), ...look(id)],
  };
  const rows: (string | number)[][] = [];
  const aucs: Record<string, number[]> = {};
  for (const t of TONES) {
    const yTrain: number[] = tuning.map((id) => (labels.get(id)!.has(t) ? 1 : 0));
    const yTest = report.map((id) => labels.get(id)!.has(t));
    if (yTrain.reduce((s, v) => s + v, 0) < 5 || yTest.filter(Boolean).length < 5) continue;
    const row: (string | number)[] = [t, yTest.filter(Boolean).length];
    for (const [name, features] of Object.entries(sets)) {
      const w = fitTone(
        tuning.map((id) => Float64Array.from(features(id, t))),
        yTrain,
        3,
      );
      const scores = report.map((id) => sigmoid(features(id, t).reduce((s, v, k) => s + v * w[k]!, 0)));
      const auc = rocAuc(scores, yTest);
      (aucs[name] ??= []).push(auc);
      row.push(round(auc, 3));
    }
    rows.push(row);
  }
  rows.push(['mean', '', ...Object.keys(sets).map((n) => round(mean(aucs[n]!), 3))]);
  return {
    rows,
    gainOverTones: mean(aucs['tone + look']!) - mean(aucs.tone!),
    gainOverGenres: mean(aucs['genres + look']!) - mean(aucs.genres!),
  };
}

/** A face photo made dark and blue, as a night scene of a film might be: its look, words and nearest films. */
function example(): { words: string[]; nearest: string[]; ms: number } {
  const photo = jpeg.decode(readFileSync(join(FACES, 'human_person-vlado.jpg')), {
    useTArray: true,
    formatAsRGBA: true,
  });
  const frame = resizeRgba({ width: photo.width, height: photo.height, data: photo.data }, 640, 480);
  for (let i = 0; i < frame.data.length; i += 4) {
    const l = (frame.data[i]! + frame.data[i + 1]! + frame.data[i + 2]!) / 3;
    frame.data[i] = l * 0.25;
    frame.data[i + 1] = l * 0.4;
    frame.data[i + 2] = 30 + l * 0.7;
  }
  const times: number[] = [];
  let look: Float32Array | null = null;
  for (let r = 0; r < 30; r++) {
    const t = performance.now();
    look = lookOf(frame);
    times.push(performance.now() - t);
  }
  const z = standardize(look!, index);
  const ds = nearestLooks(z, index);
  const order = [...ds.keys()].sort((x, y) => ds.get(x)!.d2 - ds.get(y)!.d2);
  return {
    words: lookWords(z),
    nearest: order.slice(0, 5).map((id) => {
      const m = byId.get(id)!;
      return `${displayTitle(m.title)}${m.year ? ` (${m.year})` : ''}`;
    }),
    ms: quantile(times.slice(5), 0.5),
  };
}

const factors = readItemFactors();
const typical = typicalDistance2(index);

/** 12 frames of films of the reported part (screen captures of their posters), as looks the ranker takes. */
function frames(seed: number): PictureLook[] {
  const random = rng(seed);
  return FILMS.filter((id) => partOf(id) === REPORT)
    .filter(() => random() < 0.05)
    .slice(0, 12)
    .map((id) => pictureLook(Array.from(lookOf(capture(readJpeg(files.get(id)![0]!), random))!), index, typical));
}

/** The 14 cold lists (emotion × match/lift, a new user) of `titles`, ranked with a picture's look or without one. */
function coldLists(titles: readonly Movie[], look: PictureLook | null): { target: MoodTarget; picks: Pick[] }[] {
  return EMOTIONS.flatMap((emotion) =>
    (['match', 'lift'] as const).map((strategy) => {
      const target = moodTarget({ ...zeroProbabilities(), [emotion]: 1 }, strategy);
      const picks = moodRanker.rank({
        movies: titles,
        factors,
        user: emptyUserModel(),
        target,
        filters: DEFAULT_FILTERS,
        diversity: 0.5,
        count: 10,
        seed: 1,
        look,
      });
      return { target, picks };
    }),
  );
}

/** How alike the picks look to the picture (a film without a look counts as the median pair). */
const alike = (picks: readonly Pick[], look: PictureLook) =>
  mean(picks.map((p) => look.likeness(p.movie.movieId) ?? 0.5));

function inTheRanker(): { without: number; with: number; saying: number; changed: number; pictures: number } {
  const pictures = frames(SEED + 2);
  const likeness: number[][] = [[], []];
  let saying = 0;
  let changed = 0;
  let lists = 0;
  const plainLists = coldLists(movies, null);
  for (const look of pictures) {
    coldLists(movies, look).forEach(({ picks: looked }, k) => {
      const plain = plainLists[k]!.picks;
      likeness[0]!.push(alike(plain, look));
      likeness[1]!.push(alike(looked, look));
      saying += looked.filter((p) => p.reasons.some((r) => r.kind === 'look')).length / 10;
      const before = new Set(plain.map((p) => p.movie.movieId));
      changed += looked.filter((p) => !before.has(p.movie.movieId)).length / 10;
      lists++;
    });
  }
  return {
    without: mean(likeness[0]!),
    with: mean(likeness[1]!),
    saying: saying / lists,
    changed: changed / lists,
    pictures: pictures.length,
  };
}

/** Weights tried for (g): the look term is weight × (likeness − ½). */
const LOOK_WEIGHTS = [0, 0.2, 0.4, 0.6, 0.8, 1.2];

function moodStillLeads(): { weight: number; precision: number; likeness: number }[] {
  const pictures = frames(SEED + 3);
  const labels = readToneLabels(SHARED_DATA, byId);
  const part = movies.filter((m) => labels.has(m.movieId) && partOf(m.movieId) === REPORT);
  return LOOK_WEIGHTS.map((weight) => {
    const precision: number[] = [];
    const likeness: number[] = [];
    for (const look of pictures) {
      // The ranker adds RANK_WEIGHTS.look × (likeness − ½): scaling the likeness's distance from ½ tries another weight.
      const scaled: PictureLook = {
        ...look,
        likeness: (id) => {
          const l = look.likeness(id);
          return l === null ? null : 0.5 + ((l - 0.5) * weight) / RANK_WEIGHTS.look;
        },
      };
      for (const { target, picks } of coldLists(part, scaled)) {
        precision.push(picks.filter((p) => fitsTarget(labels.get(p.movie.movieId), target)).length / 10);
        likeness.push(alike(picks, look));
      }
    }
    return { weight, precision: mean(precision), likeness: mean(likeness) };
  });
}

function weightTable(rows: ReturnType<typeof moodStillLeads>): string {
  return markdownTable(
    ['look weight', 'tone precision@10', 'top-10 likeness'],
    rows.map((r) => [
      r.weight === RANK_WEIGHTS.look ? `**${r.weight}** (shipped)` : r.weight,
      round(r.precision, 3),
      round(r.likeness, 3),
    ]),
  );
}

if (process.argv.includes('--weights-only')) {
  console.log(weightTable(moodStillLeads()));
  process.exit(0);
}

const a = robustness();
if (process.argv.includes('--robustness-only')) {
  console.log(JSON.stringify(a));
  process.exit(0);
}
const b = stability();
const c = tonePrediction();
const d = example();
const f = inTheRanker();
const g = moodStillLeads();
const g0 = g.find((r) => r.weight === 0)!;
const gShipped = g.find((r) => r.weight === RANK_WEIGHTS.look)!;
console.log(`Part reported: ${REPORT} (films with a look: ${N}).\n`);
console.log(
  markdownTable(
    ['check', 'figure', 'target'],
    [
      [
        `(a) own film among the nearest 1 % (${Math.ceil(N * 0.01)}) of looks, ${a.films} captures`,
        round(a.recall, 3),
        '≥ 0.9',
      ],
      ['(a) median rank of the own film', a.medianRank, ''],
      [
        '(a) recall, films with one poster / with two (each poster kept)',
        `${round(a.onePoster, 3)} / ${round(a.twoPosters, 3)}`,
        '',
      ],
      [`(b) two posters of a film nearer than two films, AUC (${b.pairs} films)`, round(b.auc, 3), '≥ 0.75'],
      ['(c) tone AUC gain from the look, over the calibrated tone', round(c.gainOverTones, 3), '> 0 to use it'],
      ['(c) tone AUC gain from the look, over genres', round(c.gainOverGenres, 3), ''],
      ['(e) look of a 640×480 frame, p50 (Node)', `${round(d.ms, 2)} ms`, '≤ 5 ms'],
      [
        `(f) top 10's likeness to the picture, without → with the look term (${f.pictures} pictures × 14 lists)`,
        `${round(f.without, 3)} → ${round(f.with, 3)}`,
        '',
      ],
      [
        '(f) picks saying they look like the picture / picks the look changed',
        `${round(f.saying, 2)} / ${round(f.changed, 2)}`,
        '',
      ],
    ],
  ),
);
console.log(`\n(c) per tone, ROC AUC on the ${REPORT} part:\n`);
console.log(markdownTable(['tone', 'positives', ...['tone', 'tone + look', 'genres', 'genres + look']], c.rows));
console.log(`\n(g) the part's labelled titles, 12 frames × 14 cold lists, by look weight:\n`);
console.log(weightTable(g));
console.log(
  `\n(d) a dark blue 640×480 frame of a face: looks ${d.words.join(', ')}; nearest: ${d.nearest.join('; ')}\n`,
);
console.log(
  JSON.stringify({
    part: REPORT,
    captureRecallAt1pct: round(a.recall, 3),
    posterPairAuc: round(b.auc, 3),
    toneAucGainOverTones: round(c.gainOverTones, 3),
    toneAucGainOverGenres: round(c.gainOverGenres, 3),
    lookMsNode: round(d.ms, 2),
    top10LikenessWithout: round(f.without, 3),
    top10LikenessWith: round(f.with, 3),
    tonePrecisionNoLook: round(g0.precision, 3),
    tonePrecisionWithLook: round(gShipped.precision, 3),
  }),
);
