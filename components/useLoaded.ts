import { useEffect, useState } from 'preact/hooks';
import { problemCodeOf, type ProblemCode } from '../models/problems';

export interface Loaded<T> {
  /** Null until the first answer (and while a first failure stands). */
  value: T | null;
  /** Why the last ask failed, in place of the value's "Loading…". */
  problem: ProblemCode | null;
  /** Asks again: the problem's Try again. */
  retry: () => void;
  /** Puts in a newer value that a change made on this page returned (a removal, an import), or derives it. */
  setValue: (value: T | ((previous: T | null) => T)) => void;
}

/**
 * A value a page asks the background for, with what went wrong when the ask failed (a failure without a code of its
 * own is `failsAs`) and a way to ask again. It asks whenever `active` turns true (a tab shown again) and on retry.
 */
export function useLoaded<T>(ask: () => Promise<T>, failsAs: ProblemCode, active = true): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [problem, setProblem] = useState<ProblemCode | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!active) return;
    let current = true;
    setProblem(null);
    ask().then(
      (answer) => {
        if (current) setValue(answer);
      },
      (error: unknown) => {
        console.warn('Moodreel: could not load', error);
        if (current) setProblem(problemCodeOf(error, failsAs));
      },
    );
    return () => {
      current = false;
    };
  }, [active, attempt]);
  return { value, problem, retry: () => setAttempt((a) => a + 1), setValue };
}
