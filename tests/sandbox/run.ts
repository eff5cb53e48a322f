import { optionsFromEnv, printSummary, startSandbox } from "./main";

const options = optionsFromEnv();
const sandbox = await startSandbox(options).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
printSummary(sandbox.info, options.infoFile);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the sandbox…");
    void sandbox.stop().then(() => process.exit(0));
  });
}
