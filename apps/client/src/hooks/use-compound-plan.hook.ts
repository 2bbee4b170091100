import { useEffect, useState } from 'react';
import { loadCompoundPlan, type LoadedPlan } from '../api/site-plans.api';

/** The compound's plan for a form (null while loading, when there is none, or on failure). */
export function useCompoundPlan(compoundId: number | undefined): LoadedPlan {
  const [state, setState] = useState<LoadedPlan>({ plan: null, offline: false });
  useEffect(() => {
    setState({ plan: null, offline: false });
    if (!compoundId) return;
    let live = true;
    loadCompoundPlan(compoundId).then(
      (loaded) => live && setState(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [compoundId]);
  return state;
}
