import { SectionSkeleton } from '@/components/ui/skeleton';

export default function Loading() {
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
