#!/usr/bin/env node
import { start } from './broker.js';
import { parseCli } from './cli-options.js';

// The stack launcher spawns this and waits for the "listening on" line.
async function main(): Promise<void> {
  let command;
  try {
    command = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\nTry --help.\n`,
    );
    process.exit(2);
  }
  if (command.kind === 'help') {
    process.stdout.write(command.text);
    return;
  }
  const broker = await start(command.options);
  process.stdout.write(`listening on ${broker.address}\n`);
  const shutdown = (signal: string) => {
    process.stderr.write(`received ${signal}, stopping\n`);
    broker.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => {
    shutdown('SIGTERM');
  });
  process.once('SIGINT', () => {
    shutdown('SIGINT');
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `kafka-broker failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
