import { Prisma } from "@/lib/db";

/**
 * What the search indexes are built on (prisma/migrations/20261126080100_*): the stored document,
 * and the text of the trigram index, an expression the planner matches only when written the same.
 */
const DOCUMENT = Prisma.sql`p.search_document`;
const TEXT = Prisma.sql`(p.name || ' ' || p.description)`;

/** More words than this add nothing but cost; the rest of the query is ignored. */
const MAX_WORDS = 6;
/** Below three letters a word has too few trigrams for a similarity to mean anything. */
const FUZZY_MIN_LENGTH = 3;

/** Marks around a matched word in a highlight: control characters no product text contains, never HTML. */
export const MATCH_START = "\u0001";
export const MATCH_END = "\u0002";
const HEADLINE_OPTIONS = {
  name: `StartSel=${MATCH_START}, StopSel=${MATCH_END}, HighlightAll=true`,
  description: `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=24, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "`,
};

export interface SearchTerms {
  /** Every word matches, by prefix ("darj" finds Darjeeling) or, misspelt, by trigram similarity ("safron"). */
  matches: Prisma.Sql;
  /** Higher is better: full-text rank, names before descriptions, plus how close the name is. */
  rank: Prisma.Sql;
  highlight(column: Prisma.Sql, kind: keyof typeof HEADLINE_OPTIONS): Prisma.Sql;
}

/** The words of a query: letters and digits only (so nothing reaches tsquery syntax), lower case. */
export function searchWords(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
}

export function searchTerms(q: string): SearchTerms | null {
  const words = searchWords(q);
  if (words.length === 0) return null;
  const wordMatches = words.map((word) => {
    const prefix = Prisma.sql`to_tsquery('english', ${`${word}:*`})`;
    // A word the dictionary drops ("the", "and") asks for nothing: it matches every product.
    const fuzzy = word.length >= FUZZY_MIN_LENGTH ? Prisma.sql` OR ${word}::text <% ${TEXT}` : Prisma.empty;
    return Prisma.sql`(numnode(${prefix}) = 0 OR ${DOCUMENT} @@ ${prefix}${fuzzy})`;
  });
  const anyWord = Prisma.sql`to_tsquery('english', ${words.map((word) => `${word}:*`).join(" | ")})`;
  const phrase = words.join(" ");
  return {
    matches: Prisma.join(wordMatches, " AND "),
    rank: Prisma.sql`(ts_rank(${DOCUMENT}, ${anyWord}) + word_similarity(${phrase}::text, p.name))`,
    highlight: (column, kind) => Prisma.sql`ts_headline('english', ${column}, ${anyWord}, ${HEADLINE_OPTIONS[kind]})`,
  };
}

/** Splits a highlight into plain and matched pieces, for React to render (and escape) as text. */
export function highlightPieces(text: string): { text: string; match: boolean }[] {
  const pieces: { text: string; match: boolean }[] = [];
  for (const [index, part] of text.split(MATCH_START).entries()) {
    if (index === 0) {
      if (part) pieces.push({ text: part, match: false });
      continue;
    }
    const end = part.indexOf(MATCH_END);
    const [matched, rest] = end === -1 ? [part, ""] : [part.slice(0, end), part.slice(end + 1)];
    if (matched) pieces.push({ text: matched, match: true });
    if (rest) pieces.push({ text: rest, match: false });
  }
  return pieces;
}
