import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decrypt, encrypt, keyFrom, keyIdOf, parseEncryptionKeys } from "@/lib/security/encryption";

const hexKey = randomBytes(32).toString("hex");
const base64Key = randomBytes(32).toString("base64");

describe("encryption at rest", () => {
  it("round-trips with a fresh IV each time, and the key id names the key", () => {
    const key = keyFrom(hexKey);
    const keys = new Map([[key.id, key]]);
    const first = encrypt('{"email":"asha@example.com"}', "evt_1", key);
    const second = encrypt('{"email":"asha@example.com"}', "evt_1", key);
    expect(first).not.toBe(second);
    expect(first).not.toContain("asha");
    expect(keyIdOf(first)).toBe(key.id);
    expect(decrypt(first, "evt_1", keys)).toBe('{"email":"asha@example.com"}');
    expect(decrypt(second, "evt_1", keys)).toBe('{"email":"asha@example.com"}');
  });

  it("refuses a changed ciphertext, tag or binding", () => {
    const key = keyFrom(base64Key);
    const keys = new Map([[key.id, key]]);
    const stored = encrypt("payload", "evt_1", key);
    const parts = stored.split(":");
    const flipped = (text: string) => (text[0] === "A" ? "B" : "A") + text.slice(1);
    expect(() => decrypt([...parts.slice(0, 4), flipped(parts[4])].join(":"), "evt_1", keys)).toThrow(/does not decrypt/);
    expect(() => decrypt([...parts.slice(0, 3), flipped(parts[3]), parts[4]].join(":"), "evt_1", keys)).toThrow(/does not decrypt/);
    expect(() => decrypt(stored, "evt_2", keys)).toThrow(/belongs to another row/);
  });

  it("reads a plaintext value stored before encryption as it is", () => {
    expect(decrypt('{"event":"payment.captured"}', "evt_1", new Map())).toBe('{"event":"payment.captured"}');
    expect(keyIdOf('{"event":"payment.captured"}')).toBeNull();
  });

  it("accepts 32 bytes as hex or base64, and refuses shorter keys naming the variable", () => {
    expect(keyFrom(hexKey).key).toHaveLength(32);
    expect(keyFrom(base64Key).key).toHaveLength(32);
    expect(keyFrom(hexKey).id).toBe(keyFrom(Buffer.from(hexKey, "hex").toString("base64")).id);
    expect(() => parseEncryptionKeys({ ENCRYPTION_KEY: "short" })).toThrow(/^ENCRYPTION_KEY: an encryption key must be at least 32 bytes/);
    expect(() => parseEncryptionKeys({})).toThrow(/ENCRYPTION_KEY is not set/);
    expect(() => parseEncryptionKeys({ ENCRYPTION_KEY: hexKey, ENCRYPTION_PREVIOUS_KEYS: `${base64Key},abc` })).toThrow(/^ENCRYPTION_PREVIOUS_KEYS:/);
  });

  it("decrypts with any configured key by id and encrypts with the current one", () => {
    const rotated = parseEncryptionKeys({ ENCRYPTION_KEY: hexKey, ENCRYPTION_PREVIOUS_KEYS: ` ${base64Key} ` });
    const old = keyFrom(base64Key);
    expect(rotated.current.id).toBe(keyFrom(hexKey).id);
    expect([...rotated.byId.keys()].sort()).toEqual([old.id, rotated.current.id].sort());
    expect(decrypt(encrypt("made long ago", "evt_9", old), "evt_9", rotated.byId)).toBe("made long ago");
    expect(() => decrypt(encrypt("x", "evt_9", old), "evt_9", new Map([[rotated.current.id, rotated.current]]))).toThrow(`no configured key has id ${old.id}`);
  });
});

describe("the encryption configuration", () => {
  it("is required in production, and checked when given anywhere", async () => {
    const { checkEncryptionConfig } = await import("@/lib/config");
    expect(() => checkEncryptionConfig({ NODE_ENV: "production" })).toThrow(/ENCRYPTION_KEY is not set/);
    expect(() => checkEncryptionConfig({ NODE_ENV: "production", ENCRYPTION_KEY: "" })).toThrow(/ENCRYPTION_KEY is not set/);
    expect(() => checkEncryptionConfig({ NODE_ENV: "production", ENCRYPTION_KEY: hexKey })).not.toThrow();
    expect(() => checkEncryptionConfig({ NODE_ENV: "development" })).not.toThrow();
    expect(() => checkEncryptionConfig({ NODE_ENV: "development", ENCRYPTION_KEY: "too short" })).toThrow(/at least 32 bytes/);
  });
});

describe("a shop started with nothing configured", () => {
  it("generates ENCRYPTION_KEY once into .env.local, owner-only, and it passes the configuration's checks", async () => {
    const { mkdtempSync, readFileSync, statSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { ensureEncryptionKey } = await import("@/scripts/env");
    const saved = process.env.ENCRYPTION_KEY;
    delete process.env.ENCRYPTION_KEY;
    try {
      const envLocal = path.join(mkdtempSync(path.join(tmpdir(), "encryption-env-")), ".env.local");
      expect(await ensureEncryptionKey(envLocal)).toBe(true);
      const file = readFileSync(envLocal, "utf8");
      expect(file).toContain(`ENCRYPTION_KEY=${process.env.ENCRYPTION_KEY}`);
      expect(statSync(envLocal).mode & 0o777).toBe(0o600);
      expect(parseEncryptionKeys(process.env).current.key).toHaveLength(32);
      expect(await ensureEncryptionKey(envLocal)).toBe(false);
      expect(readFileSync(envLocal, "utf8")).toBe(file);
    } finally {
      if (saved === undefined) delete process.env.ENCRYPTION_KEY;
      else process.env.ENCRYPTION_KEY = saved;
    }
  });
});
