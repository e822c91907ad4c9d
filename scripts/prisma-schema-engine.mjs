#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which cannot be downloaded on our offline
// machines. It runs Prisma's own engine compiled to WebAssembly (@prisma/schema-engine-wasm) behind
// the same command line and JSON-RPC-over-stdio protocol, so the ordinary `prisma migrate` commands
// work unchanged. prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here.
// Background and the pitfalls handled below: ../shared/notes/prisma-offline.md (project notes).
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import * as wasmBindings from "@prisma/schema-engine-wasm/schema_engine_bg";

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/** Parses `--flag value` pairs; `--datamodels` may repeat. Positional words are returned as `command`. */
function parseArgs(argv) {
  const datamodels = [];
  const command = [];
  let datasource;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--datamodels") datamodels.push(argv[++i]);
    else if (arg === "--datasource") datasource = JSON.parse(argv[++i]);
    else if (arg.startsWith("--")) i++; // --enabled-preview-features, --extension-types: not needed by the WASM engine
    else command.push(arg);
  }
  return { datamodels, datasource, command };
}

/**
 * The engine reads pg_catalog columns of PostgreSQL's one-byte type "char" (contype, relkind, ...),
 * which adapter-pg refuses to map. Report them as Prisma's `Character` column type, as the native
 * engine's own driver does.
 */
function mapCharColumns(adapter) {
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter));
  if (queryable.queryRaw.mapsCharColumns) return;
  const queryRaw = queryable.queryRaw;
  queryable.queryRaw = async function (query) {
    let charColumns = [];
    const view = Object.create(this);
    view.performIO = async (q) => {
      const result = await this.performIO(q);
      charColumns = result.fields.flatMap((field, i) => (field.dataTypeID === PG_CHAR_OID ? [i] : []));
      for (const i of charColumns) result.fields[i] = { ...result.fields[i], dataTypeID: PG_TEXT_OID };
      return result;
    };
    const result = await queryRaw.call(view, query);
    for (const i of charColumns) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  queryable.queryRaw.mapsCharColumns = true;
}

/** Discrete connection fields: adapter-pg builds the shadow database config by overriding `database`. */
function poolConfig(url) {
  const u = new URL(url);
  const sslmode = u.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(u.hostname) || u.searchParams.get("host") || undefined,
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
    database: decodeURIComponent(u.pathname.slice(1)) || "postgres",
    ssl: sslmode && sslmode !== "disable" ? { rejectUnauthorized: sslmode === "verify-full" } : undefined,
    max: 4,
  };
}

class OfflinePrismaPg extends PrismaPg {
  /**
   * adapter-pg splits scripts on every ";", which breaks function bodies ($$ ... $$). Send the whole
   * migration as one simple-protocol query instead: PostgreSQL runs it as one implicit transaction.
   */
  async connect() {
    const adapter = await super.connect();
    mapCharColumns(adapter);
    adapter.executeScript = async (script) => {
      try {
        await adapter.client.query(script);
      } catch (error) {
        adapter.onError(error);
      }
    };
    return adapter;
  }

  /** adapter-pg drops the shadow database while its own pool is still connected; close first, then drop with FORCE. */
  async connectToShadowDb() {
    const admin = new pg.Client(this.config);
    await admin.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    const shadow = new OfflinePrismaPg({ ...this.config, database });
    const adapter = await shadow.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    };
    return adapter;
  }
}

/** The WASM engine reports a Rust panic's message here before throwing. */
const panics = { message: null, set_message(message) { this.message = message; } };
globalThis.PRISMA_WASM_PANIC_REGISTRY = panics;

async function loadEngine() {
  const wasmPath = new URL("./schema_engine_bg.wasm", import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), { "./schema_engine_bg.js": wasmBindings });
  wasmBindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return wasmBindings;
}

function log(level, message) {
  process.stderr.write(JSON.stringify({ timestamp: new Date().toISOString(), level, fields: { message }, target: "schema_engine::logger" }) + "\n");
}

/** `cli <command>` one-shot commands the Prisma CLI runs outside the RPC session. */
async function runCliCommand(name, datasource) {
  const config = poolConfig(datasource.url);
  if (name === "can-connect-to-database") {
    const client = new pg.Client(config);
    await client.connect();
    await client.end();
    return;
  }
  if (name === "create-database" || name === "drop-database") {
    const admin = new pg.Client({ ...config, database: "postgres" });
    await admin.connect();
    try {
      const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [config.database])).rowCount > 0;
      if (name === "create-database" && !exists) await admin.query(`CREATE DATABASE "${config.database}"`);
      if (name === "drop-database" && exists) await admin.query(`DROP DATABASE "${config.database}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
    return;
  }
  throw new Error(`unsupported cli command: ${name}`);
}

/** Answers one JSON-RPC request with a WASM engine; returns the lines to send back. */
async function answer(engine, request) {
  const params = Array.isArray(request.params) ? request.params[0] : request.params;
  try {
    if (typeof engine[request.method] !== "function") throw new Error(`unknown method ${request.method}`);
    const result = await engine[request.method](params ?? {});
    const reply = { jsonrpc: "2.0", id: request.id, result: result ?? null };
    // The native engine asks the CLI to print `diff` output; the WASM engine returns it instead.
    if (request.method === "diff" && result?.stdout) {
      return [{ jsonrpc: "2.0", id: `print-${request.id}`, method: "print", params: { content: result.stdout } }, reply];
    }
    return [reply];
  } catch (err) {
    const panicked = panics.message !== null;
    const message = panics.message ?? err?.message ?? String(err);
    panics.message = null;
    return [{ jsonrpc: "2.0", id: request.id, error: { code: 4466, message: "An error happened. Check the data field for details.", data: { is_panic: panicked, message, meta: err?.meta ?? null, error_code: err?.error_code ?? null } } }];
  }
}

/**
 * The WASM engine computes "the schema the migrations produce" (on a shadow database) only in
 * `devDiagnostic` and `diagnoseMigrationHistory`, and caches it; `evaluateDataLoss` and
 * `createMigration` read that cache and fail without it. Warm it first through the same engine.
 */
const NEEDS_MIGRATIONS_SCHEMA = new Set(["evaluateDataLoss", "createMigration"]);

async function serveRpc(engine) {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const request = JSON.parse(line);
    if (!request.method) continue; // the CLI's acknowledgement of a "print" request
    const params = Array.isArray(request.params) ? request.params[0] : request.params;
    if (NEEDS_MIGRATIONS_SCHEMA.has(request.method) && params?.migrationsList) {
      await engine.diagnoseMigrationHistory({ migrationsList: params.migrationsList, optInToShadowDatabase: true, filters: params.filters ?? { externalTables: [], externalEnums: [] } }).catch(() => {});
    }
    for (const reply of await answer(engine, request)) process.stdout.write(JSON.stringify(reply) + "\n");
  }
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes("--version") || argv.includes("-V")) {
    const { version } = await loadEngine();
    process.stdout.write(`schema-engine-cli ${version()}\n`);
    return;
  }
  const { datamodels, datasource, command } = parseArgs(argv);
  if (command[0] === "cli") {
    try {
      await runCliCommand(command[1], datasource);
    } catch (err) {
      log("ERROR", err?.message ?? String(err));
      process.exit(1);
    }
    return;
  }
  const { SchemaEngine } = await loadEngine();
  const files = await Promise.all(datamodels.map(async (path) => [path, await readFile(path, "utf8")]));
  const logLine = (line) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`);
  const adapter = bindMigrationAwareSqlAdapterFactory(new OfflinePrismaPg(poolConfig(datasource.url)));
  await serveRpc(await SchemaEngine.new({ datamodels: files.length ? files : undefined }, logLine, adapter));
  process.exit(0);
}

function fail(err) {
  log("ERROR", panics.message ?? err?.stack ?? String(err));
  process.exit(panics.message ? 101 : 1);
}

process.on("uncaughtException", fail);
main().catch(fail);
