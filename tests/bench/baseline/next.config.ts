import type { NextConfig } from "next";

// Built with the shop's own `next` package (resolved from the repository's node_modules).
const config: NextConfig = {};

export default config;
