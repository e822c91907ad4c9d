import { readFile } from "node:fs/promises";
import path from "node:path";
import { ImageResponse } from "next/og";

/** The size of every share card: what Open Graph and Twitter's large card display. */
export const OG_IMAGE_SIZE = { width: 1200, height: 630 };

const PUBLIC_DIR = path.join(process.cwd(), "public");
const IMAGE_TYPES: Record<string, string> = { ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg" };

/**
 * A product photo from the public folder as a data URL, so drawing the card needs no network
 * (the renderer would fetch a URL). Anything else (a remote image, a path leaving the folder, a
 * missing file) draws the card without a photo rather than failing it.
 */
export async function publicImageDataUrl(imagePath: string): Promise<string | null> {
  const file = path.join(PUBLIC_DIR, path.normalize(imagePath));
  const type = IMAGE_TYPES[path.extname(file).toLowerCase()];
  if (!type || !imagePath.startsWith("/") || !file.startsWith(PUBLIC_DIR + path.sep)) return null;
  const bytes = await readFile(file).catch(() => null);
  return bytes ? `data:${type};base64,${bytes.toString("base64")}` : null;
}

/**
 * The share card. Text is drawn with the font next/og ships (Geist, which has the rupee sign),
 * so nothing is downloaded: keep to Latin text, since a glyph the font lacks would make the
 * renderer ask Google Fonts for it.
 */
export function shareCard({ shopName, title, lines, photo }: { shopName: string; title: string; lines: string[]; photo: string | null }): ImageResponse {
  return new ImageResponse(
    (
      <div style={{ display: "flex", width: "100%", height: "100%", backgroundColor: "#fbf8f3", color: "#1c1917" }}>
        {photo && <img src={photo} alt="" width={630} height={630} style={{ width: 630, height: 630, objectFit: "cover" }} />}
        <div style={{ display: "flex", flexDirection: "column", justifyContent: "space-between", flex: 1, padding: 64 }}>
          <div style={{ display: "flex", alignItems: "center", fontSize: 30, color: "#0f4a3d" }}>
            <div style={{ width: 44, height: 44, borderRadius: 12, backgroundColor: "#0f4a3d", marginRight: 16 }} />
            {shopName}
          </div>
          <div style={{ display: "flex", flexDirection: "column" }}>
            <div style={{ fontSize: title.length > 28 ? 56 : 68, lineHeight: 1.1, letterSpacing: -1 }}>{title}</div>
            {lines.map((line, index) => (
              <div key={line} style={{ marginTop: index === 0 ? 28 : 10, fontSize: index === 0 ? 44 : 28, color: index === 0 ? "#1c1917" : "#57534e" }}>
                {line}
              </div>
            ))}
          </div>
          <div style={{ display: "flex", height: 10, width: 120, borderRadius: 5, backgroundColor: "#f6c26b" }} />
        </div>
      </div>
    ),
    OG_IMAGE_SIZE,
  );
}
