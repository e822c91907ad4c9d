import { TwoColumnSkeleton } from "@/components/ui/skeletons";

export default function Loading() {
  return <TwoColumnSkeleton />;
}
