import { Skeleton, SectionSkeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <div className="stack">
      <Skeleton height={34} width="30%" />
      <SectionSkeleton title="Path through the layers" height={320} />
      <div className="grid grid-3">
        <SectionSkeleton title="Nearest classes by KL" height={240} />
        <SectionSkeleton title="Most memorized examples" height={240} />
        <SectionSkeleton title="Least memorized examples" height={240} />
      </div>
    </div>
  );
}
