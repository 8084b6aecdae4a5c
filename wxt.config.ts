import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { MODEL_FILES } from './models/face/config';
import { cnnWeightFiles } from './models/face/expression-cnn';
import { SHIPPED_TONE_PROFILER_DATA } from './models/catalogue/shipped-tones';
import { TONE_PROFILER_ASSET } from './models/catalogue/tone-model';

const faceApiModels = resolve('node_modules/@vladmandic/face-api/model');
const tfjsWasm = resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist');

// Extension pages run tfjs on WebAssembly; MV3's default CSP forbids compiling it.
const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';";

export default defineConfig({
  imports: false,
  // `wxt` dev mode would try to open a browser of its own; `npm run dev` launches Debian's Chromium instead.
  webExt: { disabled: true },
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ manifestVersion }) => ({
    // Every user-facing string lives in public/_locales/<lang>/messages.json.
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    permissions: [
      'activeTab',
      'contextMenus',
      'scripting',
      'storage',
      'alarms',
      ...(manifestVersion === 3 ? ['offscreen'] : []),
    ],
    content_security_policy: manifestVersion === 3 ? { extension_pages: CSP } : CSP,
    // The keyboard shortcut opens the popup, whose first button (focused) starts a mood check on Enter. Firefox's
    // Manifest V2 knows the toolbar button as the browser action.
    commands: {
      [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: {
        suggested_key: { default: 'Alt+Shift+M' },
        description: '__MSG_commandOpen__',
      },
    },
    // Chrome: runtime.getContexts (the offscreen host) is 116+. Firefox: data_collection_permissions is read from
    // 140 on (earlier versions reject the key); Moodreel collects nothing.
    ...(manifestVersion === 3
      ? { minimum_chrome_version: '116' }
      : {
          browser_specific_settings: {
            gecko: {
              id: 'moodreel@moodreel.app',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }),
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 96: 'icon/96.png', 128: 'icon/128.png' },
  }),
  // `npm run zip` / `zip:firefox`: the store packages; Firefox also gets the sources AMO asks for (the README's two
  // commands rebuild the add-on from them). Test artifacts and caches stay out.
  zip: { excludeSources: ['tests/artifacts/**', '.cache/**', '.ci/**'] },
  hooks: {
    // WXT titles the toolbar button after the popup's <title>; the button's tooltip comes from the messages instead.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.action) manifest.action.default_title = '__MSG_actionTitle__';
    },
    // Model weights and the tfjs wasm binaries ship inside the extension: nothing is fetched from the network.
    'build:publicAssets': (_wxt, assets) => {
      for (const name of Object.values(MODEL_FILES)) {
        for (const file of [`${name}-weights_manifest.json`, `${name}.bin`]) {
          assets.push({ absoluteSrc: resolve(faceApiModels, file), relativeDest: `weights/${file}` });
        }
      }
      // Moodreel's own expression CNN (each member of it), read by the analyzer from face-api's weights folder.
      for (const file of cnnWeightFiles())
        assets.push({ absoluteSrc: resolve('models/weights', file), relativeDest: `weights/${file}` });
      // The lexicon and tone model for titles added from TMDB, read by the background only when it adds some.
      assets.push({ contents: JSON.stringify(SHIPPED_TONE_PROFILER_DATA), relativeDest: TONE_PROFILER_ASSET });
      // Only the single-threaded builds: the threaded one needs blob: workers, which the extension CSP blocks.
      for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) {
        assets.push({ absoluteSrc: resolve(tfjsWasm, file), relativeDest: `wasm/${file}` });
      }
    },
  },
});
