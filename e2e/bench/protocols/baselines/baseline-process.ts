// What every baseline child shares: the bytes to serve come in BENCH_PAYLOAD,
// the port goes out as the first stdout line, so the parent can reach it.

export function payloadFromEnv(): string {
  const payload = process.env.BENCH_PAYLOAD;
  if (!payload) throw new Error('BENCH_PAYLOAD is not set: the bench passes the bytes to serve');
  return payload;
}

export function announcePort(port: number): void {
  process.stdout.write(`${JSON.stringify({ port })}\n`);
}
