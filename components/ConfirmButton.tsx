/**
 * A button for what cannot be undone: pressed, it asks once more ("Delete" / "Keep") in its place. The keyboard
 * follows: to Keep when it asks (the safe choice first), back to the button when it is answered.
 * Test ids: `<testId>`, `<testId>-confirm`, `<testId>-keep`.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { WaitButton } from './WaitButton';

export interface ConfirmButtonProps {
  label: string;
  /** What the first button does, for a screen reader, where its label alone does not say (one of many in a list). */
  ariaLabel?: string;
  confirmLabel: string;
  keepLabel: string;
  onConfirm: () => void;
  /** Nothing to do now (nothing stored), or the last confirmed run is still going: the button waits. */
  waiting: boolean;
  /** The first button is red too (a deletion of everything). */
  danger?: boolean;
  testId: string;
}

export function ConfirmButton(props: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const box = useRef<HTMLSpanElement>(null);
  /** Answered or asked by the user here: where the keyboard goes next. */
  const moved = useRef(false);
  useLayoutEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    // Asking: Keep, the last of the two answers; answered: the one button.
    (box.current?.[asking ? 'lastElementChild' : 'firstElementChild'] as HTMLElement | null | undefined)?.focus();
  }, [asking]);
  const answer = (next: boolean) => {
    moved.current = true;
    setAsking(next);
  };
  return (
    <span ref={box}>
      {asking ? (
        <>
          <button
            type="button"
            class="danger"
            onClick={() => {
              answer(false);
              props.onConfirm();
            }}
            data-testid={`${props.testId}-confirm`}
          >
            {props.confirmLabel}
          </button>{' '}
          <button type="button" onClick={() => answer(false)} data-testid={`${props.testId}-keep`}>
            {props.keepLabel}
          </button>
        </>
      ) : (
        <WaitButton
          class={props.danger ? 'danger' : undefined}
          waiting={props.waiting}
          onClick={() => answer(true)}
          aria-label={props.ariaLabel}
          data-testid={props.testId}
        >
          {props.label}
        </WaitButton>
      )}
    </span>
  );
}
