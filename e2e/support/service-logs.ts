import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One JSON log line of an app, as pino wrote it (plus the raw text). */
export interface LogLine {
  readonly service: string;
  readonly raw: string;
  readonly correlationId?: unknown;
  readonly trace_id?: unknown;
  readonly [field: string]: unknown;
}

/** Every JSON line an app wrote to its stack log so far (non-JSON lines, e.g. a stack trace, are skipped). */
export async function logLinesOf(logDir: string, service: string): Promise<LogLine[]> {
  const text = await readFile(join(logDir, `${service}.log`), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((raw) => raw.startsWith('{'))
    .flatMap((raw) => {
      try {
        return [{ ...(JSON.parse(raw) as Record<string, unknown>), service, raw }];
      } catch {
        return [];
      }
    });
}
