'use client';

/** The body of every segment's error.tsx: what failed, and a retry that re-fetches the segment. */
export function RouteError({ error, retry, what }: { error: unknown; retry: () => void; what: string }) {
  const digest = error instanceof Error && 'digest' in error ? String((error as { digest?: unknown }).digest ?? '') : '';
  return (
    <div className="notice error" role="alert">
      <h2>Could not load {what}</h2>
      <p className="muted">
        The classfit API did not answer as expected. It may be down or still starting.
        {digest ? <> Reference: <code>{digest}</code>.</> : null}
      </p>
      <button type="button" onClick={() => retry()}>Try again</button>
    </div>
  );
}
