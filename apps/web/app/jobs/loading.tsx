import { SectionSkeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return <SectionSkeleton title="Analyses" height={300} />;
}
