import type { Theme } from '../../models/settings';

/** Applies the user's theme choice to an extension page ("system" follows the OS). */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
