import { Writable } from 'node:stream';

/**
 * Every JSON log line an app writes, parsed: give `stream` to the app as its
 * log destination, then wait for a line (a marker) instead of for time.
 * `echo` also writes the lines to stdout, for a test run that wants to see them.
 */
export class LogLines {
  readonly lines: Record<string, unknown>[] = [];
  readonly stream: Writable;

  constructor(echo = false) {
    this.stream = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        if (echo) process.stdout.write(chunk);
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          this.lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    });
  }
}
