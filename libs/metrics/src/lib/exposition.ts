/** One line of a Prometheus text exposition: a series and its value. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * Parses Prometheus' text format (comments skipped); throws on a line it cannot read.
 * Shared by the tests that scrape /metrics and by `pnpm drill`, which prints a few figures.
 */
export function parseExposition(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = SAMPLE.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const [, name = '', labelText = '', value = ''] = match;
      const labels: Record<string, string> = {};
      for (const [, key = '', raw = ''] of labelText.matchAll(LABEL)) {
        labels[key] = raw.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
      }
      return { name, labels, value: Number(value.replace('+Inf', 'Infinity')) };
    });
}

/** The samples of one metric whose labels include `labels`. */
export function samplesOf(
  samples: readonly Sample[],
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Sample[] {
  return samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
}

/** The sum of those samples' values; 0 when the series does not exist (yet). */
export function valueOf(
  samples: readonly Sample[],
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number {
  return samplesOf(samples, name, labels).reduce((total, s) => total + s.value, 0);
}
