import { highlightPieces } from "@/lib/catalog/search";

/** A search highlight as text and <mark>s: React escapes every piece, so product text can never become markup. */
export function Highlighted({ text }: { text: string }) {
  return (
    <>
      {highlightPieces(text).map((piece, index) =>
        piece.match ? (
          <mark key={index} className="rounded-sm bg-amber-100 px-0.5 text-inherit">
            {piece.text}
          </mark>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}
