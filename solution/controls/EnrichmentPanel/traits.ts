/*
 * Trait normalisation, mirroring the C# pipeline (TraitText, TraitNormalizer, TraitTaxonomy in CrmPersonCentric.Model):
 * the same text gives the same key, label and candidate verdict, or the chips would contradict the backend. The browser
 * tests compare the two on known and generated phrasings.
 */

export type DimensionId = "aspiration" | "coreFear" | "peerGroup" | "community";

export interface TaxonomyEntry {
  dimension: DimensionId;
  key: string;
  label: string;
  synonyms?: readonly string[];
}

export interface Taxonomy {
  readonly entries: readonly TaxonomyEntry[];
  findByPhrase(dimension: DimensionId, canonical: string): TaxonomyEntry | null;
}

export type TraitError = "empty" | "tooLong" | "malformed" | "noLetters";

export type NormalizedTrait =
  | { key: string; label: string; candidate: boolean; error?: undefined }
  | { error: TraitError; length: number };

export interface ParsedColumn {
  /** Every typed item, in order, so a rewrite of the column loses nothing. */
  items: string[];
  /** The distinct traits, first phrasing wins. */
  traits: { key: string; label: string }[];
  keyOf(raw: string): string | undefined;
}

export const LIMITS = Object.freeze({ maxLength: 100, maxPerDimension: 20 });

const LEADS: Readonly<Record<DimensionId, readonly string[]>> = {
  coreFear: ["fear of", "fear that", "fears of", "afraid of", "afraid that", "worried about", "worry about", "worries about", "scared of", "anxious about", "concerned about", "fear"],
  aspiration: ["wants to", "want to", "aspires to", "aspire to", "aspiration to", "hopes to", "hope to", "dreams of", "wishes to", "to"],
  community: ["member of", "member in", "part of", "active in", "belongs to", "attends"],
  peerGroup: ["peers at", "peers in", "peer group of", "other", "fellow"],
};

const APOSTROPHES = new Set(["'", "\u2019", "\u2018", "`"]);
/** char.IsLetterOrDigit: letters and decimal digits, per UTF-16 unit. */
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;
/** The characters string.Trim() removes (it keeps U+FEFF). */
const DOTNET_SPACE = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const TRIM = new RegExp("^[" + DOTNET_SPACE + "]+|[" + DOTNET_SPACE + "]+$", "g");
/** What separates traits in a column value (TraitNormalizer.NormalizeList). */
export const LIST_SEPARATORS = /[;\n\r|]/;

/** A high surrogate without its low half, or a low one without its high half: ill-formed UTF-16. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** .NET's invariant casing leaves the Turkish dotted and dotless i alone and maps one unit to one unit only. */
const CASE_KEPT = new Set(["\u0130", "\u0131"]);

export function trimDotNet(text: unknown): string {
  return String(text ?? "").replace(TRIM, "");
}

function lowerInvariant(c: string): string {
  const m = c.toLowerCase();
  return CASE_KEPT.has(c) || m.length !== 1 ? c : m;
}

function upperInvariant(c: string): string {
  const m = c.toUpperCase();
  return CASE_KEPT.has(c) || m.length !== 1 ? c : m;
}

/** NFKC, apostrophes dropped, every run of other non-alphanumerics one space, lower case (TraitText.Canonicalize). */
export function canonicalize(text: string): string {
  const folded = String(text).normalize("NFKC");
  let out = "";
  let pendingSpace = false;
  for (let i = 0; i < folded.length; i++) {
    const c = folded[i];
    if (APOSTROPHES.has(c)) continue;
    if (LETTER_OR_DIGIT.test(c)) {
      if (pendingSpace && out.length > 0) out += " ";
      pendingSpace = false;
      out += lowerInvariant(c);
    } else {
      pendingSpace = true;
    }
  }
  return out;
}

export function stripDimensionLead(dimension: DimensionId, canonical: string): string {
  for (const lead of LEADS[dimension] ?? []) {
    if (canonical.length > lead.length + 1 && canonical.startsWith(lead) && canonical[lead.length] === " ") {
      return canonical.slice(lead.length + 1);
    }
  }
  return canonical;
}

export function toKey(canonical: string): string {
  return canonical.replaceAll(" ", "-");
}

export function toLabel(canonical: string): string {
  return canonical.length === 0 ? canonical : upperInvariant(canonical[0]) + canonical.slice(1);
}

/** A taxonomy over entries in the order the taxonomy lists them (the first phrasing wins). */
export function createTaxonomy(entries: readonly TaxonomyEntry[]): Taxonomy {
  const byPhrase = new Map<string, TaxonomyEntry>();
  for (const entry of entries) {
    const phrases = [entry.key.replaceAll("-", " "), entry.label, ...(entry.synonyms ?? [])];
    for (const phrase of phrases) {
      const canonical = canonicalize(phrase);
      for (const form of [stripDimensionLead(entry.dimension, canonical), canonical]) {
        const id = entry.dimension + "|" + form;
        if (!byPhrase.has(id)) byPhrase.set(id, entry);
      }
    }
  }
  return {
    entries,
    findByPhrase: (dimension, canonical) => byPhrase.get(dimension + "|" + canonical) ?? null,
  };
}

export const EMPTY_TAXONOMY: Taxonomy = createTaxonomy([]);

/** Normalises one typed trait: its key, label and whether it is a candidate (not in the taxonomy), or why it cannot be one. */
export function normalize(taxonomy: Taxonomy, dimension: DimensionId, text: string): NormalizedTrait {
  const trimmed = trimDotNet(text);
  if (trimmed.length === 0) return { error: "empty", length: 0 };
  if (trimmed.length > LIMITS.maxLength) return { error: "tooLong", length: trimmed.length };
  // String.Normalize throws on ill-formed UTF-16 (a lone surrogate); the pipeline cannot take such text either.
  if (LONE_SURROGATE.test(trimmed)) return { error: "malformed", length: trimmed.length };
  const canonical = canonicalize(trimmed);
  if (canonical.length === 0) return { error: "noLetters", length: trimmed.length };
  const stripped = stripDimensionLead(dimension, canonical);
  const entry = taxonomy.findByPhrase(dimension, canonical) ?? taxonomy.findByPhrase(dimension, stripped);
  return entry
    ? { key: entry.key, label: entry.label, candidate: false }
    : { key: toKey(stripped), label: toLabel(stripped), candidate: true };
}

/** Splits a column value like TraitNormalizer.NormalizeList, keeping every typed item. */
export function parseColumn(taxonomy: Taxonomy, dimension: DimensionId, value: string | null | undefined): ParsedColumn {
  const items = String(value ?? "").split(LIST_SEPARATORS).map(trimDotNet).filter((s) => s.length > 0);
  const traits: { key: string; label: string }[] = [];
  const seen = new Set<string>();
  for (const raw of items) {
    const trait = normalize(taxonomy, dimension, raw);
    if (trait.error !== undefined || seen.has(trait.key)) continue;
    seen.add(trait.key);
    traits.push({ key: trait.key, label: trait.label });
  }
  return {
    items,
    traits,
    keyOf: (raw) => {
      const trait = normalize(taxonomy, dimension, raw);
      return trait.error === undefined ? trait.key : undefined;
    },
  };
}
