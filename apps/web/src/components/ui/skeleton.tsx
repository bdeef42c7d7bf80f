/** Placeholder blocks shown while a section streams in. */
import type { ReactNode } from 'react';

export function Skeleton({ height = 16, width = '100%' }: { height?: number | string; width?: number | string }) {
  return <div className="skeleton" style={{ height, width }} aria-hidden />;
}

/** A detail page's placeholder: its title bar above the page's own section placeholders. */
export function PageSkeleton({ children }: { children: ReactNode }) {
  return (
    <div className="stack">
      <Skeleton height={34} width="30%" />
      {children}
    </div>
  );
}

/** A card-sized placeholder for a chart or table section. */
export function SectionSkeleton({ title, height = 260 }: { title?: string; height?: number }) {
  return (
    <div className="card stack" aria-busy="true" aria-label={title ? `Loading ${title}` : 'Loading'}>
      {title ? <h3 className="muted">{title}</h3> : <Skeleton height={18} width="40%" />}
      <Skeleton height={height} />
    </div>
  );
}
