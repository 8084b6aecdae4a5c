/** The full ranker: the mood leads, taste and quality order what fits it (see `moodRanker`). */
import type { Movie } from '../catalogue/movie';
import { TONE_REASON_AT } from '../catalogue/tone-reasons';
import { rng } from '../learning/linalg';
import { learnedTone } from '../learning/mood-map';
import { capsHeld, holdInCaps, leadingGenres, mmr, spreadDown, withinCaps, type Cap } from './diversity';
import { eligibleMask } from './filters';
import { fitTerms, MOOD_FIT, moodFit, reasonTones, vetoed } from './mood-fit';
import { targetPhrase } from './mood-target';
import type { Pick, Ranker } from './ranker';
import { becauseYouLiked, contentReason, factReason, LEARNED_REASON_AT, ratingReason, type Reason } from './reasons';
import { collaborativeScores, HOMES, isChildren, prepare, preferenceVector } from './scoring';
import { kthLargest, topIndices } from './select';

export const isAnimatedOrChildren = (m: Movie) => isChildren(m) || m.genres.includes('Animation');

/** Every weight of the full ranker, in one place. */
export const RANK_WEIGHTS = {
  /** On the mood fit divided by the best fit in the catalogue (0..1). */
  mood: 1.0,
  personal: 0.9,
  /** The quality prior (-1..1) breaks ties among films that fit the mood; it cannot carry one that does not. */
  quality: 0.1,
  /** Children's titles in a list at most, unless the user's feedback says they like them… */
  childrenCap: 2,
  /** …and how much of their mood fit counts until then. */
  childrenFit: 0.85,
  /**
   * Children's or animated titles together at most (many family animations lack the Children genre), unless the
   * user's feedback says they like animation.
   */
  animatedCap: 3,
  /**
   * Until the user has given feedback, only titles at least this many people rated (`audience`) are offered, unless
   * that leaves fewer than the list asks for: a new user has nothing but knowing a title to trust a pick by.
   */
  coldAudience: 500,
  /** Feedback events before personal taste counts fully. */
  personalRampEvents: 5,
  /** Candidates the diversity step chooses from. */
  pool: 250,
  /** Exploration slots: one per eight picks, at most two. */
  wildcardEvery: 8,
  /**
   * On how alike the film looks to the user's picture, centred (likeness − ½, so ±0.2): it reorders films that fit
   * the mood, and a film without a poster look is left where the rest puts it.
   */
  look: 0.4,
  /** A film says it looks like the picture from this likeness (the median pair of films is ½). */
  lookReasonAt: 0.7,
};

/**
 * The full ranker. In a mood check the mood leads: only films that fit it well (and carry no tone it steers away
 * from) are candidates, and personal taste and the quality prior order them. At a neutral or unsure reading the mood's
 * strength is low, the pool opens up and taste leads. Then MMR for variety, caps on children's and animated titles,
 * and, once the user has given feedback, wildcard slots outside their usual genres but inside the mood.
 */
export const moodRanker: Ranker = {
  name: 'full',
  rank(ctx) {
    const events = Object.keys(ctx.user.signals).length;
    const known = Math.min(1, events / RANK_WEIGHTS.personalRampEvents);
    // With no taste to lean on yet, the mood is all there is to go by, however neutral or unsure.
    const strength = ctx.target.strength + (1 - ctx.target.strength) * (1 - known);
    const wMood = RANK_WEIGHTS.mood * strength;
    const wPersonal = RANK_WEIGHTS.personal * known * (1.5 - strength / 2);
    // The more the user has told us, the less a title's general reputation matters.
    const wQuality = RANK_WEIGHTS.quality * (1 - 0.5 * known);
    const prepared = prepare(ctx.movies, ctx.factors);
    const { tones, quality: qualityAll, audience, factorRow, vocabulary, features, offsets } = prepared;
    const terms = fitTerms(ctx.target);
    // The user's iALS score for every embedded title, once.
    const cf = collaborativeScores(ctx.factors, ctx.user);
    const prefs = events > 0 ? preferenceVector(ctx.user, vocabulary) : null;
    const ok = eligibleMask(ctx);
    const homeWeight = HOMES.map(({ emotion, strategy }) =>
      strategy === ctx.target.strategy ? (ctx.target.mix[emotion] ?? 0) : 0,
    );
    const fitAll = new Float64Array(ctx.movies.length);
    let maxFit = 1e-9;
    const cold = events === 0;
    let maxKnownFit = 1e-9;
    let wellKnown = 0;
    for (let i = 0; i < ctx.movies.length; i++) {
      if (!ok[i] || vetoed(tones, i, terms)) {
        fitAll[i] = -1;
        continue;
      }
      // Until the user's taste is known, a film is offered only for the moods it is most right for (its two homes,
      // weighed by how much of the mood each is): otherwise the same all-rounders (a funny, warm, exciting
      // crowd-pleaser) would top the lists of many moods.
      const atHome = homeWeight[prepared.homes[2 * i]!]! + homeWeight[prepared.homes[2 * i + 1]!]!;
      const away = 1 - Math.min(1, atHome);
      fitAll[i] = moodFit(tones, i, terms) * (1 - (1 - known) * MOOD_FIT.away * away);
      if (fitAll[i]! > maxFit) maxFit = fitAll[i]!;
      if (cold && audience[i]! >= RANK_WEIGHTS.coldAudience) {
        wellKnown++;
        if (fitAll[i]! > maxKnownFit) maxKnownFit = fitAll[i]!;
      }
    }
    if (cold && wellKnown >= ctx.count) {
      for (let i = 0; i < ctx.movies.length; i++) if (audience[i]! < RANK_WEIGHTS.coldAudience) fitAll[i] = -1;
      maxFit = maxKnownFit;
    }
    const kidsWelcome = (ctx.user.genres.Children ?? 0) > 0;
    const animationWelcome = (ctx.user.genres.Animation ?? 0) > 0;
    // Films for children fit many moods on paper; for a grown-up they must fit this one clearly better.
    if (!kidsWelcome)
      for (let i = 0; i < ctx.movies.length; i++)
        if (fitAll[i]! > 0 && prepared.children[i]) fitAll[i] = fitAll[i]! * RANK_WEIGHTS.childrenFit;
    // Never fewer candidates than picks asked for while eligible titles remain: the floor drops to the count-th fit.
    const floor = Math.min(MOOD_FIT.pool * strength * maxFit, kthLargest(fitAll, Math.min(ctx.count, fitAll.length)));
    const lookAt = ctx.look?.likenessOf(ctx.movies) ?? null;
    const candidates: Movie[] = [];
    const quality = new Float64Array(ctx.movies.length);
    const scoreAll = new Float64Array(ctx.movies.length);
    let n = 0;
    for (let i = 0; i < ctx.movies.length; i++) {
      const fm = fitAll[i]!;
      if (fm < floor || fm < 0) continue;
      let personal = 0;
      if (wPersonal > 0) {
        let content = 0;
        if (prefs) {
          for (let o = offsets[i]!; o < offsets[i + 1]!; o++) content += prefs[features[o]!]!;
          content = Math.tanh(content / 2);
        }
        const row = factorRow[i]!;
        // Without an embedding only content speaks, and it is the weaker witness.
        personal = cf && row >= 0 ? 0.65 * cf[row]! + 0.35 * content : 0.5 * content;
      }
      const likeness = lookAt ? lookAt[i]! : NaN;
      const look = Number.isNaN(likeness) ? 0 : RANK_WEIGHTS.look * (likeness - 0.5);
      candidates.push(ctx.movies[i]!);
      quality[n] = qualityAll[i]!;
      scoreAll[n] = (wMood * fm) / maxFit + wPersonal * personal + wQuality * qualityAll[i]! + look;
      n++;
    }
    const score = scoreAll.subarray(0, n);
    const pick = (i: number): Pick => ({ movie: candidates[i]!, score: score[i]!, reasons: [], wildcard: false });
    const wildcards = events === 0 ? 0 : Math.min(2, Math.floor(ctx.count / RANK_WEIGHTS.wildcardEvery));
    // MMR is greedy, so the first n of a longer run are the run of n: unfilled wildcard slots take the next picks.
    const caps: Cap[] = [
      ...(kidsWelcome ? [] : [{ of: isChildren, max: RANK_WEIGHTS.childrenCap }]),
      ...(animationWelcome ? [] : [{ of: isAnimatedOrChildren, max: RANK_WEIGHTS.animatedCap }]),
    ];
    const ranked = mmr(topIndices(score, RANK_WEIGHTS.pool).map(pick), ctx.count, ctx.diversity, ctx.factors, caps);
    const main = ranked.slice(0, ctx.count - wildcards);

    // Serendipity, once there is taste to step outside of: a good fit, well rated, from none of the genres the user
    // likes or the list leans on.
    const usual = new Set([
      ...Object.entries(ctx.user.genres)
        .filter(([, v]) => v > 0)
        .map(([g]) => g),
      ...leadingGenres(main, 3),
    ]);
    const taken = new Set(ranked.map((p) => p.movie.movieId));
    // A wildcard is held to the caps of the list it joins (a surprise is not a fourth animated film): wildcard i takes
    // the place of ranked[count − 1 − i], so it joins the picks before that place and the wildcards before it.
    const held = capsHeld(caps, ranked.slice(0, ctx.count - 1));
    // Only the best 20 of them are ever drawn from: keep those, sorted, as the scan goes.
    const unusual: number[] = [];
    for (let i = 0; wildcards > 0 && i < n; i++) {
      const m = candidates[i]!;
      if (quality[i]! <= 0 || (unusual.length === 20 && score[i]! <= score[unusual[19]!]!)) continue;
      if (taken.has(m.movieId) || m.genres.some((g) => usual.has(g))) continue;
      if ((!kidsWelcome && isChildren(m)) || !withinCaps(caps, held, m)) continue;
      let at = unusual.length;
      while (at > 0 && score[unusual[at - 1]!]! < score[i]!) at--;
      unusual.splice(at, 0, i);
      if (unusual.length > 20) unusual.pop();
    }
    const random = rng(ctx.seed);
    const wild: Pick[] = [];
    for (let i = 0; i < wildcards; i++) {
      const out = i > 0 ? ranked[ctx.count - 1 - i] : undefined;
      if (out) holdInCaps(caps, held, out.movie, -1);
      const open = unusual.filter((u) => withinCaps(caps, held, candidates[u]!));
      if (open.length === 0) break;
      const w = open[Math.floor(random() * open.length)]!;
      unusual.splice(unusual.indexOf(w), 1);
      holdInCaps(caps, held, candidates[w]!);
      wild.push({ ...pick(w), wildcard: true });
    }
    // A new grown-up's list does not open with the titles it caps: they keep their places in it, spread down. Once
    // there is feedback, taste orders the list as it is.
    const unspread = ranked.slice(0, ctx.count - wild.length);
    const picks = cold ? spreadDown(unspread, (m) => caps.some((c) => c.of(m))) : unspread;
    wild.forEach((w, i) => picks.splice(Math.min(picks.length, 3 + i * 4), 0, w));

    const likedIds = new Set(
      Object.entries(ctx.user.signals)
        .filter(([, s]) => s === 'up' || s === 'watchlist')
        .map(([id]) => Number(id)),
    );
    const liked = [...likedIds]
      .map((id) => prepared.position.get(id))
      .filter((i) => i !== undefined)
      .sort((a, b) => a - b)
      .map((i) => ctx.movies[i]!);
    const phrase = targetPhrase(ctx.target.dominant, ctx.target.strategy);
    const emotion = ctx.target.dominant;
    // A mood-led list says it fits the mood; a tone is named only where the film's profile clearly carries it.
    const moodLed = strength >= 0.5;
    const learned = learnedTone(ctx.user.moodMap, emotion);
    return picks.map((p) => {
      const reasons: Reason[] = [];
      const named = reasonTones(p.movie.profile.tones, ctx.target);
      if (named.length > 0 || moodLed) reasons.push({ kind: 'mood', phrase, emotion, tones: named });
      if (learned && p.movie.profile.tones[learned] >= (TONE_REASON_AT[learned] ?? LEARNED_REASON_AT))
        reasons.push({ kind: 'learned', emotion, tone: learned });
      if (p.wildcard) reasons.push({ kind: 'wildcard' });
      const looksAlike = (ctx.look?.likeness(p.movie.movieId) ?? 0) >= RANK_WEIGHTS.lookReasonAt;
      if (looksAlike) reasons.push({ kind: 'look', words: ctx.look!.sharedWords(p.movie.movieId) });
      const personal = becauseYouLiked(p.movie, liked, ctx.factors) ?? contentReason(p.movie, ctx.user);
      if (personal) reasons.push(personal);
      const rating = ratingReason(p.movie);
      if (rating && reasons.length < 3) reasons.push(rating);
      // At least two things said of every pick, the second plainly true of the film.
      if (reasons.length < 2) reasons.push(factReason(p.movie));
      return { ...p, reasons };
    });
  },
};
