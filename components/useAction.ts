import { useState } from 'preact/hooks';
import { problemCodeOf, type ProblemCode } from '../models/problems';

export interface Action {
  /** Why the last run failed, shown by its button until a run succeeds. */
  problem: ProblemCode | null;
  /** A run is under way (its button waits). */
  busy: boolean;
  /** Runs a button's request; a failure without a code of its own is `failsAs`. Resolves to whether it succeeded. */
  run: (failsAs: ProblemCode, work: () => Promise<void>) => Promise<boolean>;
}

/** A button's request whose failure the page shows by the button instead of dropping it. */
export function useAction(): Action {
  const [problem, setProblem] = useState<ProblemCode | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(failsAs: ProblemCode, work: () => Promise<void>) {
    setBusy(true);
    try {
      await work();
      setProblem(null);
      return true;
    } catch (error) {
      console.warn('Moodreel: action failed', error);
      setProblem(problemCodeOf(error, failsAs));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { problem, busy, run };
}
