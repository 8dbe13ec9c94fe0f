import { realKafkaUnavailableReason, runKafkaTool, type KafkaToolName } from '@shop/real-kafka';

// Kafka's own CLI tools come from the jars @shop/real-kafka pins and caches (Maven,
// once). Without Java 17 or the jars the suite is skipped with the reason printed,
// unless REQUIRE_REAL_KAFKA=1 (CI), where that is a failure.
export const toolsUnavailable = realKafkaUnavailableReason();
if (toolsUnavailable !== undefined) {
  if (process.env.REQUIRE_REAL_KAFKA === '1')
    throw new Error(`REQUIRE_REAL_KAFKA=1 but ${toolsUnavailable}`);
  console.warn(`[kafka-broker cli-tools] suite skipped: ${toolsUnavailable}`);
}

export interface ToolRun {
  readonly code: number | null;
  readonly lines: string[];
  readonly stderr: string;
}

/** Runs one tool against `bootstrap`; the output as lines without the empty ones. */
export async function kafkaTool(
  name: KafkaToolName,
  bootstrap: string,
  args: readonly string[],
  input?: string,
): Promise<ToolRun> {
  const result = await runKafkaTool(name, ['--bootstrap-server', bootstrap, ...args], {
    input,
    timeoutMs: 150_000,
  });
  return {
    code: result.code,
    lines: result.stdout.split('\n').filter((line) => line.trim() !== ''),
    stderr: result.stderr,
  };
}

/** kafka-consumer-groups --describe rows, by column name. */
export function groupRows(lines: readonly string[]): Record<string, string>[] {
  const headerIndex = lines.findIndex((line) => line.startsWith('GROUP '));
  const header = lines[headerIndex]?.split(/\s+/) ?? [];
  return lines
    .slice(headerIndex + 1)
    .map((line) => line.trim().split(/\s+/))
    .map((cells) =>
      Object.fromEntries(header.map((column, index) => [column, cells[index] ?? ''])),
    );
}
