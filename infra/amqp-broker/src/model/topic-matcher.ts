// Topic binding keys: words separated by '.', '*' matches exactly one word
// (possibly empty), '#' matches zero or more words. The empty key has no words.

function words(key: string): string[] {
  return key === '' ? [] : key.split('.');
}

export function topicMatches(bindingKey: string, routingKey: string): boolean {
  return match(words(bindingKey), 0, words(routingKey), 0, new Map());
}

function match(
  pattern: string[],
  p: number,
  key: string[],
  k: number,
  memo: Map<number, boolean>,
): boolean {
  const memoKey = p * (key.length + 1) + k;
  const known = memo.get(memoKey);
  if (known !== undefined) return known;
  let result: boolean;
  if (p === pattern.length) {
    result = k === key.length;
  } else if (pattern[p] === '#') {
    // '#' swallows zero words, or one word and stays.
    result =
      match(pattern, p + 1, key, k, memo) ||
      (k < key.length && match(pattern, p, key, k + 1, memo));
  } else {
    result =
      k < key.length &&
      (pattern[p] === '*' || pattern[p] === key[k]) &&
      match(pattern, p + 1, key, k + 1, memo);
  }
  memo.set(memoKey, result);
  return result;
}
