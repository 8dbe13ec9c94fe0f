// The ISO 4217 codes the runtime's ICU data knows: a well-formed but unknown
// code ('ZZZ') is refused at the edge like a malformed one.
const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));

/** Whether `code` is an ISO 4217 currency code, upper case (`EUR`). */
export function isCurrencyCode(code: string): boolean {
  return ISO_4217.has(code);
}
