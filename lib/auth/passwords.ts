import { hash, verify } from "@node-rs/argon2";

/** argon2id with the library's defaults (~5 ms here): slow enough for guessing, cheap enough for a sign-in. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password and for a hash that cannot be read: never throws on bad input. */
export async function passwordMatches(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
