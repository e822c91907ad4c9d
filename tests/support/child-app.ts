// Runs the route handlers in a process of their own (configured by the environment), so a test
// can kill it with SIGKILL at a chosen moment, as a crash would.
import { startAppServer } from "./app-server";

const app = await startAppServer();
process.stdout.write(`listening ${app.url}\n`);
