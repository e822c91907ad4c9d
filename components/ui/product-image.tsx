import { preload } from "react-dom";

/**
 * Product illustrations are square SVGs, which next/image serves as they are. A plain <img> does the
 * same without next/image's client component, whose script and hydration every page showing a
 * product paid for. An eager image is the page's largest paint: it is preloaded from <head> at high
 * priority, so the browser fetches it before it has parsed the markup down to the picture.
 */
export function ProductImage({ src, alt, eager = false, className = "" }: { src: string; alt: string; eager?: boolean; className?: string }) {
  if (eager) preload(src, { as: "image", fetchPriority: "high" });
  return (
    <img
      src={src}
      alt={alt}
      width={400}
      height={400}
      loading={eager ? "eager" : "lazy"}
      fetchPriority={eager ? "high" : "auto"}
      decoding="async"
      className={`aspect-square w-full object-cover ${className}`}
    />
  );
}
