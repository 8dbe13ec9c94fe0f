/** Keeps the last lines of a process's output for error messages, passing each line on. */
export class LogTail {
  private readonly lines: string[] = [];
  constructor(
    private readonly onLine: (line: string) => void = () => undefined,
    private readonly size = 30,
  ) {}
  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.size) this.lines.shift();
    this.onLine(line);
  }
  text(): string {
    return this.lines.join('\n');
  }
}
