// JSON cannot hold Maps (field tables) or Buffers (bodies, byte arrays):
// they are written as tagged objects and revived on load.

export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return { $map: [...(v as Map<unknown, unknown>)] };
    if (isSerializedBuffer(v)) return { $bytes: Buffer.from(v.data).toString('base64') };
    return v;
  });
}

export function fromJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null) return v;
    if ('$map' in v) return new Map(v.$map as [unknown, unknown][]);
    if ('$bytes' in v) return Buffer.from(v.$bytes as string, 'base64');
    return v;
  });
}

// Buffer#toJSON runs before the replacer sees the value.
function isSerializedBuffer(v: unknown): v is { type: 'Buffer'; data: number[] } {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as { type?: unknown }).type === 'Buffer' &&
    Array.isArray((v as { data?: unknown }).data)
  );
}
