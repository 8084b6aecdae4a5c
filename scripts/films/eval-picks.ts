/**
 * `npm run films:eval-picks [-- tuning] [-- --tags <file>] [-- --save-draws <file>] [-- --against <file>]`: what a
 * new user sees at the top of a mood check's list.
 *
 * Labels: ml-latest-small user tags mapped to tones with no genre word (scripts/lib/tone-tags.ts). Titles whose tags
 * name a tone are split once by title (fixed seed) into a tuning and a reporting half; every choice was made on the
 * tuning half, docs/recommendations.md reports the reporting half (the default here).
 * - Tone precision@10 per emotion × strategy (14 targets), cold user, the shipped ranker over the part's labelled
 *   titles: the share of picks whose tags name a wanted tone and no tone the target steers away from. Also for the
 *   mixed moods the shipped analyzer reads from real photos (scripts/lib/real-moods.ts), also by posed expression.
 * - Reason truth: the share of tone words shown in reasons that the title's tags support, with the number of titles
 *   that carry it and a 90 % bootstrap interval over those titles (a few titles named in many lists).
 * - Spread: the 14 cold lists on the full catalogue: in how many lists the most repeated title is, and the mean
 *   pairwise Jaccard of the top 10s. Also how well known their titles are (TMDB votes): a new user who knows none of
 *   the picks has nothing to trust them by; and how many top-5 places animated or children's titles take (a grown-up's
 *   list should not look like a children's one).
 * - Baselines through the same ranker: genres-only profiles, the profiles shipped before (read from git when the
 *   commit is there), and a plain genre table (happy → comedy…) ranked by genre match then quality. Beside them a
 *   diagnosis: the same ranker with the labels as profiles, so what it misses is the ranker's rules, not the profiles.
 * - How much the headline figures move with which titles happen to be labelled: sd over random subsamples of them;
 *   and, with `--against` a run saved by `--save-draws`, how much a try moves them on the same subsamples.
 * Prints tables, then one JSON line of headline figures.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unpackMovie, validatePacked, type PackedCatalogue } from '../../models/catalogue/format';
import { displayTitle, type Movie } from '../../models/catalogue/movie';
import { SHIPPED_READER } from '../../models/catalogue/shipped-tones';
import { TONES, withAffect, type Tone, type ToneScores } from '../../models/catalogue/tones';
import { TONE_OOF } from './fit-tones';
import type { ItemFactors } from '../../models/learning/item-factors';
import { personalTarget } from '../../models/learning/mood-map';
import { applyFeedback, emptyUserModel } from '../../models/learning/user-model';
import { EMOTIONS, zeroProbabilities, type Emotion, type EmotionProbabilities } from '../../models/mood/emotions';
import { moodTarget, toneSides, type MoodTarget, type Strategy } from '../../models/recommend/mood-target';
import { DEFAULT_FILTERS } from '../../models/recommend/filters';
import { isAnimatedOrChildren, moodRanker } from '../../models/recommend/mood-ranker';
import { qualityPrior } from '../../models/recommend/scoring';
import type { Pick } from '../../models/recommend/ranker';
import { readPackedCatalogue } from '../lib/catalogue';
import { readItemFactors } from '../lib/factors';
import { mean, sd } from '../lib/metrics';
import { realMoods } from '../lib/real-moods';
import { option } from '../lib/options';
import { pairedAgainst, readSavedDraws, type SavedDraws } from '../lib/paired-draws';
import { bootstrapShare, markdownTable, quantile, round, subsampleScale, subsamples } from '../lib/stats';
import {
  fitsTarget,
  halfOf,
  meetsTarget,
  partOf,
  readToneLabels,
  SHIPPED_TAGS,
  tagsFileAt,
  type Part,
} from '../lib/tone-tags';

const DATA = resolve(process.env.MOODREEL_DATA ?? '../shared/data');
const PART: Part = process.argv.includes('tuning') ? 'tuning' : 'reporting';
/**
 * `--tags <file>`: the labels from another tags.csv (another MovieLens release's, say: independent labels; its folder
 * will do), mapped to tones the same way; the split of titles stays the same, so the reporting half's titles were
 * never fitted on.
 */
const TAG_FILE = option('tags');
/** `--save-draws <file>`: keep the shipped figures of every title subsample, for a later `--against`. */
const SAVE_DRAWS = option('save-draws');
/** `--against <file>`: read this run's figures against a saved run's, draw by draw (scripts/lib/paired-draws.ts). */
const AGAINST = option('against');
const TAGS = TAG_FILE === null ? null : tagsFileAt(resolve(TAG_FILE));
/** The commit whose catalogue was shipped before this evaluation existed (the "before" profiles). */
const BEFORE_COMMIT = 'a3948a6';
const COUNT = 10;
/** A title with fewer TMDB votes than this is one few people have seen. */
const LITTLE_KNOWN = 200;
/** The popup's default variety. */
const DIVERSITY = 0.5;
const STRATEGIES: readonly Strategy[] = ['match', 'lift'];
/** The diagnosis's profiles: a tone the tags name, and one they do not (not zero: no tag is no proof). */
const LABEL_SURE = 0.9;
const LABEL_UNSURE = 0.05;

type Labels = Map<number, Set<Tone>>;
type RankFn = (movies: readonly Movie[], target: MoodTarget) => Pick[];

function precision(picks: readonly Pick[], labels: Labels, target: MoodTarget): number {
  return picks.filter((p) => fitsTarget(labels.get(p.movie.movieId), target)).length / COUNT;
}

/** Per title: tone words in its reasons (`count`), and how many of them its tags support (`hits`). */
type Truth = Map<number, { count: number; hits: number }>;

function addReasonTones(picks: readonly Pick[], labels: Labels, into: Truth): void {
  for (const p of picks)
    for (const r of p.reasons)
      if (r.kind === 'mood')
        for (const t of r.tones) {
          const unit = into.get(p.movie.movieId) ?? { count: 0, hits: 0 };
          unit.count++;
          if (labels.get(p.movie.movieId)?.has(t)) unit.hits++;
          into.set(p.movie.movieId, unit);
        }
}

/** Shown tone words, the share the tags support, from how many titles, and its interval over titles. */
function truthOf(truth: Truth) {
  const units = [...truth.values()];
  const shown = units.reduce((s, u) => s + u.count, 0);
  const supported = units.reduce((s, u) => s + u.hits, 0);
  return { shown, share: shown === 0 ? null : supported / shown, titles: units.length, ...bootstrapShare(units) };
}

const shippedRanker =
  (factors: ItemFactors | null): RankFn =>
  (movies, target) =>
    moodRanker.rank({
      movies,
      factors,
      user: emptyUserModel(),
      target,
      filters: DEFAULT_FILTERS,
      diversity: DIVERSITY,
      count: COUNT,
      seed: 1,
    });

/** The seed document's table: an emotion's genres to match it, and to lift it. */
const GENRE_TABLE: Record<Emotion, Record<Strategy, string[]>> = {
  happy: { match: ['Comedy', 'Adventure', 'Musical'], lift: ['Adventure', 'Comedy', 'Musical'] },
  sad: { match: ['Drama', 'Romance'], lift: ['Comedy', 'Children', 'Animation'] },
  angry: { match: ['Action', 'Thriller', 'Crime'], lift: ['Comedy', 'Animation', 'Musical'] },
  fearful: { match: ['Horror', 'Thriller', 'Mystery'], lift: ['Comedy', 'Children', 'Animation'] },
  disgusted: { match: ['Horror', 'Crime', 'Documentary'], lift: ['Romance', 'Musical', 'Comedy'] },
  surprised: { match: ['Mystery', 'Sci-Fi', 'Fantasy'], lift: ['Fantasy', 'Adventure', 'Sci-Fi'] },
  neutral: { match: ['Drama', 'Comedy', 'Documentary'], lift: ['Action', 'Comedy', 'Adventure'] },
};

function genreTableRanker(probabilities: (t: MoodTarget) => EmotionProbabilities): RankFn {
  return (movies, target) => {
    const p = probabilities(target);
    const score = (m: Movie) =>
      EMOTIONS.reduce(
        (s, e) => s + p[e] * m.genres.filter((g) => GENRE_TABLE[e][target.strategy].includes(g)).length,
        0,
      );
    return [...movies]
      .map((movie) => ({ movie, s: score(movie), q: qualityPrior(movie) }))
      .sort((a, b) => b.s - a.s || b.q - a.q || a.movie.movieId - b.movie.movieId)
      .slice(0, COUNT)
      .map(({ movie, s }) => ({ movie, score: s, reasons: [], wildcard: false }));
  };
}

function withProfiles(movies: readonly Movie[], profile: (m: Movie) => Movie['profile'] | undefined): Movie[] {
  return movies.map((m) => ({ ...m, profile: profile(m) ?? m.profile }));
}

function beforeProfiles(): Map<number, Movie['profile']> | null {
  try {
    const gz = execFileSync('git', ['show', `${BEFORE_COMMIT}:public/catalogue/movies.json.gz`], {
      maxBuffer: 1 << 26,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const packed: unknown = JSON.parse(gunzipSync(gz).toString('utf8'));
    if (validatePacked(packed)) return null;
    const p = packed as PackedCatalogue;
    return new Map(p.movies.map((m) => [m[0], unpackMovie(p, m).profile]));
  } catch {
    return null;
  }
}

/** Feedback counts the personal mood map is measured after. */
const LESSONS = [0, 5, 10, 20];
/** Hidden preferences simulated users may have for how a mood is met (tones the labels can check). */
const PREFERRED: readonly Tone[] = ['funny', 'thoughtProvoking', 'atmospheric', 'surprising', 'whimsical', 'dark'];

/** The seed that splits the tuning half again for the mood-map simulation of a tuning run. */
const SIMULATION_SEED = 61;

/**
 * The personal mood map, by simulation: a user with a hidden wish for one mood ("when I'm sad, something funny")
 * asks to lift that mood, and gives a thumb on the first unrated pick of each list, up when the title's tags name the
 * wished tone, down otherwise (the lists and thumbs on the tuning half). After 0, 5, 10 and 20 thumbs: the share of
 * the top 10 on the reporting half whose tags name the wished tone, with the mood map and without it (taste alone).
 * A tuning run reads no reporting title: it splits the tuning half again, thumbs on one part, measured on the other.
 */
function moodMapSimulation(movies: readonly Movie[], labels: Labels, factors: ItemFactors | null) {
  const half = (part: Part) => movies.filter((m) => labels.has(m.movieId) && partOf(m.movieId) === part);
  const tuning = half('tuning');
  const again = (h: 0 | 1) => tuning.filter((m) => halfOf(m.movieId, SIMULATION_SEED) === h);
  // Thumbs are given on `learnFrom`'s lists; the wish is measured on `measureOn`'s.
  const learnFrom = PART === 'reporting' ? tuning : again(0);
  const measureOn = PART === 'reporting' ? half('reporting') : again(1);
  const users = EMOTIONS.filter((e) => e !== 'neutral').flatMap((emotion) =>
    PREFERRED.filter((tone) => !toneSides(moodTarget(oneHot(emotion), 'lift', 1)).wanted.includes(tone)).map(
      (tone) => ({ emotion, tone }),
    ),
  );
  const curves = { map: LESSONS.map(() => [] as number[]), taste: LESSONS.map(() => [] as number[]) };
  for (const { emotion, tone } of users) {
    for (const withMap of [true, false]) {
      let user = emptyUserModel();
      const lesson = { emotion, strategy: 'lift' as const };
      const rankFor = (list: readonly Movie[]) =>
        moodRanker.rank({
          movies: list,
          factors,
          user,
          target: personalTarget(moodTarget(oneHot(emotion), 'lift', 1), oneHot(emotion), user.moodMap),
          filters: DEFAULT_FILTERS,
          diversity: DIVERSITY,
          count: COUNT,
          seed: 1,
        });
      for (let given = 0; given <= LESSONS.at(-1)!; given++) {
        const at = LESSONS.indexOf(given);
        if (at >= 0) {
          const top = rankFor(measureOn);
          (withMap ? curves.map : curves.taste)[at]!.push(
            top.filter((p) => labels.get(p.movie.movieId)?.has(tone)).length / COUNT,
          );
        }
        const next = rankFor(learnFrom)[0];
        if (!next) break;
        const signal = labels.get(next.movie.movieId)!.has(tone) ? 'up' : 'down';
        user = applyFeedback(user, next.movie, signal, factors, withMap ? lesson : null);
      }
    }
  }
  console.log(
    `\nPersonal mood map, simulated: ${users.length} users, each with a hidden wish for how one mood is lifted; ` +
      `precision@10 toward the wish on the ${PART === 'reporting' ? 'reporting half' : 'other part of the tuning half'} after n thumbs.`,
  );
  console.log(
    markdownTable(
      ['thumbs', ...LESSONS.map(String)],
      [
        ['with the mood map', ...curves.map.map((c) => round(mean(c), 3))],
        ['taste alone (no mood map)', ...curves.taste.map((c) => round(mean(c), 3))],
      ],
    ),
  );
  return Object.fromEntries(
    LESSONS.map((n, i) => [n, { map: round(mean(curves.map[i]!), 4), taste: round(mean(curves.taste[i]!), 4) }]),
  );
}

/** The variants whose figures the title sampling spreads, how many subsamples it draws, and of what shares. */
const SAMPLED = ['shipped', 'genresOnly', 'genreTable'];
const DRAWS = 200;
const SHARES = [0.5, 0.8, 0.9] as const;

/**
 * How much the headline figures move with which titles happen to be labelled: each variant ranked again over random
 * subsamples of the part's titles (the same titles for every variant, so a margin is read within one draw), per
 * share the sd over them scaled as for a mean (`subsampleScale`). For a top-10 figure that is an approximation (a
 * subsample offers each list fewer titles, so its figures sit lower) and the shares disagree a little; the widest
 * is the one to read.
 */
function titleSampling(
  variants: readonly { key: string; movies: Movie[]; rank: RankFn }[],
  cold: readonly MoodTarget[],
  mixed: readonly MoodTarget[],
  labels: Labels,
) {
  const listMean = (v: (typeof variants)[number], titles: readonly number[], targets: readonly MoodTarget[]) => {
    const movies = titles.map((i) => v.movies[i]!);
    return mean(targets.map((t) => precision(v.rank(movies, t), labels, t)));
  };
  const n = variants[0]!.movies.length;
  const digest = createHash('sha256');
  const byShare = SHARES.map((share) => {
    const drawn = subsamples(
      variants[0]!.movies.map((_, i) => i),
      share,
      DRAWS,
    );
    digest.update(JSON.stringify(drawn));
    const draws = drawn.map((titles) => ({
      cold: Object.fromEntries(variants.map((v) => [v.key, listMean(v, titles, cold)])),
      mixed: listMean(variants[0]!, titles, mixed),
    }));
    const scaled = (values: number[]) => sd(values) * subsampleScale(n, share);
    const shipped = { cold: draws.map((d) => d.cold.shipped!), mixed: draws.map((d) => d.mixed) };
    return {
      sd: {
        cold: scaled(shipped.cold),
        mixed: scaled(shipped.mixed),
        overGenresOnly: scaled(draws.map((d) => d.cold.shipped! - d.cold.genresOnly!)),
        overGenreTable: scaled(draws.map((d) => d.cold.shipped! - d.cold.genreTable!)),
      },
      shipped,
    };
  });
  return { byShare, subsamples: digest.digest('hex').slice(0, 16) };
}

interface Target {
  name: string;
  probabilities: EmotionProbabilities;
  strategy: Strategy;
  confidence: number;
}

function oneHot(e: Emotion): EmotionProbabilities {
  return { ...zeroProbabilities(), [e]: 1 };
}

async function main() {
  // A saved run is read first, so a wrong file fails before the evaluation runs; whether it pairs is known at the end.
  const saved = AGAINST ? readSavedDraws(AGAINST) : null;
  const { movies } = readPackedCatalogue();
  const factors = readItemFactors();
  const byId = new Map(movies.map((m) => [m.movieId, m]));
  const labels = readToneLabels(DATA, byId, TAGS ?? undefined);
  // On the tuning half, each title ranks with the tones fitted without its own tags (out of fold).
  const oof =
    PART === 'tuning' && existsSync(TONE_OOF)
      ? (JSON.parse(readFileSync(TONE_OOF, 'utf8')) as Record<number, ToneScores>)
      : null;
  if (PART === 'tuning' && !oof)
    throw new Error('Run npm run films:fit-tones first: the tuning half ranks out of fold');
  const part = withProfiles(
    movies.filter((m) => labels.has(m.movieId) && partOf(m.movieId) === PART),
    (m) => (oof?.[m.movieId] ? withAffect(oof[m.movieId]!) : undefined),
  );
  const before = beforeProfiles();

  const cold: Target[] = EMOTIONS.flatMap((e) =>
    STRATEGIES.map((strategy) => ({ name: `${e} · ${strategy}`, probabilities: oneHot(e), strategy, confidence: 1 })),
  );
  const real = await realMoods(DATA);
  const mixed: Target[] = real.flatMap((r) =>
    STRATEGIES.map((strategy) => ({
      name: `${r.photo} · ${strategy}`,
      probabilities: r.probabilities,
      strategy,
      confidence: r.confidence,
    })),
  );
  const probabilitiesOf = new Map<MoodTarget, EmotionProbabilities>();
  const targetOf = (t: Target) => {
    const target = moodTarget(t.probabilities, t.strategy, t.confidence);
    probabilitiesOf.set(target, t.probabilities);
    return target;
  };

  const genresOnly = withProfiles(part, (m) =>
    SHIPPED_READER.profileOf({ genres: m.genres, keywords: [] }, { useKeywords: false }),
  );
  const variants: { key: string; title: string; movies: Movie[]; rank: RankFn }[] = [
    { key: 'shipped', title: 'shipped', movies: part, rank: shippedRanker(factors) },
    { key: 'genresOnly', title: 'genres-only profiles', movies: genresOnly, rank: shippedRanker(factors) },
    {
      key: 'genreTable',
      title: 'genre table',
      movies: part,
      rank: genreTableRanker((t) => probabilitiesOf.get(t)!),
    },
  ];
  // Not a baseline but a diagnosis: the same ranker given profiles that are the labels themselves (a tagged tone
  // certain, any other unlikely). What it misses, the ranker's rules miss; what it wins over `shipped`, the profiles do.
  const labelled = withProfiles(part, (m) =>
    withAffect(
      Object.fromEntries(
        TONES.map((t) => [t, labels.get(m.movieId)?.has(t) ? LABEL_SURE : LABEL_UNSURE]),
      ) as ToneScores,
    ),
  );
  variants.push({
    key: 'labelProfiles',
    title: 'profiles = labels (diagnosis)',
    movies: labelled,
    rank: shippedRanker(factors),
  });
  if (before)
    variants.push({
      key: 'beforeProfiles',
      title: 'profiles shipped before',
      movies: withProfiles(part, (m) => before.get(m.movieId)),
      rank: shippedRanker(factors),
    });

  const perTarget: Record<string, number[]> = {};
  /** Per variant, each mixed-mood list's precision, in the order of `mixed`. */
  const mixedByList: Record<string, number[]> = {};
  const truth: Record<string, Truth> = {};
  /** The shipped lists' misses, cold and mixed together: tags that name no wanted tone, or one the target steers away from. */
  const misses = { noWanted: 0, unwanted: 0 };
  for (const v of variants) {
    const said: Truth = new Map();
    const run = (t: Target) => {
      const target = targetOf(t);
      const picks = v.rank(v.movies, target);
      addReasonTones(picks, labels, said);
      if (v.key === 'shipped')
        for (const pick of picks) {
          const kind = meetsTarget(labels.get(pick.movie.movieId), target);
          if (kind !== 'hit') misses[kind]++;
        }
      return precision(picks, labels, target);
    };
    perTarget[v.key] = cold.map(run);
    mixedByList[v.key] = mixed.map(run);
    truth[v.key] = said;
  }
  const truths = Object.fromEntries(variants.map((v) => [v.key, truthOf(truth[v.key]!)]));
  const sampling = titleSampling(
    variants.filter((v) => SAMPLED.includes(v.key)),
    cold.map(targetOf),
    mixed.map(targetOf),
    labels,
  );

  console.log(
    `Tone precision@10, cold user, over the ${PART} half's ${part.length} labelled titles (of ${labels.size}); ` +
      `labels: ${TAGS ? `the user tags of ${TAGS}` : 'ml-latest-small user tags'} without genre words.`,
  );
  console.log(
    markdownTable(
      ['target', ...variants.map((v) => v.title)],
      [
        ...cold.map((t, i) => [t.name, ...variants.map((v) => round(perTarget[v.key]![i]!, 2))]),
        ['**mean of the 14**', ...variants.map((v) => `**${round(mean(perTarget[v.key]!), 3)}**`)],
        [`mixed real moods (${real.length} photos × 2)`, ...variants.map((v) => round(mean(mixedByList[v.key]!), 3))],
        [
          'reason truth (tone words the tags support; titles named; 90 % interval over titles)',
          ...variants.map((v) => {
            const r = truths[v.key]!;
            return r.share === null
              ? '–'
              : `${round(r.share, 3)} of ${r.shown} (${r.titles} titles; ${r.low.toFixed(2)}–${r.high.toFixed(2)})`;
          }),
        ],
      ],
    ),
  );

  console.log(
    `\nShipped lists' misses (cold and mixed): ${misses.noWanted} picks whose tags name no tone the target wants, ` +
      `${misses.unwanted} that name a wanted one and one it steers away from.`,
  );

  const poses = [...new Set(real.map((r) => r.posed))].sort();
  const poseOf = (i: number) => real[Math.floor(i / STRATEGIES.length)]!.posed;
  console.log('\nMixed real moods by the posed expression (match and lift together):');
  console.log(
    markdownTable(
      ['posed', ...variants.map((v) => v.title)],
      poses.map((posed) => [
        posed,
        ...variants.map((v) => round(mean(mixedByList[v.key]!.filter((_, i) => poseOf(i) === posed)), 3)),
      ]),
    ),
  );

  // Spread and what a new user sees: the 14 cold lists on the whole catalogue.
  const rank = shippedRanker(factors);
  const lists = cold.map((t) => rank(movies, targetOf(t)));
  const appearances = new Map<number, number>();
  for (const l of lists)
    for (const p of l) appearances.set(p.movie.movieId, (appearances.get(p.movie.movieId) ?? 0) + 1);
  const [mostId, most] = [...appearances].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
  const jaccards: number[] = [];
  for (let i = 0; i < lists.length; i++)
    for (let j = i + 1; j < lists.length; j++) {
      const a = new Set(lists[i]!.map((p) => p.movie.movieId));
      const b = lists[j]!.map((p) => p.movie.movieId);
      const shared = b.filter((id) => a.has(id)).length;
      jaccards.push(shared / (a.size + b.length - shared));
    }
  console.log(`\nThe 14 cold lists on the full catalogue (${movies.length} titles): top 5 of each.`);
  console.log(
    markdownTable(
      ['target', 'top 5'],
      cold.map((t, i) => [
        t.name,
        lists[i]!.slice(0, 5)
          .map((p) => `${displayTitle(p.movie.title)}${p.movie.year ? ` (${p.movie.year})` : ''}`)
          .join('; '),
      ]),
    ),
  );
  const meanJaccard = mean(jaccards);
  const votes = lists.flatMap((l) => l.map((p) => p.movie.tmdbVotes ?? 0));
  const littleKnown = votes.filter((v) => v < LITTLE_KNOWN).length / votes.length;
  const medianVotes = quantile(votes, 0.5);
  console.log(
    `\nMost repeated title: ${displayTitle(byId.get(mostId)!.title)}, in ${most} of 14 lists; mean pairwise Jaccard ${round(meanJaccard, 4)}.`,
  );
  console.log(
    `How well known the picks are: median ${medianVotes} TMDB votes; ${round(littleKnown * 100, 1)} % of the ` +
      `${votes.length} picks have fewer than ${LITTLE_KNOWN}.`,
  );
  // Where a grown-up new user looks: how many of the top 5s' places animated or children's titles take.
  const top5 = lists.flatMap((l) => l.slice(0, 5));
  const animatedTop5 = top5.filter((p) => isAnimatedOrChildren(p.movie)).length;
  const animatedFirst = lists.filter((l) => l[0] && isAnimatedOrChildren(l[0].movie)).length;
  console.log(
    `Animated or children's titles: ${animatedTop5} of the ${top5.length} top-5 places; first in ${animatedFirst} of 14 lists.`,
  );

  const learning = moodMapSimulation(movies, labels, factors);

  const p = (key: string) => round(mean(perTarget[key] ?? [NaN]), 4);
  const whole = {
    cold: p('shipped'),
    mixed: mean(mixedByList.shipped!),
    overGenresOnly: p('shipped') - p('genresOnly'),
    overGenreTable: p('shipped') - p('genreTable'),
  };
  const names = {
    cold: 'tone precision@10, mean of the 14',
    mixed: 'mixed real moods',
    overGenresOnly: 'margin over genres-only',
    overGenreTable: 'margin over the genre table',
  };
  const keys = Object.keys(names) as (keyof typeof names)[];
  /** The figure ± 1.645 times the widest of its sds: the 90 % interval both tables print. */
  const interval90 = (figure: number, sds: readonly number[]) => {
    const widest = Math.max(...sds);
    return `${round(figure - 1.645 * widest, 3)} – ${round(figure + 1.645 * widest, 3)}`;
  };
  console.log(
    `\nHow much the figures move with the titles: each variant ranked again over ${DRAWS} random subsamples of the ` +
      `${PART} half's titles; sd per share of titles drawn, scaled as for a mean (an approximation for a top 10, ` +
      'see titleSampling); the 90 % interval is the figure ± 1.645 times the widest sd.',
  );
  console.log(
    markdownTable(
      ['figure', 'whole half', ...SHARES.map((share) => `sd, ${share * 100} % subsamples`), '90 % interval'],
      keys.map((k) => [
        names[k],
        round(whole[k], 3),
        ...sampling.byShare.map((byShare) => round(byShare.sd[k], 3)),
        interval90(
          whole[k],
          sampling.byShare.map((byShare) => byShare.sd[k]),
        ),
      ]),
    ),
  );
  const draws: SavedDraws = {
    part: PART,
    tags: TAGS ?? SHIPPED_TAGS,
    titles: part.map((m) => m.movieId),
    draws: DRAWS,
    shares: [...SHARES],
    subsamples: sampling.subsamples,
    figures: {
      cold: { whole: whole.cold, byShare: sampling.byShare.map((byShare) => byShare.shipped.cold) },
      mixed: { whole: whole.mixed, byShare: sampling.byShare.map((byShare) => byShare.shipped.mixed) },
    },
  };
  if (SAVE_DRAWS) {
    writeFileSync(SAVE_DRAWS, `${JSON.stringify(draws)}\n`);
    console.log(`\nThis run's figures on every draw are in ${SAVE_DRAWS}: read a try against them with --against.`);
  }
  const paired = saved ? pairedAgainst(draws, saved) : null;
  if (paired) {
    console.log(
      `\nThis run against ${AGAINST}, draw by draw (the same subsamples of the same titles): the difference on the ` +
        'whole half, the sd of the per-draw differences per share (scaled as above), and its 90 % interval.',
    );
    console.log(
      markdownTable(
        [
          'figure',
          'this run',
          'saved run',
          'difference',
          ...SHARES.map((share) => `sd, ${share * 100} %`),
          '90 % interval',
        ],
        Object.entries(paired).map(([k, f]) => [
          names[k as keyof typeof names],
          round(f.now, 3),
          round(f.before, 3),
          round(f.difference, 3),
          ...f.sd.map((v) => round(v, 3)),
          interval90(f.difference, f.sd),
        ]),
      ),
    );
  }
  console.log(
    JSON.stringify({
      eval: 'picks',
      part: PART,
      tags: TAGS ?? SHIPPED_TAGS,
      labelledTitles: part.length,
      tonePrecision10: p('shipped'),
      genresOnly: p('genresOnly'),
      genreTable: p('genreTable'),
      beforeProfiles: before ? p('beforeProfiles') : null,
      labelProfiles: p('labelProfiles'),
      mixedRealMoods: round(mean(mixedByList.shipped!), 4),
      mixedLabelProfiles: round(mean(mixedByList.labelProfiles!), 4),
      misses,
      realPhotos: real.length,
      reasonTruth: truths.shipped!.share === null ? null : round(truths.shipped!.share, 4),
      reasonTones: truths.shipped!.shown,
      reasonTitles: truths.shipped!.titles,
      reasonTruth90: [round(truths.shipped!.low, 3), round(truths.shipped!.high, 3)],
      mostRepeated: most,
      meanJaccard: round(meanJaccard, 4),
      littleKnown: round(littleKnown, 4),
      medianVotes,
      animatedTop5,
      animatedFirst,
      moodMap: learning,
      sd: Object.fromEntries(keys.map((k) => [k, sampling.byShare.map((byShare) => round(byShare.sd[k], 4))])),
      ...(paired && {
        against: Object.fromEntries(
          Object.entries(paired).map(([k, f]) => [
            k,
            { difference: round(f.difference, 4), sd: f.sd.map((v) => round(v, 4)) },
          ]),
        ),
      }),
      perTarget: Object.fromEntries(cold.map((t, i) => [t.name, round(perTarget.shipped![i]!, 2)])),
    }),
  );
}

await main();
