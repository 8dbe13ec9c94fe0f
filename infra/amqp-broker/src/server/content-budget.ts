/** The body bytes a connection's unfinished publishes have announced, against its bound. */
export class ContentBudget {
  private reserved = 0;

  constructor(readonly limit: number) {}

  /** Reserves `bytes`, or answers false (and reserves nothing) when that would exceed the bound. */
  reserve(bytes: number): boolean {
    if (this.reserved + bytes > this.limit) return false;
    this.reserved += bytes;
    return true;
  }

  release(bytes: number): void {
    this.reserved -= bytes;
  }
}
