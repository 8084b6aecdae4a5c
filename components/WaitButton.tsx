/**
 * A button that waits while work it depends on runs. It says so (`aria-disabled`, dimmed) and ignores clicks, but
 * stays focusable: a `disabled` button drops the keyboard's focus to the top of the page.
 */
import type { ButtonHTMLAttributes } from 'preact';

export function WaitButton({
  waiting,
  onClick,
  ...rest
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'disabled'> & { waiting: boolean; onClick: () => void }) {
  return <button type="button" {...rest} aria-disabled={waiting} onClick={() => !waiting && onClick()} />;
}
