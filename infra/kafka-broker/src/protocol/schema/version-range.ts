// A version range as Kafka's message definitions write it: "3-13", "9+", "0", "none".
export class VersionRange {
  static readonly NONE = new VersionRange(0, -1);

  private constructor(
    readonly min: number,
    readonly max: number,
  ) {}

  static parse(text: string): VersionRange {
    if (text === 'none') return VersionRange.NONE;
    const open = /^(\d+)\+$/.exec(text);
    if (open) return new VersionRange(Number(open[1]), Number.POSITIVE_INFINITY);
    const closed = /^(\d+)(?:-(\d+))?$/.exec(text);
    if (!closed) throw new Error(`not a version range: ${text}`);
    const min = Number(closed[1]);
    return new VersionRange(min, closed[2] === undefined ? min : Number(closed[2]));
  }

  contains(version: number): boolean {
    return version >= this.min && version <= this.max;
  }
}
