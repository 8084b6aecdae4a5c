/**
 * The lexicon and tone model, read from the package the first time titles added from TMDB need profiles (not bundled:
 * see models/catalogue/shipped-tones.ts).
 */
import { browser } from 'wxt/browser';
import { LexiconReader } from '../../models/catalogue/profile';
import { parseToneProfilerData, TONE_PROFILER_ASSET, type ToneProfiler } from '../../models/catalogue/tone-model';

let loading: Promise<ToneProfiler> | null = null;

export function toneProfiler(): Promise<ToneProfiler> {
  loading ??= (async () => {
    const response = await fetch(browser.runtime.getURL(`/${TONE_PROFILER_ASSET}` as '/'));
    const data = parseToneProfilerData(await response.json());
    if (!data) throw new Error('The packaged tone model is damaged: reinstall Moodreel.');
    return { reader: new LexiconReader(data.lexicon), model: data.model };
  })();
  // A failed read is tried again next time.
  loading.catch(() => (loading = null));
  return loading;
}
