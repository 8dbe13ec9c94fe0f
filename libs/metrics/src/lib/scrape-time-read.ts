/**
 * A value read from elsewhere while Prometheus scrapes (Kafka lag from the
 * broker, a queue's depth), bounded: a broker that does not answer must not
 * hold the scrape up. Rejects after `ms`; the caller skips that reading.
 */
export async function readWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
