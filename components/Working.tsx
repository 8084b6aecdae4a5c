import type { ComponentChildren } from 'preact';

/**
 * What is happening right now, with a progress bar that moves (or, for people who ask for reduced motion, fills its
 * strip and fades in and out: theme.css).
 */
export function Working({ children, testId }: { children: ComponentChildren; testId?: string }) {
  return (
    <div class="busy" role="status" data-testid={testId}>
      <span class="progress" aria-hidden="true">
        <span class="progress-bar" />
      </span>
      <p>{children}</p>
    </div>
  );
}
