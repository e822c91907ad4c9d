import type { ReactNode } from "react";

/** Placeholders shaped like the pages they stand in for, so nothing jumps when the content arrives. */
const block = "animate-pulse rounded-2xl bg-stone-200/70";

function Loading({ children }: { children: ReactNode }) {
  return (
    <div aria-busy="true">
      <p role="status" className="sr-only">
        Loading…
      </p>
      {children}
    </div>
  );
}

export function CatalogSkeleton() {
  return (
    <Loading>
      <div className={`${block} h-56 rounded-3xl sm:h-64`} />
      <div className={`${block} mt-10 h-8 w-40`} />
      <div className="mt-6 grid grid-cols-2 gap-x-4 gap-y-8 sm:grid-cols-3 lg:grid-cols-4 lg:gap-x-6">
        {Array.from({ length: 8 }, (_, index) => (
          <div key={index}>
            <div className={`${block} aspect-square`} />
            <div className={`${block} mt-3 h-4 w-3/4`} />
            <div className={`${block} mt-2 h-4 w-1/3`} />
          </div>
        ))}
      </div>
    </Loading>
  );
}

export function TwoColumnSkeleton() {
  return (
    <Loading>
      <div className={`${block} h-9 w-52`} />
      <div className="mt-6 grid gap-8 lg:grid-cols-[1fr_22rem] lg:gap-12">
        <div className="space-y-4">
          {Array.from({ length: 3 }, (_, index) => (
            <div key={index} className={`${block} h-24`} />
          ))}
        </div>
        <div className={`${block} h-72`} />
      </div>
    </Loading>
  );
}
