import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { siteMetadata } from "@/lib/seo/metadata";
import { Announcer } from "@/components/ui/announcer";
import { sans } from "./fonts";
import "./globals.css";

export function generateMetadata(): Metadata {
  return { ...siteMetadata(), icons: { icon: "/favicon.svg" } };
}

export const viewport: Viewport = { themeColor: "#0b3a30" };

// Every page renders per request (below), so none has a static shell for Cache Components to
// validate: pages are allowed to block, and their data comes from 'use cache' (lib/catalog/cached.ts).
export const instant = false;

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Next puts this request's CSP nonce (proxy.ts) on every script it renders: a prerendered page
  // would carry none and the browser would refuse its scripts, so every page renders per request.
  await connection();
  return (
    <html lang="en-IN" className={sans.variable}>
      <body className="flex min-h-dvh flex-col">
        <a href="#main" className="sr-only z-50 rounded-lg bg-white px-4 py-2 font-medium focus:not-sr-only focus:absolute focus:top-2 focus:left-2">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 pt-6 sm:px-6 sm:pt-10">
          {children}
        </main>
        <SiteFooter />
        <Announcer />
      </body>
    </html>
  );
}
