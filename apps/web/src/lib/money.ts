/** A Money value as the bff sends it: minor units as an exact decimal string. */
export interface MoneyValue {
  readonly minorUnits: string;
  readonly currency: string;
}

/**
 * "4900" EUR → "€49.00", exact at any size: the whole units stay a BigInt
 * (Intl formats BigInts), and the currency's fraction digits are put in as
 * they are, never through a floating-point number.
 */
export function formatMoney(money: MoneyValue, locale = 'en'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const negative = money.minorUnits.startsWith('-');
  const units = BigInt(negative ? money.minorUnits.slice(1) : money.minorUnits);
  const scale = 10n ** BigInt(digits);
  const whole = units / scale;
  const fraction = (units % scale).toString().padStart(digits, '0');
  return format
    .formatToParts(negative ? -whole : whole)
    .map((part) => (part.type === 'fraction' ? fraction : part.value))
    .join('');
}
