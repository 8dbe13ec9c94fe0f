import { z } from 'zod';

const uuid = z.uuid();

/** Ids reach PostgreSQL's uuid columns only when well-formed: anything else is "no such row". */
export function isUuid(value: string): boolean {
  return uuid.safeParse(value).success;
}
