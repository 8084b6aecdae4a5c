/**
 * A tab list as the WAI-ARIA tabs pattern has it: only the selected tab is in the Tab order (Tab goes on into its
 * panel), and the arrow keys, Home and End move to another tab and show it. Each tab controls `panel-<id>`.
 */
export interface TabsProps<T extends string> {
  label: string;
  tabs: readonly { id: T; label: string }[];
  selected: T;
  onSelect: (id: T) => void;
}

/** The tab a key moves to from tab `i` of `n`, or null for a key that does not move. */
function tabAfterKey(key: string, i: number, n: number): number | null {
  if (key === 'ArrowRight') return (i + 1) % n;
  if (key === 'ArrowLeft') return (i - 1 + n) % n;
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  return null;
}

export function Tabs<T extends string>({ label, tabs, selected, onSelect }: TabsProps<T>) {
  const onKeyDown = (e: KeyboardEvent & { currentTarget: HTMLElement }, i: number) => {
    const next = tabAfterKey(e.key, i, tabs.length);
    if (next === null) return;
    e.preventDefault();
    const id = tabs[next]!.id;
    onSelect(id);
    e.currentTarget.parentElement?.querySelector<HTMLElement>(`#tab-${id}`)?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label={label}>
      {tabs.map(({ id, label: tabLabel }, i) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`tab-${id}`}
          aria-selected={selected === id}
          aria-controls={`panel-${id}`}
          tabIndex={selected === id ? 0 : -1}
          data-testid={`tab-${id}`}
          onClick={() => onSelect(id)}
          onKeyDown={(e) => onKeyDown(e, i)}
        >
          {tabLabel}
        </button>
      ))}
    </div>
  );
}
