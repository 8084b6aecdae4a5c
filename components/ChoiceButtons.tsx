/**
 * One choice out of a few, as a row of buttons (a radio group): one tab stop, the selected button; the arrow keys
 * move to another choice and make it. Picks' match/lift and "how long have I got" are such rows.
 */
import { onArrowKey } from './arrowKeys';

export interface Choice<T> {
  value: T;
  label: string;
  testId: string;
}

export interface ChoiceButtonsProps<T> {
  label: string;
  choices: readonly Choice<T>[];
  selected: T;
  onSelect: (value: T) => void;
  class?: string;
}

export function ChoiceButtons<T>({ label, choices, selected, onSelect, class: className }: ChoiceButtonsProps<T>) {
  return (
    <div role="radiogroup" aria-label={label} class={className ? `toggle ${className}` : 'toggle'}>
      {choices.map((c, i) => (
        <button
          key={c.testId}
          type="button"
          role="radio"
          aria-checked={selected === c.value}
          tabIndex={selected === c.value ? 0 : -1}
          class={selected === c.value ? 'primary' : ''}
          data-testid={c.testId}
          onClick={() => onSelect(c.value)}
          onKeyDown={(e) => onArrowKey(e, i, true, (next) => onSelect(choices[next]!.value))}
        >
          {c.label}
        </button>
      ))}
    </div>
  );
}
