/**
 * Masks personal data and secrets in a gateway payload before an admin sees it. Two nets: by key
 * name (what the field is) and by value shape (an email or VPA inside a description, a phone in
 * the notes). What stays readable is what support needs to trace money: ids, amounts, statuses,
 * methods, error codes, bank reference numbers.
 */

export const MASK = "•••";
export const SECRET = "[hidden]";

/** Never shown, not even in part. */
const SECRET_KEY = /(secret|password|passwd|token|signature|authorization|cvv|cvc|otp|pin$|api_?key)/i;
const EMAIL_KEY = /e-?mail/i;
const PHONE_KEY = /(phone|contact|mobile|msisdn)/i;
const VPA_KEY = /(^vpa$|_vpa$|^upi_?id$|payer_address|virtual_address)/i;
const NAME_KEY = /(^name$|customer_name|holder|beneficiary|account_name|first_name|last_name|full_name|billing_label)/i;
const ADDRESS_KEY = /(address|^line\d?$|line_?\d|street|^landmark$|^zip|postal_?code|pin_?code)/i;
/** Whole objects of card or bank-account details: only their non-identifying fields stay. */
const CARD_KEY = /^(card|bank_account|account|emandate)$/i;
const CARD_SAFE_FIELDS = new Set(["id", "entity", "network", "type", "issuer", "international", "emi", "sub_type", "bank_name", "ifsc"]);
/** Identifiers and bank references: never personal, and needed to trace a payment. */
const REFERENCE_KEY = /(^id$|_id$|^entity$|^event$|^arn$|^rrn$|^auth_code$|^status$|^method$|^currency$)/i;

const EMAIL_SHAPE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** name@bank, without a dot after the @ (an email has one). */
const VPA_SHAPE = /[A-Za-z0-9._-]{2,}@[A-Za-z][A-Za-z0-9]{1,}(?![.\w])/g;
/** 10 to 19 digits, maybe with a + and separators: phone and card numbers. */
const NUMBER_SHAPE = /\+?\d(?:[\s-]?\d){9,18}/g;

function maskEmail(email: string): string {
  const [local, domain] = email.split("@");
  return `${local.slice(0, 1)}${MASK}@${domain}`;
}

function maskVpa(vpa: string): string {
  const [handle, bank] = vpa.split("@");
  return `${handle.slice(0, 1)}${MASK}@${bank}`;
}

/** The last two digits only: enough to tell two numbers apart on a call. */
function maskDigits(value: string): string {
  const digits = value.replace(/\D/g, "");
  return `${MASK}${digits.slice(-2)}`;
}

function maskName(value: string): string {
  return value
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${part.slice(0, 1)}${MASK}`)
    .join(" ");
}

/** Replaces personal data found by shape anywhere inside a string. */
export function maskText(text: string): string {
  return text.replace(EMAIL_SHAPE, maskEmail).replace(VPA_SHAPE, maskVpa).replace(NUMBER_SHAPE, maskDigits);
}

function maskByKey(key: string, value: unknown): unknown | undefined {
  if (value === null || value === undefined || value === "") return value;
  if (SECRET_KEY.test(key)) return SECRET;
  if (typeof value === "object") return undefined;
  const text = String(value);
  if (EMAIL_KEY.test(key)) return text.includes("@") ? maskEmail(text) : MASK;
  if (VPA_KEY.test(key)) return text.includes("@") ? maskVpa(text) : MASK;
  if (PHONE_KEY.test(key)) return maskDigits(text);
  if (NAME_KEY.test(key)) return maskName(text);
  if (ADDRESS_KEY.test(key)) return MASK;
  return undefined;
}

function maskCard(card: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(card).map(([key, value]) => [key, CARD_SAFE_FIELDS.has(key) || value === null ? value : SECRET_KEY.test(key) ? SECRET : MASK]));
}

/** A copy of `value` with personal data and secrets masked, at any depth. */
export function maskPersonalData(value: unknown, key = ""): unknown {
  const byKey = key ? maskByKey(key, value) : undefined;
  if (byKey !== undefined) return byKey;
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(item, key));
  if (value && typeof value === "object") {
    if (CARD_KEY.test(key)) return maskCard(value as Record<string, unknown>);
    return Object.fromEntries(Object.entries(value).map(([child, item]) => [child, maskPersonalData(item, child)]));
  }
  if (typeof value === "string" && !REFERENCE_KEY.test(key)) return maskText(value);
  return value;
}

/** A stored webhook body, masked and pretty-printed; a body that is not JSON is masked as text. */
export function maskedPayload(rawBody: string): string {
  try {
    return JSON.stringify(maskPersonalData(JSON.parse(rawBody)), null, 2);
  } catch {
    return maskText(rawBody);
  }
}
