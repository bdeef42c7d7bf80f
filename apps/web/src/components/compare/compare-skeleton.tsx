import { SectionSkeleton } from '@/components/ui/skeleton';

/** The Compare page's placeholder while a comparison streams in (its route loading state, and the page's own fallback). */
export function CompareSkeleton() {
  return (
    <div className="stack">
      <div className="grid grid-2">
        <SectionSkeleton title="Statistic along relative depth" height={300} />
        <SectionSkeleton title="Largest gap along relative depth" height={300} />
      </div>
      <SectionSkeleton title="Group agreement" height={240} />
    </div>
  );
}
