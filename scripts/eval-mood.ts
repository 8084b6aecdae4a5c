/**
 * `npm run eval:mood`: how well the catalogue's mood profiles agree with what MovieLens users say about movies.
 * Labels are ml-latest-small user tags (held out: the lexicon never sees them), grouped into tones by the table
 * below. Population: catalogue titles that carry at least one user tag. For each tone with at least MIN_POSITIVES
 * tagged titles, the ROC AUC of the profile's matching dimension for telling tagged from untagged titles, for the
 * full lexicon (genres + TMDB keywords) and the genres-only baseline. Prints a table, then one JSON line.
 */
import { join, resolve } from 'node:path';
import { profileOf } from '../models/catalogue/profile';
import { TONE_LABEL, type Tone } from '../models/catalogue/tones';
import { readPackedCatalogue } from './lib/catalogue';
import { readCsv } from './lib/csv';
import { mean, rocAuc } from './lib/metrics';
import { markdownTable, round } from './lib/stats';

const DATA = resolve(process.env.MOODREEL_DATA ?? '../shared/data');
const MIN_POSITIVES = 15;

/** Evaluation labels: which user tags (lowercased) say a movie has a tone. Never used as features. */
const TAGS_FOR_TONE: Partial<Record<Tone, string[]>> = {
  funny: [
    'funny',
    'hilarious',
    'comedy',
    'very funny',
    'humorous',
    'humor',
    'dark comedy',
    'black comedy',
    'witty',
    'satire',
    'parody',
    'spoof',
    'quotable',
    'highly quotable',
  ],
  dark: [
    'dark',
    'dark comedy',
    'black comedy',
    'disturbing',
    'bleak',
    'grim',
    'violent',
    'violence',
    'noir',
    'gritty',
    'brutal',
    'depressing',
    'nihilism',
  ],
  sad: [
    'sad',
    'depressing',
    'tearjerker',
    'emotional',
    'bittersweet',
    'heartbreaking',
    'tragedy',
    'melancholy',
    'melancholic',
    'sad ending',
  ],
  atmospheric: ['atmospheric', 'dreamlike', 'moody', 'haunting', 'visually stunning', 'beautiful scenery', 'stylized'],
  thoughtProvoking: [
    'thought-provoking',
    'thought provoking',
    'philosophical',
    'philosophy',
    'intellectual',
    'psychology',
    'social commentary',
    'political',
    'politics',
    'mindfuck',
    'cerebral',
    'deep',
  ],
  feelGood: [
    'feel-good',
    'feel good',
    'feel good movie',
    'heartwarming',
    'uplifting',
    'cute',
    'sweet',
    'happy ending',
    'family',
    'good music',
  ],
  heartwarming: ['heartwarming', 'touching', 'sweet', 'cute', 'friendship', 'family'],
  scary: ['scary', 'horror', 'creepy', 'frightening', 'terrifying', 'ghosts', 'zombies', 'vampires', 'suspense'],
  romantic: ['romantic', 'romance', 'love story', 'love', 'chick flick', 'relationships'],
  surprising: [
    'twist ending',
    'plot twist',
    'twist',
    'twists & turns',
    'surprise ending',
    'nonlinear',
    'mindfuck',
    'unpredictable',
    'clever',
  ],
  tense: ['suspense', 'suspenseful', 'tense', 'thriller', 'intense', 'gripping', 'tension'],
  thrilling: [
    'action',
    'action packed',
    'action-packed',
    'exciting',
    'adrenaline',
    'fast paced',
    'adventure',
    'superhero',
    'fight scenes',
    'martial arts',
  ],
  whimsical: ['quirky', 'whimsical', 'surreal', 'fairy tale', 'magic', 'fantasy', 'imagination', 'disney', 'pixar'],
  inspiring: [
    'inspirational',
    'inspiring',
    'uplifting',
    'true story',
    'based on a true story',
    'biography',
    'sports',
    'underdog',
  ],
};

function main() {
  const { movies } = readPackedCatalogue();
  const byId = new Map(movies.map((m) => [m.movieId, m]));
  const tagsOf = new Map<number, Set<string>>();
  for (const r of readCsv(join(DATA, 'movielens/ml-latest-small/tags.csv'))) {
    const id = Number(r.movieId);
    if (!byId.has(id)) continue;
    const set = tagsOf.get(id) ?? new Set<string>();
    set.add((r.tag ?? '').trim().toLowerCase());
    tagsOf.set(id, set);
  }
  const population = [...tagsOf.keys()].sort((a, b) => a - b).map((id) => byId.get(id)!);

  const rows: { tone: Tone; positives: number; full: number; genres: number }[] = [];
  for (const [tone, tags] of Object.entries(TAGS_FOR_TONE) as [Tone, string[]][]) {
    const labels = population.map((m) => tags.some((t) => tagsOf.get(m.movieId)!.has(t)));
    const positives = labels.filter(Boolean).length;
    if (positives < MIN_POSITIVES) continue;
    const full = rocAuc(
      population.map((m) => m.profile.tones[tone]),
      labels,
    );
    const genres = rocAuc(
      population.map((m) => profileOf({ genres: m.genres, keywords: [] }, { useKeywords: false }).tones[tone]),
      labels,
    );
    rows.push({ tone, positives, full, genres });
  }
  const macroFull = mean(rows.map((r) => r.full));
  const macroGenres = mean(rows.map((r) => r.genres));
  console.log(
    `Mood profiles vs MovieLens user tags: ${population.length} tagged catalogue titles of ${movies.length}; tones with ≥ ${MIN_POSITIVES} tagged titles.`,
  );
  console.log(
    markdownTable(
      ['tone', 'tagged titles', 'AUC lexicon (genres + keywords)', 'AUC genres only'],
      [
        ...rows.map((r) => [TONE_LABEL[r.tone], r.positives, round(r.full, 3), round(r.genres, 3)]),
        ['**macro**', '', round(macroFull, 3), round(macroGenres, 3)],
      ],
    ),
  );
  console.log(
    JSON.stringify({
      eval: 'mood',
      macroAuc: round(macroFull, 4),
      genresOnlyMacroAuc: round(macroGenres, 4),
      tones: rows.length,
      taggedTitles: population.length,
      catalogueTitles: movies.length,
      perTone: Object.fromEntries(
        rows.map((r) => [r.tone, { auc: round(r.full, 4), genresOnly: round(r.genres, 4), positives: r.positives }]),
      ),
    }),
  );
}

main();
