import type { ComponentChildren } from 'preact';

/** A plain-language message about what went wrong (or what to do next), with an optional way forward. */
export function Notice({
  code,
  title,
  children,
  action,
}: {
  code: string;
  title: string;
  children?: ComponentChildren;
  action?: { label: string; run: () => void };
}) {
  return (
    <section class="notice" role="alert" data-testid="notice" data-code={code}>
      <p class="notice-title">{title}</p>
      {children && <p class="notice-body">{children}</p>}
      {action && (
        <button type="button" onClick={action.run}>
          {action.label}
        </button>
      )}
    </section>
  );
}
