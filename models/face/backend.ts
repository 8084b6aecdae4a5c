/** The tfjs backends the analysis can run on, and the choice a request makes ("auto": the best that starts). */
export const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type Backend = (typeof BACKENDS)[number];
export type BackendChoice = Backend | 'auto';

/** Renderer strings of software WebGL: tfjs on these is about 10× slower than on wasm. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERER.test(renderer);
}

/**
 * The tfjs backends to try, best first. WebGL only runs on a real GPU (renderer known and not a software one);
 * otherwise wasm, with cpu as the last resort. A backend chosen by name is tried alone.
 */
export function backendOrder(choice: BackendChoice, webglRenderer: string | null): Backend[] {
  if (choice !== 'auto') return [choice];
  const order: Backend[] = [];
  if (webglRenderer !== null && !isSoftwareRenderer(webglRenderer)) order.push('webgl');
  order.push('wasm', 'cpu');
  return order;
}
