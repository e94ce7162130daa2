/**
 * A detector is a pure function over the normalised view returning spans of it. Patterns from
 * the catalogue become regex detectors; checksum detectors and the always-on secrets detector
 * are built in; an external classifier would be one more implementation of the same interface.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Detector {
  /** `disguises`: the spans of the view a prompt disguised (words: normalise.ts `disguisedWords`; a run decoded from an encoding), for the detectors that weigh it. */
  find(view: string, disguises?: readonly Span[]): Iterable<Span>;
  /** The regex that finds candidates, when there is one: what the streaming redactor analyses. */
  readonly pattern?: RegExp;
}

export interface MatchChecks {
  readonly minEntropy?: number | undefined;
  readonly minDistinct?: number | undefined;
  /** A value this finds anything in is turned down. */
  readonly reject?: RegExp | undefined;
  /** Capture group the checks look at. */
  readonly group: number;
}

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function passes(match: RegExpExecArray, checks: MatchChecks | undefined): boolean {
  if (!checks) return true;
  const text = match[checks.group] ?? match[0];
  if (checks.minEntropy !== undefined && entropy(text) < checks.minEntropy) return false;
  if (checks.minDistinct !== undefined && new Set(text).size < checks.minDistinct) return false;
  return checks.reject === undefined || !checks.reject.test(text);
}

/**
 * A pattern's matches that pass the checks. `accept` may return the length of the part of a
 * candidate it accepts (a checksum that holds for a prefix only: the card number before its
 * CVV, the IBAN before the next word), `true` for all of it, or `false`.
 */
export function regexDetector(pattern: RegExp, checks?: MatchChecks, accept?: (match: string) => boolean | number): Detector {
  return {
    pattern,
    *find(view) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(view); m !== null; m = pattern.exec(view)) {
        if (m[0].length === 0) {
          pattern.lastIndex += 1;
          continue;
        }
        if (!passes(m, checks)) continue;
        const verdict = accept ? accept(m[0]) : true;
        if (verdict === false || verdict === 0) continue;
        const end = m.index + (verdict === true ? m[0].length : verdict);
        // Resume right after the accepted part: what follows a shortened match (a second IBAN) is scanned too.
        pattern.lastIndex = end;
        yield { start: m.index, end };
      }
    },
  };
}

/** The longest prefix, cut where `cut` allows, whose compact form passes `valid`; its length, or false. */
function longestValidPrefix(candidate: string, cut: (i: number) => boolean, compact: (s: string) => string, valid: (c: string) => boolean): number | false {
  for (let end = candidate.length; end > 0; end -= 1) {
    if (cut(end) && valid(compact(candidate.slice(0, end)))) return end;
  }
  return false;
}

/** Luhn mod-10 over the digits of a candidate. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Issuer prefixes of the major card networks (Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro) and the national ones (Mir, RuPay, Troy, Elo, Verve, UzCard, Humo). */
const CARD_PREFIX = /^(?:4\d{12}(?:\d{3}){0,2}|5[1-5]\d{14}|2(?:2[2-9]\d|[3-6]\d\d|7[01]\d|720)\d{12}|3[47]\d{13}|6(?:011|5\d\d|4[4-9]\d)\d{12,15}|3(?:0[0-5]|[689]\d)\d{11,16}|35\d{14,17}|62\d{14,17}|(?:5018|5020|5038|5893|6304|6759|676[1-3])\d{8,15}|220[0-4]\d{12,15}|(?:508\d|60\d\d|8[12]\d\d|9792|8600|9860|5061|6500|509\d|6277|6362)\d{12})$/;

const isCard = (digits: string) => digits.length >= 13 && CARD_PREFIX.test(digits) && !/^(\d)\1+$/.test(digits) && luhnValid(digits);

/**
 * Payment cards: 13–19 digits, spaces or dashes allowed between them (or four groups of four
 * joined by dots), a known issuer prefix and a valid Luhn checksum. Not glued to letters, nor inside
 * an IBAN written in groups after its country code and check digits (DE94 6271 ..., FR77 3000 4981 ...),
 * even one whose checksum fails: those digits are an account. A
 * run that goes on (a CVV or an expiry after the number) is cut at the longest separator-bounded
 * prefix that is a card.
 */
export const paymentCardDetector: Detector = regexDetector(/(?<![\d.-])(?<!\d,)(?<![A-Za-z])(?<![A-Z]{2}\d\d(?: [\dA-Z]{4}){0,8} )(?:\d(?:[ -]?\d){12,24}|\d{4}\.\d{4}\.\d{4}\.\d{4})(?!\d|[.-]\d)/g, undefined, (match) =>
  longestValidPrefix(match, (end) => end === match.length || match[end] === ' ' || match[end] === '-', (s) => s.replace(/[ .-]/g, ''), isCard),
);

/** ISO 13616 mod-97 on an IBAN without spaces. */
export function ibanValid(iban: string): boolean {
  const rearranged = (iban.slice(4) + iban.slice(0, 4)).toUpperCase();
  let remainder = 0;
  for (const c of rearranged) {
    const value = c >= 'A' && c <= 'Z' ? String(c.charCodeAt(0) - 55) : c;
    for (const d of value) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

/**
 * IBAN length by country: the SWIFT registry (ISO 13616) and the IBANs of the African and other
 * banks outside it that use the format. A code not listed (`FC59 1CE4 …`, a key fingerprint that
 * happens to pass mod-97) is not an IBAN.
 */
const IBAN_LENGTH: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24,
  DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27,
  GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24,
  PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25,
  SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
  AO: 25, BF: 28, BJ: 28, CF: 27, CG: 27, CI: 28, CM: 27, CV: 25, DZ: 26, GA: 27, GQ: 27, GW: 25, IR: 26, KM: 27, MA: 28, MG: 27,
  ML: 28, MZ: 25, NE: 28, SN: 28, TD: 27, TG: 28,
};

/** The detector's pattern has already required two letters and two digits at the start. */
const isIban = (compact: string) => IBAN_LENGTH[compact.slice(0, 2).toUpperCase()] === compact.length && ibanValid(compact);

/**
 * IBANs: country code, check digits, 11–30 alphanumerics (optionally grouped by spaces), mod-97
 * valid. The pattern may run into the next word ("…5432 is"): the longest prefix ending at a
 * space that passes mod-97 is the IBAN.
 */
export const ibanDetector: Detector = regexDetector(/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/gi, undefined, (match) =>
  longestValidPrefix(match, (end) => end === match.length || match[end] === ' ', (s) => s.replace(/ /g, ''), isIban),
);

/** `s` as a regex that matches it literally. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Literal secrets of this very proxy (its upstream key, its JWT secret): redacted wherever they appear. */
export function literalsDetector(literals: readonly string[]): Detector {
  const usable = literals.filter((l) => l.length >= 8);
  if (usable.length === 0) return { find: () => [] };
  return regexDetector(new RegExp(usable.map(escapeRegExp).join('|'), 'g'));
}
