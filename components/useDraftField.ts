/**
 * A text field that saves only what is valid: while the typed text is not, the field keeps it as typed (nothing
 * lost), says so through `valid`, and the saved setting stays as it was. Valid text is saved when the field is left;
 * a save that fails (`save` resolves to false) keeps the text as typed too.
 */
import { useState } from 'preact/hooks';

export interface DraftField {
  /** What the field shows: the typed text while it is unsaved, else the saved value. */
  text: string;
  valid: boolean;
  onInput: (e: { currentTarget: HTMLInputElement }) => void;
  onChange: (e: { currentTarget: HTMLInputElement }) => void;
}

export function useDraftField(
  saved: string,
  isValid: (text: string) => boolean,
  save: (text: string) => Promise<boolean>,
): DraftField {
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? saved;
  return {
    text,
    valid: isValid(text),
    onInput: (e) => setDraft(e.currentTarget.value),
    onChange: (e) => {
      const typed = e.currentTarget.value;
      if (!isValid(typed)) return;
      // Saved: the field shows the setting again (unless the user has typed on meanwhile).
      void save(typed).then((saved) => saved && setDraft((d) => (d === typed ? null : d)));
    },
  };
}
