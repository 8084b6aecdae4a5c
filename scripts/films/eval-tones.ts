/**
 * `npm run films:eval-tones`: how well the catalogue's tone profiles rank films by what MovieLens users say about them.
 * Labels are ml-latest-small user tags grouped into tones with no genre word (scripts/lib/tone-tags.ts). Population:
 * the reporting half's catalogue titles that carry any user tag (the tone model was fitted on the tuning half). For
 * each tone with at least MIN_POSITIVES tagged titles there, the ROC AUC of the profile's matching dimension for
 * telling tagged from untagged titles, for the shipped (calibrated) profiles and the genres-only lexicon baseline.
 * Prints a table, then one JSON line.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHIPPED_READER } from '../../models/catalogue/shipped-tones';
import type { Tone } from '../../models/catalogue/tones';
import { fromMessagesFile } from '../../models/messages';
import { readPackedCatalogue } from '../lib/catalogue';
import { mean, rocAuc } from '../lib/metrics';
import { markdownTable, round } from '../lib/stats';
import { TAGS_FOR_TONE, partOf, readMovieTags, taggedTones } from '../lib/tone-tags';

/** A tone's name as the UI words it (the extension's English messages). */
const words = fromMessagesFile(JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')));
const toneLabel = (tone: Tone) => words(`tone_${tone}`, []);

const DATA = resolve(process.env.MOODREEL_DATA ?? '../shared/data');
const MIN_POSITIVES = 10;

function main() {
  const { movies } = readPackedCatalogue();
  const byId = new Map(movies.map((m) => [m.movieId, m]));
  const tagsOf = readMovieTags(DATA, byId);
  const population = [...tagsOf.keys()]
    .filter((id) => partOf(id) === 'reporting')
    .sort((a, b) => a - b)
    .map((id) => byId.get(id)!);

  const rows: { tone: Tone; positives: number; full: number; genres: number }[] = [];
  const tonesOf = new Map(population.map((m) => [m.movieId, taggedTones(tagsOf.get(m.movieId)!)]));
  for (const tone of Object.keys(TAGS_FOR_TONE) as Tone[]) {
    const labels = population.map((m) => tonesOf.get(m.movieId)!.has(tone));
    const positives = labels.filter(Boolean).length;
    if (positives < MIN_POSITIVES) continue;
    const full = rocAuc(
      population.map((m) => m.profile.tones[tone]),
      labels,
    );
    const genres = rocAuc(
      population.map(
        (m) => SHIPPED_READER.profileOf({ genres: m.genres, keywords: [] }, { useKeywords: false }).tones[tone],
      ),
      labels,
    );
    rows.push({ tone, positives, full, genres });
  }
  const macroFull = mean(rows.map((r) => r.full));
  const macroGenres = mean(rows.map((r) => r.genres));
  console.log(
    `Tone profiles vs MovieLens user tags (no genre words), reporting half: ${population.length} tagged catalogue titles of ${movies.length}; tones with ≥ ${MIN_POSITIVES} tagged titles.`,
  );
  console.log(
    markdownTable(
      ['tone', 'tagged titles', 'AUC shipped profiles', 'AUC genres-only lexicon'],
      [
        ...rows.map((r) => [toneLabel(r.tone), r.positives, round(r.full, 3), round(r.genres, 3)]),
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
