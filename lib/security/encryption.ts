import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Encryption at rest for what we must store but must not keep readable (webhook bodies carry
 * shoppers' emails, phones, VPAs and card details): AES-256-GCM with Node's crypto, a fresh
 * 96-bit IV per value, and the value's own id (the webhook's event id) as associated data, so a
 * ciphertext copied onto another row does not decrypt. Each value is a self-describing envelope,
 *
 *   v1:<keyId>:<iv>:<tag>:<ciphertext>     (base64url parts)
 *
 * so the key that made it is known when it is read, and keys can be rotated: ENCRYPTION_KEY
 * encrypts, ENCRYPTION_PREVIOUS_KEYS still decrypt, and `npm run webhooks:encrypt` re-encrypts
 * old values under the current key. A value without the `v1:` prefix is a plaintext row stored
 * before encryption existed, read as it is until that command encrypts it.
 */
const VERSION = "v1";
const IV_BYTES = 12;

export interface EncryptionKey {
  /** A short fingerprint of the key (not the key): which key made a value, without a table to keep by hand. */
  id: string;
  key: Buffer;
}

/** The 32-byte AES key from a configured value: 64 hex digits, or base64/base64url of at least 32 bytes (longer is hashed down). */
export function keyFrom(text: string): EncryptionKey {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64,}$/.test(trimmed) && trimmed.length % 2 === 0 ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (bytes.length < 32) throw new Error("an encryption key must be at least 32 bytes: 64 hex digits or 44 base64 characters (`openssl rand -base64 32`)");
  const key = bytes.length === 32 ? bytes : createHash("sha256").update(bytes).digest();
  return { id: `k${createHash("sha256").update("encryption-key-id:").update(key).digest("hex").slice(0, 8)}`, key };
}

export interface EncryptionKeys {
  /** Encrypts every new value. */
  current: EncryptionKey;
  /** Every key that may have made a stored value, by id: the current one and the previous ones. */
  byId: Map<string, EncryptionKey>;
}

export class EncryptionConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/**
 * ENCRYPTION_KEY (required; `npm run dev` and `SHOP_MODE=demo npm start` generate one into
 * .env.local) and ENCRYPTION_PREVIOUS_KEYS (optional, comma-separated: keys rotated out, still
 * needed to read what they encrypted). Key ids are fingerprints of the keys, so rotating is
 * moving the old key into ENCRYPTION_PREVIOUS_KEYS and setting a new ENCRYPTION_KEY, nothing more.
 */
export function parseEncryptionKeys(env: Record<string, string | undefined>): EncryptionKeys {
  const named = (variable: string, text: string) => {
    try {
      return keyFrom(text);
    } catch (error) {
      throw new EncryptionConfigError(`${variable}: ${(error as Error).message}`); // keyFrom throws only Errors
    }
  };
  if (!env.ENCRYPTION_KEY) {
    throw new EncryptionConfigError("ENCRYPTION_KEY is not set: it encrypts stored webhook payloads (at least 32 bytes: `openssl rand -base64 32`; `npm run dev` generates one)");
  }
  const current = named("ENCRYPTION_KEY", env.ENCRYPTION_KEY);
  const previous = (env.ENCRYPTION_PREVIOUS_KEYS ?? "").split(",").filter((text) => text.trim()).map((text) => named("ENCRYPTION_PREVIOUS_KEYS", text));
  return { current, byId: new Map([...previous, current].map((key) => [key.id, key])) };
}

let cached: { source: string; keys: EncryptionKeys } | undefined;

/** The configured keys, parsed again only when the variables change (tests switch shops in one process). */
export function encryptionKeys(): EncryptionKeys {
  const source = `${process.env.ENCRYPTION_KEY ?? ""}|${process.env.ENCRYPTION_PREVIOUS_KEYS ?? ""}`;
  if (cached?.source !== source) cached = { source, keys: parseEncryptionKeys(process.env) };
  return cached.keys;
}

export function isEncrypted(stored: string): boolean {
  return stored.startsWith(`${VERSION}:`);
}

/** The key id of a stored value, or null for a plaintext one. */
export function keyIdOf(stored: string): string | null {
  return isEncrypted(stored) ? stored.split(":", 3)[1] : null;
}

export function encrypt(plaintext: string, boundTo: string, key: EncryptionKey = encryptionKeys().current): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, key.id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(":");
}

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptionError";
  }
}

/** The plaintext of a stored value (a plaintext row is returned as it is); fails loudly for an unknown key or a tampered value. */
export function decrypt(stored: string, boundTo: string, keys: Map<string, EncryptionKey> = encryptionKeys().byId): string {
  if (!isEncrypted(stored)) return stored;
  const [, keyId, iv, tag, ciphertext] = stored.split(":");
  const key = keys.get(keyId);
  if (!key) throw new DecryptionError(`no configured key has id ${keyId}: add the key that made it to ENCRYPTION_PREVIOUS_KEYS`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(boundTo, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError(`a value encrypted with key ${keyId} does not decrypt: it was altered, or belongs to another row`);
  }
}
