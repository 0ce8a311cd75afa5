// Unsaved work is never dropped without a word: while `dirty`, leaving the page (another page of the app, a
// reload, closing the tab) asks first.
import { useEffect, type RefObject } from 'react';
import { useBlocker } from 'react-router';

/** `saving`: set while the page itself moves on after a save, which must not ask. */
export function useLeaveGuard(dirty: boolean, question: string, saving?: RefObject<boolean>): void {
  // within the app: the router holds the navigation until the person answers
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !saving?.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(question)) blocker.proceed();
    else blocker.reset();
  }, [blocker, question]);

  // leaving the app: the browser asks in its own words
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
