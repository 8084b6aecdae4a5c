/**
 * A tab list as the WAI-ARIA tabs pattern has it: only the selected tab is in the Tab order (Tab goes on into its
 * panel), and the arrow keys, Home and End move to another tab and show it. Each tab controls `panel-<id>`.
 */
import { onArrowKey } from './arrowKeys';

export interface TabsProps<T extends string> {
  label: string;
  tabs: readonly { id: T; label: string }[];
  selected: T;
  onSelect: (id: T) => void;
}

export function Tabs<T extends string>({ label, tabs, selected, onSelect }: TabsProps<T>) {
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
          onKeyDown={(e) => onArrowKey(e, i, false, (next) => onSelect(tabs[next]!.id))}
        >
          {tabLabel}
        </button>
      ))}
    </div>
  );
}
