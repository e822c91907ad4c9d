/**
 * Scans log text for what logs must never hold (PCI DSS 3.3/3.4 and the shop's own secrets):
 * card numbers, CVV-like fields, configured secrets and unmasked email addresses. Shared by the
 * payments audit (`--logs FILE`) and the log tests. Each leak names its line and kind, and shows
 * the offending value masked, so the report itself never repeats it.
 */

export type LeakKind = "card_number" | "cvv" | "secret" | "email";

export interface LogLeak {
  /** 1-based. */
  line: number;
  kind: LeakKind;
  /** The value, masked (last four digits, first character of an email). */
  excerpt: string;
}

export interface LogScanOptions {
  /** Configured secrets (key secret, webhook secret, NEXTAUTH_SECRET, ...); shorter than 8 characters are ignored. */
  secrets?: readonly string[];
}

/** Luhn's checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * 13–19 digits, optionally grouped by single spaces or hyphens, not inside a longer run of letters
 * or digits (ids such as pay_L0nSsccovt6zyp). The first digit must be one card networks issue
 * (2–6 and 8: Mastercard, Amex/Diners/JCB, Visa, Mastercard/Maestro, RuPay/Discover, RuPay): a
 * run starting with 1 is a millisecond timestamp (pino's "time"), which passes Luhn one time in ten.
 */
const CARD_CANDIDATE = /(?<![0-9A-Za-z])[2-68](?:[ -]?[0-9]){12,18}(?![0-9A-Za-z])/g;
/** cvv/cvc/cvv2/cvc2/card_code/security_code followed by 3–4 digits, in JSON or key=value form. */
const CVV_FIELD = /\b(?:cvv2?|cvc2?|cid|card[_-]?code|security[_-]?code)\b["']?\s*[:=]\s*["']?(\d{3,4})(?!\d)/gi;
const EMAIL = /[A-Za-z0-9._%+*-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const MIN_SECRET_LENGTH = 8;

const maskDigits = (digits: string) => `${"*".repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;

export function scanLogLine(text: string, lineNumber: number, options: LogScanOptions = {}): LogLeak[] {
  const leaks: LogLeak[] = [];
  for (const match of text.matchAll(CARD_CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, "");
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) leaks.push({ line: lineNumber, kind: "card_number", excerpt: maskDigits(digits) });
  }
  for (const match of text.matchAll(CVV_FIELD)) leaks.push({ line: lineNumber, kind: "cvv", excerpt: `${match[0].split(/[:=]/)[0].replace(/["'\s]/g, "")}=***` });
  for (const secret of options.secrets ?? []) {
    if (secret.length >= MIN_SECRET_LENGTH && text.includes(secret)) leaks.push({ line: lineNumber, kind: "secret", excerpt: `${secret.slice(0, 2)}…(${secret.length} characters)` });
  }
  for (const match of text.matchAll(EMAIL)) {
    // Masked forms keep asterisks in the local part (a***@example.com); anything else is an address.
    const [local, domain] = match[0].split("@");
    if (!local.includes("*")) leaks.push({ line: lineNumber, kind: "email", excerpt: `${local[0]}***@${domain}` });
  }
  return leaks;
}

export function scanLogText(text: string, options: LogScanOptions = {}): LogLeak[] {
  return text.split(/\r?\n/).flatMap((line, index) => scanLogLine(line, index + 1, options));
}
