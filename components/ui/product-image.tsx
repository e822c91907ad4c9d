import Image from "next/image";

/** Product illustrations are square SVGs; next/image serves SVGs as they are, unoptimised. */
export function ProductImage({ src, alt, sizes, eager = false, className = "" }: { src: string; alt: string; sizes: string; eager?: boolean; className?: string }) {
  return (
    <Image
      src={src}
      alt={alt}
      width={400}
      height={400}
      sizes={sizes}
      loading={eager ? "eager" : "lazy"}
      fetchPriority={eager ? "high" : "auto"}
      className={`aspect-square w-full object-cover ${className}`}
    />
  );
}
