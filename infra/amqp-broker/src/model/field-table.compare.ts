import { isInteger, type FieldTable, type FieldValue } from '../codec/field-table.codec.js';

// RabbitMQ compares arguments by type class and value: amqplib writes 300 as
// a short and 60000 as an int, and both are "an integer".
export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (isInteger(a) || isInteger(b)) return isInteger(a) && isInteger(b) && a.value === b.value;
  if (a.tag !== b.tag) return false;
  if (a.tag === 'A' && b.tag === 'A') {
    return a.value.length === b.value.length && a.value.every((v, i) => sameValue(v, b.value[i]));
  }
  if (a.tag === 'F' && b.tag === 'F') return sameTable(a.value, b.value);
  if (a.tag === 'x' && b.tag === 'x') return a.value.equals(b.value);
  if (a.tag === 'D' && b.tag === 'D')
    return a.value.places === b.value.places && a.value.digits === b.value.digits;
  return a.value === b.value;
}

export function sameTable(a: FieldTable, b: FieldTable): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (!sameValue(value, b.get(key))) return false;
  return true;
}
