// Razorpay ids: a type prefix plus 14 case-sensitive alphanumerics.
import { createHash, randomInt } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ID_LENGTH = 14;

export type IdPrefix = "order" | "pay" | "rfnd" | "evt" | "card";

export function newId(prefix: IdPrefix): string {
  let suffix = "";
  for (let i = 0; i < ID_LENGTH; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}_${suffix}`;
}

/** A merchant has one account id; deriving it from the key keeps it stable across restarts. */
export function accountIdFor(keyId: string): string {
  const digest = createHash("sha256").update(keyId).digest();
  let suffix = "";
  for (let i = 0; i < ID_LENGTH; i++) suffix += ALPHABET[digest[i] % ALPHABET.length];
  return `acc_${suffix}`;
}

export function randomDigits(length: number): string {
  let digits = "";
  for (let i = 0; i < length; i++) digits += String(randomInt(10));
  return digits;
}
